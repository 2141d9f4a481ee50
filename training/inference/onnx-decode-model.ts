/// `DecodeModel` over an onnxruntime-node session running the GPT-2 decoder graph
/// (training/onnx/inference-graph.ts or a standard transformers.js export with
/// `num_logits_to_keep`). It keeps two KV caches:
/// - the prompt cache: the last prompt's keys and values (batch 1), and
/// - the decode state: every row's keys and values while alternatives are being decoded.
/// A new prompt reuses the longest common prefix with the prompt cache or with any decoded row,
/// so a writer who typed a few words (or accepted an alternative) pays only for the new tokens.
/// Legend: B = rows, H = heads, L = cached tokens, D = head size, V = vocabulary.
import * as ort from 'onnxruntime-node'
import type { DecodeModel } from '../../src/shared/generation/model'
import { cacheNames, checkPrompt, checkStep, TokenFeeds } from './decoder-feeds'

export interface DecoderShape {
  layers: number
  heads: number
  headSize: number
  vocabSize: number
  contextLength: number
}

/// What the last `prefill` did, for benchmarks and tests.
export interface PrefillStats {
  promptTokens: number
  /// Tokens whose keys and values came from the cache.
  reusedTokens: number
  /// Where they came from.
  reusedFrom: 'none' | 'prompt' | 'row'
}

interface Cache {
  /// Tokens whose keys and values the tensors hold (the same for every row of `past`).
  tokens: number[][]
  /// Per layer: key then value, (B, H, L, D).
  past: ort.Tensor[]
}

export class OnnxDecodeModel implements DecodeModel {
  readonly vocabSize: number
  readonly contextLength: number
  lastPrefill: PrefillStats = { promptTokens: 0, reusedTokens: 0, reusedFrom: 'none' }
  private promptCache: Cache | undefined
  private decodeState: Cache | undefined
  private readonly pastNames: string[]
  private readonly presentNames: string[]
  private readonly tokenFeeds: TokenFeeds

  constructor(
    readonly session: ort.InferenceSession,
    readonly shape: DecoderShape
  ) {
    this.vocabSize = shape.vocabSize
    this.contextLength = shape.contextLength
    this.pastNames = cacheNames(shape.layers, 'past_key_values')
    this.presentNames = cacheNames(shape.layers, 'present')
    this.tokenFeeds = new TokenFeeds(shape.contextLength)
  }

  async prefill(
    promptIds: readonly number[],
    rows: number,
    signal?: AbortSignal
  ): Promise<Float32Array> {
    signal?.throwIfAborted()
    checkPrompt(promptIds, this.contextLength)
    // 1. the longest cached prefix (keep at least one token to run: its logits are the answer)
    const { past, reused, from } = this.reusablePrefix(promptIds)
    this.lastPrefill = { promptTokens: promptIds.length, reusedTokens: reused, reusedFrom: from }
    // 2. run the new tokens after it
    const output = await this.run([promptIds.slice(reused)], reused, past, 1)
    signal?.throwIfAborted()
    const present = this.presentNames.map((name) => output[name])
    this.promptCache = { tokens: [[...promptIds]], past: present }
    // 3. one copy of the cache per row (rows = 1 shares the tensors: onnxruntime never writes inputs)
    this.decodeState = {
      tokens: Array.from({ length: rows }, () => [...promptIds]),
      past: rows === 1 ? present : present.map((tensor) => repeatBatch(tensor, rows))
    }
    return output.logits.data as Float32Array
  }

  async step(tokens: readonly number[], signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted()
    const state = this.decodeState
    if (!state) throw new Error('step() before prefill()')
    const length = state.tokens[0].length
    checkStep(tokens.length, state.tokens.length, length, this.contextLength)
    const output = await this.run(
      tokens.map((token) => [token]),
      length,
      state.past,
      1
    )
    // The outputs become the next inputs as they are: no copy of the cache.
    state.past = this.presentNames.map((name) => output[name])
    tokens.forEach((token, row) => state.tokens[row].push(token))
    const logits = output.logits.data as Float32Array // (B, 1, V)
    const V = this.vocabSize
    return tokens.map((_, row) => logits.subarray(row * V, (row + 1) * V))
  }

