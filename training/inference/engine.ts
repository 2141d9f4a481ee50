/// The local inference engine: a model folder → a ready `DecodeModel` + tokenizer, compiling the
/// ONNX graph on first use, plus `evaluate` for validation loss (nats/token, bits/word).
import { existsSync } from 'node:fs'
import * as ort from 'onnxruntime-node'
import type { GPT2Config } from '../model/config'
import { loadConfig } from '../model/load-model'
import { compileModel, type CompileOptions } from '../onnx/compile'
import type { GraphPrecision, KvLayout } from '../onnx/inference-graph'
import { buildTokenLossModel } from '../onnx/loss-graph'
import { err, ok, type Result } from '../../src/shared/result'
import { readTrainedContextLength } from './model-text-format'
import { OnnxDecodeModel, type PrefillStats } from './onnx-decode-model'
import { SequenceFirstDecodeModel } from './sequence-first-decode-model'
import type { DecodeModel } from '../../src/shared/generation/model'
import {
  createSession,
  ortSessionOptions,
  type ProviderFallback,
  type ExecutionProviderName,
  type SessionOptions
} from './session'
import { loadTokenizer, type Tokenizer } from './tokenizer'

export interface EngineOptions extends SessionOptions, Pick<CompileOptions, 'cacheDir'> {
  /// Which compiled graph to run. Default 'int8' (faster; see the inference issue's measurements).
  precision?: GraphPrecision
  /// How the compiled graph passes the KV cache (inference-graph.ts). Default 'sequence-first':
  /// the cache stays in the engine's own buffers. A folder that ships a standard export runs it
  /// in the Optimum layout whatever this says.
  kvLayout?: KvLayout
}

/// The engine's decode model, whichever cache layout runs it.
export interface EngineModel extends DecodeModel {
  readonly session: ort.InferenceSession
  lastPrefill: PrefillStats
  logitsOf(ids: readonly number[]): Promise<Float32Array>
  clearCache(): void
  release(): Promise<void>
}

export interface EvaluationOptions {
  /// Tokens per window. Default: the model's context, at most 512 (the training context).
  contextLength?: number
  /// Tokens between window starts; each token is scored once, in the first window that predicts
  /// it. Default: `contextLength` (non-overlapping windows, as in training).
  stride?: number
  signal?: AbortSignal
  /// After each window: tokens scored so far, all tokens, and the nats of those scored so far (a
  /// long run can report its running nats/token).
  onProgress?: (scoredTokens: number, totalTokens: number, natsSoFar: number) => void
}

export interface Evaluation {
  /// Tokens predicted (every token but the first).
  tokens: number
  /// Whitespace-separated words of the texts.
  words: number
  totalNats: number
  natsPerToken: number
  bitsPerWord: number
}

export interface Engine {
  readonly folder: string
  readonly config: GPT2Config
  readonly tokenizer: Tokenizer
  readonly model: EngineModel
  readonly precision: GraphPrecision
  readonly kvLayout: KvLayout
  readonly onnxPath: string
  readonly provider: ExecutionProviderName
  readonly fallbacks: readonly ProviderFallback[]
  /// Mean loss over `texts`, joined with `<|endoftext|>` as in training.
  evaluate(texts: readonly string[], options?: EvaluationOptions): Promise<Evaluation>
  release(): Promise<void>
}

/// Loads a model folder (compiling its ONNX graph into the cache on first use).
export async function loadEngine(
  folder: string,
  options: EngineOptions = {}
): Promise<Result<Engine>> {
  const config = loadConfig(folder)
  if (!config.ok) return config
  const tokenizer = loadTokenizer(folder)
  if (!tokenizer.ok) return tokenizer
  const precision = options.precision ?? 'int8'
  const compiled = await compileModel(folder, {
    precisions: [precision],
    cacheDir: options.cacheDir,
    kvLayout: options.kvLayout ?? 'sequence-first'
  })
  if (!compiled.ok) return compiled
  const onnxPath = compiled.value.files[precision]
  if (!onnxPath || !existsSync(onnxPath)) {
    return err(
      'not-found',
      `The model folder ${folder} has no ${precision} ONNX file and no safetensors to compile it from.`
    )
  }
  const created = await createSession(onnxPath, options)
  if (!created.ok) return created
  // The usable window: the trained context when the manifest names one shorter than n_positions.
  const trained = readTrainedContextLength(folder)
  const C =
    trained !== null && trained < config.value.contextLength
      ? { ...config.value, contextLength: trained }
      : config.value
  const shape = {
    layers: C.layers,
    heads: C.heads,
    headSize: C.embeddingSize / C.heads,
    vocabSize: C.vocabSize,
    contextLength: C.contextLength
  }
  const kvLayout = compiled.value.kvLayout
  const model: EngineModel =
    kvLayout === 'sequence-first'
      ? new SequenceFirstDecodeModel(created.value.session, shape)
      : new OnnxDecodeModel(created.value.session, shape)
  let lossSession: ort.InferenceSession | undefined
  const engine: Engine = {
    folder,
    config: C,
    tokenizer: tokenizer.value,
    model,
    precision,
    kvLayout,
    onnxPath,
    provider: created.value.provider,
    fallbacks: created.value.fallbacks,
    async evaluate(texts, evaluationOptions = {}) {
      lossSession ??= await ort.InferenceSession.create(
        buildTokenLossModel(),
        ortSessionOptions('cpu', options)
      )
      return evaluateLoss(model, lossSession, tokenizer.value, C, texts, evaluationOptions)
    },
    async release() {
      await model.release()
      await lossSession?.release()
    }
  }
  return ok(engine)
}

async function evaluateLoss(
  model: EngineModel,
  lossSession: ort.InferenceSession,
  tokenizer: Tokenizer,
  config: GPT2Config,
  texts: readonly string[],
  options: EvaluationOptions
): Promise<Evaluation> {
  const separator = config.eosTokenId
  const ids: number[] = []
  let words = 0
  texts.forEach((text, i) => {
    if (i > 0) ids.push(separator)
    for (const id of tokenizer.encode(text)) ids.push(id)
    words += text.split(/\s+/).filter(Boolean).length
  })
  const context = options.contextLength ?? Math.min(config.contextLength, 512)
  const stride = Math.max(1, Math.min(options.stride ?? context, context))
  const lastTarget = ids.length - 1
  let totalNats = 0
  let scoredUpTo = 0 // targets 1..scoredUpTo are done
  for (let begin = 0; scoredUpTo < lastTarget; begin += stride) {
    options.signal?.throwIfAborted()
    const end = Math.min(begin + context, lastTarget) // inputs ids[begin, end), targets ids[begin+1, end]
    const window = ids.slice(begin, end)
    const logits = await model.logitsOf(window) // (T, V)
    const targets = BigInt64Array.from(ids.slice(begin + 1, end + 1), BigInt)
    const result = await lossSession.run({
      logits: new ort.Tensor('float32', logits, [1, window.length, config.vocabSize]),
      targets: new ort.Tensor('int64', targets, [1, window.length])
    })
    const nll = result.nll.data as Float32Array
    // Only the targets no earlier window scored.
    for (let t = Math.max(0, scoredUpTo - begin); t < window.length; t++) totalNats += nll[t]
    scoredUpTo = end
    options.onProgress?.(scoredUpTo, lastTarget, totalNats)
  }
  const tokens = lastTarget
  return {
    tokens,
    words,
    totalNats,
    natsPerToken: totalNats / tokens,
    bitsPerWord: totalNats / Math.LN2 / Math.max(words, 1)
  }
}
