/// Tiny GPT-2 fixtures shared by the training tests (written here, not derived from any corpus).
import * as ort from 'onnxruntime-node'
import {
  elementCount,
  parameterSpecs,
  type Gpt2Shape,
  type Gpt2Weights
} from '../../../../training/train/gpt2-shapes'
import { SeededRandom } from '../../../../training/train/random'

/// 2 layers, 24 channels, 3 heads (head size 8), vocab 37, 12 positions (> T, so the position
/// gradient's zero rows are exercised).
export const TINY: Gpt2Shape = {
  n_layer: 2,
  n_head: 3,
  n_embd: 24,
  n_positions: 12,
  vocab_size: 37,
  layer_norm_epsilon: 1e-5
}

export const TINY_BATCH = { batchSize: 2, sequenceLength: 8 }

/// Weights large enough that every gradient is far from zero: normal(0, scale) everywhere,
/// LayerNorm gains around 1.
export function randomWeights(config: Gpt2Shape, seed: number, scale = 0.2): Gpt2Weights {
  const random = new SeededRandom(seed)
  const weights: Gpt2Weights = new Map()
  for (const spec of parameterSpecs(config)) {
    const data = new Float32Array(elementCount(spec.shape))
    const gain = /\.ln_\w+\.weight$/.test(spec.name)
    for (let i = 0; i < data.length; i++) data[i] = (gain ? 1 : 0) + scale * random.normal()
    weights.set(spec.name, data)
  }
  return weights
}

/// B rows of T+1 random token ids.
export function randomTokens(config: Gpt2Shape, B: number, T: number, seed: number): number[][] {
  const random = new SeededRandom(seed)
  return Array.from({ length: B }, () =>
    Array.from({ length: T + 1 }, () => random.integer(config.vocab_size))
  )
}

export function tokenTensor(rows: number[][]): ort.Tensor {
  return new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [
    rows.length,
    rows[0].length
  ])
}

export function weightFeeds(config: Gpt2Shape, weights: Gpt2Weights): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {}
  for (const spec of parameterSpecs(config)) {
    feeds[spec.name] = new ort.Tensor('float32', weights.get(spec.name) as Float32Array, [
      ...spec.shape
    ])
  }
  return feeds
}

/// llm.c-style tensor check: max |a − b| / (max |b| + 1e-8).
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error('length mismatch')
  let difference = 0
  let magnitude = 0
  for (let i = 0; i < expected.length; i++) {
    difference = Math.max(difference, Math.abs(actual[i] - expected[i]))
    magnitude = Math.max(magnitude, Math.abs(expected[i]))
  }
  return difference / (magnitude + 1e-8)
}
