/// `DecodeModel` over a decoder graph compiled with a sequence-first KV cache
/// (inference-graph.ts, `kvLayout: 'sequence-first'`): the graph takes the past as (P, B, H, D)
/// and returns only the new tokens' keys and values, (T, B, H, D). The cache lives here, in buffers
/// allocated once per model and sequence shape: a prefix of a buffer is the next run's past as it
/// is (no copy into onnxruntime), and each run's new keys and values are appended in place.
/// With the Optimum layout (onnx-decode-model.ts) every step returned the whole cache into fresh
/// JavaScript arrays: most of a step at the app's context lengths (tests/benchmarks/kv-transfer.ts).
/// Same two caches and prefix reuse as OnnxDecodeModel: the prompt cache (batch 1) and the decode
/// state (every row), so a writer who typed a few words pays only for the new tokens.
/// Legend: B = rows, H = heads, L = cached tokens, D = head size, V = vocabulary.
import * as ort from 'onnxruntime-node'
import type { DecodeModel } from '../../src/shared/generation/model'
import { cacheNames, checkPrompt, checkStep, TokenFeeds } from './decoder-feeds'
import { commonPrefixLength, type DecoderShape, type PrefillStats } from './onnx-decode-model'

/// One sequence-first cache: per layer and kind a buffer of (capacity, rows, H, D) floats.
class SequenceCache {
  /// Tokens the cache holds, per row (rows share the prompt, then part ways).
  tokens: number[][] = []

  constructor(
    readonly rows: number,
    readonly slot: number, // H · D
    /// Per layer and kind; another cache's when one row decodes in the prompt cache's buffers.
    readonly buffers: Float32Array[]
  ) {}

  get length(): number {
    return this.tokens[0]?.length ?? 0
  }

  /// The first `length` positions of buffer `index` as a (length, rows, H, D) tensor: a view.
  past(index: number, length: number, heads: number, headSize: number): ort.Tensor {
    const data = this.buffers[index].subarray(0, length * this.rows * this.slot)
    return new ort.Tensor('float32', data, [length, this.rows, heads, headSize])
  }

  /// Writes `fresh` (T, rows, H, D) at position `at` of buffer `index`.
  append(index: number, fresh: Float32Array, at: number): void {
    this.buffers[index].set(fresh, at * this.rows * this.slot)
  }
}

export class SequenceFirstDecodeModel implements DecodeModel {
  readonly vocabSize: number
  readonly contextLength: number
  lastPrefill: PrefillStats = { promptTokens: 0, reusedTokens: 0, reusedFrom: 'none' }
  private promptCache: SequenceCache | undefined
  private decodeState: SequenceCache | undefined
  private readonly pastNames: string[]
  private readonly newNames: string[]
  private readonly tokenFeeds: TokenFeeds

  constructor(
    readonly session: ort.InferenceSession,
    readonly shape: DecoderShape
  ) {
    this.vocabSize = shape.vocabSize
    this.contextLength = shape.contextLength
    this.pastNames = cacheNames(shape.layers, 'past_key_values')
    this.newNames = cacheNames(shape.layers, 'new')
    this.tokenFeeds = new TokenFeeds(shape.contextLength)
  }

  async prefill(
    promptIds: readonly number[],
    rows: number,
    signal?: AbortSignal
  ): Promise<Float32Array> {
    signal?.throwIfAborted()
    checkPrompt(promptIds, this.contextLength)
    // 1. the longest cached prefix, copied into the prompt cache when it came from a decoded row
    // (keep at least one token to run: its logits are the answer)
    const { reused, from } = this.reusePrefix(promptIds)
    this.lastPrefill = { promptTokens: promptIds.length, reusedTokens: reused, reusedFrom: from }
    const cache = this.promptCache!
    // 2. run the new tokens after it, appending their keys and values to the prompt cache
    const output = await this.run([promptIds.slice(reused)], cache, reused, 1)
    signal?.throwIfAborted()
    cache.tokens = [[...promptIds]]
    // 3. one copy of the prompt's cache per row
    this.decodeState = this.spread(cache, rows)
    return output.logits.data as Float32Array
  }

  async step(tokens: readonly number[], signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted()
    const state = this.decodeState
    if (!state) throw new Error('step() before prefill()')
    const length = state.length
    checkStep(tokens.length, state.rows, length, this.contextLength)
    const output = await this.run(
      tokens.map((token) => [token]),
      state,
      length,
      1
    )
    tokens.forEach((token, row) => state.tokens[row].push(token))
    const logits = output.logits.data as Float32Array // (B, 1, V)
    const V = this.vocabSize
    return tokens.map((_, row) => logits.subarray(row * V, (row + 1) * V))
  }

