/// Picks the next token from processed logits (V): the argmax for greedy decoding, or one draw from
/// softmax(logits) with a seeded generator. Tokens at -Infinity are never chosen.
import type { Random } from './random'

/// Chooses one token id from one alternative's logits.
export type Sampler = (logits: Float32Array) => number

function noTokenLeft(): Error {
  return new Error(
    'Every token was ruled out (all logits are -Infinity or NaN). Lower noRepeatNgramSize or ' +
      'check that the model produced valid logits.'
  )
}

/// The index of the largest logit (the first one on ties; NaN never wins).
export function greedyToken(logits: Float32Array): number {
  let best = -1
  let bestLogit = -Infinity
  for (let index = 0; index < logits.length; index++) {
    if (logits[index] > bestLogit) {
      bestLogit = logits[index]
      best = index
    }
  }
  if (best < 0) throw noTokenLeft()
  return best
}

// Up to this many finite logits (what top-k leaves), the draw walks a gathered list instead of V.
const GATHER_LIMIT = 1024

/// One draw from softmax(logits): token i with probability exp(logits[i]) / Σ exp(logits).
export function sampleToken(logits: Float32Array, random: Random): number {
  let max = -Infinity
  let finite = 0
  const gathered: number[] = []
  for (let index = 0; index < logits.length; index++) {
    const logit = logits[index]
    if (logit > -Infinity) {
      if (++finite <= GATHER_LIMIT) gathered.push(index)
      if (logit > max) max = logit
    }
  }
  if (finite === 0) throw noTokenLeft()
  const candidates = finite <= GATHER_LIMIT ? gathered : finiteIndices(logits)
  // Subtracting the max keeps exp() in range; the sums run in float64.
  let total = 0
  for (const index of candidates) total += Math.exp(logits[index] - max)
  const threshold = random() * total
  let cumulative = 0
  for (const index of candidates) {
    cumulative += Math.exp(logits[index] - max)
    if (threshold < cumulative) return index
  }
  // Rounding can leave the threshold a hair above the final sum.
  return candidates[candidates.length - 1]
}

function finiteIndices(logits: Float32Array): number[] {
  const indices: number[] = []
  for (let index = 0; index < logits.length; index++) {
    if (logits[index] > -Infinity) indices.push(index)
  }
  return indices
}

/// The sampler for a temperature: greedy at 0, otherwise draws from `random`.
export function samplerFor(temperature: number, random: Random): Sampler {
  return temperature === 0 ? greedyToken : (logits) => sampleToken(logits, random)
}
