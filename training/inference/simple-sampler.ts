/// TEMPORARY: a minimal sampling loop so the CLI works before the shared decode loop
/// (src/shared/generation `generate()`) lands on this branch. Replace its one caller in
/// training/cli/generate-command.ts with `generate()` and delete this file.
import type { DecodeModel } from '../../src/shared/generation/model'

export interface SimpleSamplingOptions {
  /// Alternatives decoded side by side from the same prompt.
  rows: number
  maxTokens: number
  /// Divides the logits; below 1 sharpens, above 1 flattens. Default 1.
  temperature?: number
  /// Keep only the K most likely tokens. Default 50; 0 keeps all.
  topK?: number
  /// Keep the smallest set of tokens whose probability reaches P. Default 1 (off).
  topP?: number
  seed?: number
  /// A row stops when it samples this token.
  eosTokenId?: number
  signal?: AbortSignal
}

/// Samples `rows` continuations of the prompt; each returned array holds only the new tokens.
export async function sampleAlternatives(
  model: DecodeModel,
  promptIds: readonly number[],
  options: SimpleSamplingOptions
): Promise<number[][]> {
  const random = xorshift(options.seed ?? Date.now())
  const outputs: number[][] = Array.from({ length: options.rows }, () => [])
  const done = new Array<boolean>(options.rows).fill(false)
  const budget = Math.min(options.maxTokens, model.contextLength - promptIds.length)
  // 1. prefill; every row starts from the same logits
  const first = await model.prefill(promptIds, options.rows, options.signal)
  let logits = outputs.map(() => first)
  for (let i = 0; i < budget; i++) {
    // 2. sample one token per row (finished rows repeat their last token; their output is ignored)
    const tokens = logits.map((rowLogits, row) => {
      if (done[row]) return outputs[row].at(-1) ?? 0
      const token = sample(rowLogits, options, random)
      if (token === options.eosTokenId) done[row] = true
      else outputs[row].push(token)
      return token
    })
    // 3. stop when every row is done, else run the step
    if (done.every(Boolean) || i === budget - 1) break
    logits = await model.step(tokens, options.signal)
  }
  return outputs
}

function sample(
  logits: Float32Array,
  options: SimpleSamplingOptions,
  random: () => number
): number {
  const temperature = Math.max(options.temperature ?? 1, 1e-5)
  const topK = options.topK ?? 50
  const topP = options.topP ?? 1
  // Candidates: the top K (all when 0), most likely first.
  const k = topK > 0 ? Math.min(topK, logits.length) : logits.length
  const candidates = topIndices(logits, k)
  const weights = candidates.map((index) =>
    Math.exp((logits[index] - logits[candidates[0]]) / temperature)
  )
  const total = weights.reduce((a, b) => a + b, 0)
  let kept = weights.length
  if (topP < 1) {
    let mass = 0
    for (kept = 0; kept < weights.length && mass < topP * total; kept++) mass += weights[kept]
  }
  const keptTotal = weights.slice(0, kept).reduce((a, b) => a + b, 0)
  let threshold = random() * keptTotal
  for (let i = 0; i < kept; i++) {
    threshold -= weights[i]
    if (threshold <= 0) return candidates[i]
  }
  return candidates[kept - 1]
}

/// Indices of the k largest values, largest first (insertion into a short sorted list).
function topIndices(values: Float32Array, k: number): number[] {
  if (k >= values.length) return Array.from(values.keys()).sort((a, b) => values[b] - values[a])
  const best: number[] = []
  for (let i = 0; i < values.length; i++) {
    const value = values[i]
    if (best.length === k && value <= values[best[k - 1]]) continue
    let position = best.length === k ? k - 1 : best.length
    while (position > 0 && values[best[position - 1]] < value) {
      best[position] = best[position - 1]
      position--
    }
    best[position] = i
  }
  return best
}

function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9
  return () => {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 4294967296
  }
}