  /// Logits (T, V) for every position of `ids`, computed from scratch (for evaluation). Keeps no
  /// keys or values, so the prompt cache and decode state stay as they were.
  async logitsOf(ids: readonly number[]): Promise<Float32Array> {
    const output = await this.run([ids], null, 0, 0)
    return output.logits.data as Float32Array
  }

  /// Forgets both caches (frees their memory).
  clearCache(): void {
    this.promptCache = undefined
    this.decodeState = undefined
  }

  async release(): Promise<void> {
    this.clearCache()
    await this.session.release()
  }

  private newCache(rows: number): SequenceCache {
    const slot = this.shape.heads * this.shape.headSize
    const size = this.contextLength * rows * slot
    const buffers = this.pastNames.map(() => new Float32Array(size))
    return new SequenceCache(rows, slot, buffers)
  }

  // Makes the prompt cache hold the longest prefix of `promptIds` that any cache has, and says how
  // long it is and where it came from.
  private reusePrefix(promptIds: readonly number[]): {
    reused: number
    from: PrefillStats['reusedFrom']
  } {
    const limit = promptIds.length - 1
    const prompt = this.promptCache
    const fromPrompt = prompt
      ? Math.min(commonPrefixLength(prompt.tokens[0] ?? [], promptIds), limit)
      : 0
    let bestRow = -1
    let fromRow = 0
    this.decodeState?.tokens.forEach((tokens, row) => {
      const reused = Math.min(commonPrefixLength(tokens, promptIds), limit)
      if (reused > fromRow) {
        fromRow = reused
        bestRow = row
      }
    })
    if (fromRow > fromPrompt && this.decodeState) {
      // A decoded row knows more of the prompt (the writer accepted an alternative): copy its
      // first `fromRow` positions into the prompt cache, unless it decoded in those very buffers.
      const state = this.decodeState
      const cache = prompt ?? this.newCache(1)
      const copy = state.buffers !== cache.buffers
      for (let index = 0; copy && index < cache.buffers.length; index++) {
        const source = state.buffers[index]
        const target = cache.buffers[index]
        for (let at = 0; at < fromRow; at++) {
          const start = (at * state.rows + bestRow) * state.slot
          target.set(source.subarray(start, start + state.slot), at * cache.slot)
        }
      }
      cache.tokens = [promptIds.slice(0, fromRow)]
      this.promptCache = cache
      return { reused: fromRow, from: 'row' }
    }
    this.promptCache = prompt ?? this.newCache(1)
    // Positions past the reused prefix are overwritten by the run that follows.
    this.promptCache.tokens = [promptIds.slice(0, fromPrompt)]
    return fromPrompt > 0 ? { reused: fromPrompt, from: 'prompt' } : { reused: 0, from: 'none' }
  }

  // The decode state for `rows` rows, each starting from the prompt cache's tokens. One row
  // decodes in the prompt cache's own buffers: its steps write past the prompt, where the next
  // prefill writes anyway, so nothing is copied (as the Optimum model shares its tensors).
  private spread(prompt: SequenceCache, rows: number): SequenceCache {
    if (rows === 1) {
      const state = new SequenceCache(1, prompt.slot, prompt.buffers)
      state.tokens = [[...prompt.tokens[0]]]
      return state
    }
    const previous = this.decodeState
    const state =
      previous && previous.rows === rows && previous.buffers !== prompt.buffers
        ? previous
        : this.newCache(rows)
    const length = prompt.length
    for (let index = 0; index < state.buffers.length; index++) {
      const source = prompt.buffers[index]
      const target = state.buffers[index]
      for (let at = 0; at < length; at++) {
        const slot = source.subarray(at * prompt.slot, (at + 1) * prompt.slot)
        for (let row = 0; row < rows; row++) target.set(slot, (at * rows + row) * state.slot)
      }
    }
    state.tokens = Array.from({ length: rows }, () => [...prompt.tokens[0]])
    return state
  }

  /// One forward pass: `ids` (B, T) after the first `pastLength` positions of `cache`, whose new
  /// keys and values are written into `cache` after them. With no cache, from scratch, and the
  /// new keys and values are dropped.
  private async run(
    ids: readonly (readonly number[])[],
    cache: SequenceCache | null,
    pastLength: number,
    logitsToKeep: number
  ): Promise<ort.InferenceSession.ReturnType> {
    const feeds = this.tokenFeeds.feeds(ids, pastLength, logitsToKeep)
    const { heads: H, headSize: D } = this.shape
    const empty = new ort.Tensor('float32', new Float32Array(0), [0, ids.length, H, D])
    this.pastNames.forEach(
      (name, i) => (feeds[name] = cache ? cache.past(i, pastLength, H, D) : empty)
    )
    const output = await this.session.run(feeds)
    if (cache) {
      this.newNames.forEach((name, i) =>
        cache.append(i, output[name].data as Float32Array, pastLength)
      )
    }
    return output
  }
}