  /// Logits (T, V) for every position of `ids`, computed from scratch (for evaluation).
  async logitsOf(ids: readonly number[]): Promise<Float32Array> {
    const output = await this.run([ids], 0, undefined, 0)
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

  private reusablePrefix(promptIds: readonly number[]): {
    past: ort.Tensor[] | undefined
    reused: number
    from: PrefillStats['reusedFrom']
  } {
    let best: {
      past: ort.Tensor[] | undefined
      reused: number
      from: PrefillStats['reusedFrom']
      cachedLength: number
    } = {
      past: undefined,
      reused: 0,
      from: 'none',
      cachedLength: 0
    }
    const consider = (cache: Cache | undefined, row: number, from: PrefillStats['reusedFrom']) => {
      if (!cache) return
      const tokens = cache.tokens[row]
      const reused = Math.min(commonPrefixLength(tokens, promptIds), promptIds.length - 1)
      if (reused > best.reused) {
        const past =
          cache.tokens.length === 1 ? cache.past : cache.past.map((tensor) => batchRow(tensor, row))
        best = { past, reused, from, cachedLength: tokens.length }
      }
    }
    consider(this.promptCache, 0, 'prompt')
    this.decodeState?.tokens.forEach((_, row) => consider(this.decodeState, row, 'row'))
    if (best.reused === 0 || !best.past) return { past: undefined, reused: 0, from: 'none' }
    const past =
      best.reused === best.cachedLength
        ? best.past
        : best.past.map((tensor) => truncateSequence(tensor, best.reused))
    return { past, reused: best.reused, from: best.from }
  }

  /// One forward pass: `ids` (B, T) after `pastLength` cached tokens.
  private async run(
    ids: readonly (readonly number[])[],
    pastLength: number,
    past: readonly ort.Tensor[] | undefined,
    logitsToKeep: number
  ): Promise<ort.InferenceSession.ReturnType> {
    const feeds = this.tokenFeeds.feeds(ids, pastLength, logitsToKeep)
    const { heads: H, headSize: D } = this.shape
    const empty = past
      ? undefined
      : new ort.Tensor('float32', new Float32Array(0), [ids.length, H, 0, D])
    this.pastNames.forEach((name, i) => (feeds[name] = past ? past[i] : empty!))
    return this.session.run(feeds)
  }
}

export function commonPrefixLength(a: readonly number[], b: readonly number[]): number {
  const limit = Math.min(a.length, b.length)
  let i = 0
  while (i < limit && a[i] === b[i]) i++
  return i
}

/// (1, H, L, D) → (B, H, L, D): the same cache for every row.
export function repeatBatch(tensor: ort.Tensor, rows: number): ort.Tensor {
  const data = tensor.data as Float32Array
  const out = new Float32Array(data.length * rows)
  for (let row = 0; row < rows; row++) out.set(data, row * data.length)
  const [, H, L, D] = tensor.dims
  return new ort.Tensor('float32', out, [rows, H, L, D])
}

/// Row `row` of (B, H, L, D) as (1, H, L, D): a view, no copy (rows are contiguous).
export function batchRow(tensor: ort.Tensor, row: number): ort.Tensor {
  const [, H, L, D] = tensor.dims
  const size = H * L * D
  const data = (tensor.data as Float32Array).subarray(row * size, (row + 1) * size)
  return new ort.Tensor('float32', data, [1, H, L, D])
}

/// (B, H, L, D) → (B, H, keep, D): the first `keep` positions of every head (a copy).
export function truncateSequence(tensor: ort.Tensor, keep: number): ort.Tensor {
  const [B, H, L, D] = tensor.dims
  const data = tensor.data as Float32Array
  const out = new Float32Array(B * H * keep * D)
  for (let bh = 0; bh < B * H; bh++) {
    out.set(data.subarray(bh * L * D, bh * L * D + keep * D), bh * keep * D)
  }
  return new ort.Tensor('float32', out, [B, H, keep, D])
}
