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

/// One draw from softmax(logits): token i with probability exp(logits[i]) / Σ exp(logits).
export function sampleToken(logits: Float32Array, random: Random): number {
  let max = -Infinity
  for (let index = 0; index < logits.length; index++) {
    if (logits[index] > max) max = logits[index]
  }
  if (max === -Infinity) throw noTokenLeft()
  // Subtracting the max keeps exp() in range; the sums run in float64.
  let total = 0
  for (let index = 0; index < logits.length; index++) {
    if (logits[index] > -Infinity) total += Math.exp(logits[index] - max)
  }
  const threshold = random() * total
  let cumulative = 0
  let last = -1
  for (let index = 0; index < logits.length; index++) {
    if (!(logits[index] > -Infinity)) continue
    cumulative += Math.exp(logits[index] - max)
    last = index
    if (threshold < cumulative) return index
  }
  // Rounding can leave the threshold a hair above the final sum.
  return last
}

/// The sampler for a temperature: greedy at 0, otherwise draws from `random`.
export function samplerFor(temperature: number, random: Random): Sampler {
  return temperature === 0 ? greedyToken : (logits) => sampleToken(logits, random)
}
