/// Draws (B, T+1) windows of token ids from one long token array, reproducibly: the sampler's
/// whole state (RNG state, data position, batches drawn) is three numbers, so a run saved after
/// batch k and resumed draws batch k + 1 exactly as the uninterrupted run would.
import type { BatchShape } from '../onnx/training-graph'
import { SeededRandom } from './random'

/// Token ids: anything indexable (a Uint16Array from a token file, an Int32Array, a number[]).
export type TokenArray = ArrayLike<number>

/// `random`: each row starts at a uniformly drawn offset (nanoGPT `get_batch`).
/// `sequential`: rows follow each other through the data and wrap around (llm.c dataloader).
export type BatchOrder = 'random' | 'sequential'

export interface BatchSamplerState {
  order: BatchOrder
  /// The RNG's state (random order).
  randomState: number
  /// Next token offset (sequential order).
  position: number
  /// Batches drawn so far.
  batchesDrawn: number
}

export class BatchSampler {
  private readonly random: SeededRandom
  private position: number
  private drawn: number

  /// `seedOrState`: a seed to start a fresh stream, or a saved state to resume one.
  constructor(
    private readonly tokens: TokenArray,
    readonly batch: BatchShape,
    readonly order: BatchOrder,
    seedOrState: number | BatchSamplerState
  ) {
    const window = batch.batchSize * batch.sequenceLength + 1
    if (tokens.length < window) {
      throw new Error(
        `BatchSampler: ${tokens.length} tokens cannot fill one batch of B·T+1 = ${window}; ` +
          'add more text or lower the batch size or sequence length'
      )
    }
    if (typeof seedOrState === 'number') {
      this.random = new SeededRandom(seedOrState)
      this.position = 0
      this.drawn = 0
    } else {
      if (seedOrState.order !== order) {
        throw new Error(
          `BatchSampler: saved state is for '${seedOrState.order}' order, not '${order}'`
        )
      }
      this.random = new SeededRandom(seedOrState.randomState)
      this.position = seedOrState.position
      this.drawn = seedOrState.batchesDrawn
    }
  }

  get state(): BatchSamplerState {
    return {
      order: this.order,
      randomState: this.random.seed,
      position: this.position,
      batchesDrawn: this.drawn
    }
  }

  /// The next batch, row-major (B, T+1), as the int64 `input_ids` the graphs take.
  next(): BigInt64Array {
    const { batchSize: B, sequenceLength: T } = this.batch
    const out = new BigInt64Array(B * (T + 1))
    for (let row = 0; row < B; row++) {
      const start =
        this.order === 'random' ? this.random.integer(this.tokens.length - T) : this.position
      for (let t = 0; t <= T; t++) out[row * (T + 1) + t] = BigInt(this.tokens[start + t])
      if (this.order === 'sequential') this.position += T
    }
    // sequential: wrap when the next batch would run past the end (llm.c `dataloader_next_batch`)
    if (this.order === 'sequential' && this.position + B * T + 1 > this.tokens.length) {
      this.position = 0
    }
    this.drawn++
    return out
  }
}
