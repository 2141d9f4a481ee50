/// The decode loop: prefill the prompt once, then step every alternative (one batch row each)
/// together, one token at a time, through the logits processors, the sampler and the stopping
/// rules. The model, the decoder and the clock are injected, so the loop runs unchanged over ONNX
/// Runtime, a reference model or a test fake.
import { validateGenerationConfig, type GenerationConfig } from './config'
import { composeProcessors, logitsProcessorsFor } from './logits-processors'
import { constrainName } from './name-constraint'
import { constrainSceneStart } from './scene-constraint'
import type { DecodeModel, TokenDecoder } from './model'
import { freshSeed, randomStreams } from './random'
import { samplerFor, type Sampler } from './sampler'
import {
  aborted,
  boundaryStop,
  endOfSequence,
  maxTokens,
  stopStrings,
  type FinishReason,
  type TextStop
} from './stopping'
import { TextStream } from './text-stream'

/// One streamed token of one alternative.
export interface TokenEvent {
  /// Which alternative (batch row), from 0.
  alternative: number
  tokenId: number
  /// Text that became final with this token: never half a character, never text that a stop
  /// with `holdBack` may still cut away; often ''. Joined, an alternative's events give exactly its
  /// final text, except after a cancellation (text still held back is only in the result) or a
  /// caller's stop without `holdBack` (streamed text may run past its cut).
  text: string
}

export interface GenerateOptions {
  /// Cancels between tokens (and is passed to the model); the result then reports 'cancelled'.
  signal?: AbortSignal
  /// Called once for every token each alternative produces, in order.
  onToken?: (event: TokenEvent) => void
  /// Text stops on top of the config's `stopStrings` and `stopAt` (e.g. a caller's own boundary).
  stops?: readonly TextStop[]
  /// Clock in milliseconds; `performance.now` by default.
  now?: () => number
  /// Awaited before each forward pass after the prompt's: a caller may hold generation here (the
  /// inference host does while the writer types, so the model's compute leaves the cores to the
  /// editor). A cancellation during the wait ends the loop before the pass.
  beforeStep?: () => Promise<void>
}

export interface GenerationTiming {
  /// From the call to this alternative's first token, prefill included; null if it produced none.
  timeToFirstTokenMs: number | null
  /// Decode speed after the first token: (tokens − 1) / time from first to last token; null with
  /// fewer than two tokens.
  tokensPerSecond: number | null
  /// From the call until this alternative finished.
  totalMs: number
}

export interface GeneratedAlternative {
  /// Every token sampled, including an EOS and tokens past a stop's cut.
  tokenIds: number[]
  /// The decoded text, cut before a stop string or boundary; EOS is not decoded.
  text: string
  finishReason: FinishReason
  timing: GenerationTiming
}

export interface GenerationResult {
  /// One entry per alternative, in row order.
  alternatives: GeneratedAlternative[]
  /// The seed used (the config's, or the fresh one drawn): pass it back to reproduce this result.
  seed: number
  promptLength: number
  /// Time of the prompt's forward pass.
  prefillMs: number
}

// One alternative's state in the loop.
interface Row {
  index: number
  sampler: Sampler
  /// Prompt + generated: what the penalties look at.
  history: number[]
  generated: number[]
  stream: TextStream
  /// The row's copy of the logits that the processors rewrite (allocated once, not per token).
  scratch: Float32Array
  result: GeneratedAlternative | null
  firstTokenAt: number | null
  lastTokenAt: number | null
}

/// Generates `config.alternatives` continuations of `promptIds`. Resolves (never rejects) on
/// cancellation, with the partial output and finish reason 'cancelled'. Throws a RangeError for an
/// invalid config or prompt (validate at the boundary first), and rethrows model failures.
export async function generate(
  model: DecodeModel,
  decoder: TokenDecoder,
  promptIds: readonly number[],
  config: GenerationConfig,
  options: GenerateOptions = {}
): Promise<GenerationResult> {
  checkRequest(model, promptIds, config)
  const { signal, onToken } = options
  const now = options.now ?? (() => performance.now())
  const started = now()
  const seed = config.seed ?? freshSeed()
  const process = composeProcessors(logitsProcessorsFor(config))
  const textStops = textStopsFor(config, options.stops ?? [])
  // Prompt + output must fit the context window: that caps the budget, whatever maxNewTokens says.
  const budget = Math.min(config.maxNewTokens, model.contextLength - promptIds.length)
  const cancelled = aborted(signal)
  const endOfText = endOfSequence(config.eosTokenId)
  const outOfBudget = maxTokens(budget)
  const rows: Row[] = randomStreams(seed, config.alternatives).map((random, index) => ({
    index,
    sampler: samplerFor(config.temperature, random),
    history: [...promptIds],
    generated: [],
    stream: new TextStream(decoder, textStops),
    scratch: new Float32Array(model.vocabSize),
    result: null,
    firstTokenAt: null,
    lastTokenAt: null
  }))
  // Freezes a row's output; returns the text it had not streamed yet.
  const end = (row: Row, finishReason: FinishReason, cut: number | null = null): string => {
    const { text, rest } = row.stream.finish(cut)
    row.result = {
      tokenIds: row.generated,
      text,
      finishReason,
      timing: timingOf(row, started, now())
    }
    return rest
  }
  // Ends the rows a cancellation caught between tokens; says whether any row is still going.
  const anyLive = (): boolean => {
    for (const row of rows) {
      const reason = row.result ? null : cancelled(row.generated)
      if (reason) end(row, reason)
    }
    return rows.some((row) => !row.result)
  }

  // 1. prefill: run the prompt once; its next-token logits start every alternative
  let logits = budget > 0 && anyLive() ? await prefill(model, promptIds, rows.length, signal) : null
  const prefillMs = now() - started
  while (logits && anyLive()) {
    for (const row of rows) {
      if (row.result) continue
      // 2. process a copy of this row's logits: penalties, temperature, top-k, top-p
      row.scratch.set(logits[row.index])
      if (config.nameChoices) {
        constrainName(
          row.scratch,
          row.generated,
          config.nameChoices,
          (ids) => decoder.decode(ids),
          decoder
        )
      }
      if (config.continuesScene) {
        constrainSceneStart(row.scratch, row.generated, (ids) => decoder.decode(ids), decoder)
      }
      const processed = process(row.scratch, row.history)
      // 3. pick the next token: argmax when greedy, else a draw from this row's own RNG stream
      const tokenId = row.sampler(processed)
      row.generated.push(tokenId)
      row.history.push(tokenId)
      row.lastTokenAt = now()
      row.firstTokenAt ??= row.lastTokenAt
      // 4. decode and apply the stopping rules: EOS, then text stops, then the budget
      let text: string
      if (endOfText(row.generated)) {
        text = end(row, 'eos')
      } else {
        const cut = row.stream.push(tokenId)
        const reason = cut !== null ? 'stop' : outOfBudget(row.generated)
        text = reason ? end(row, reason, cut) : row.stream.takeStable()
      }
      // 5. stream the text this token made final
      onToken?.({ alternative: row.index, tokenId, text })
    }
    // 6. every row done, or cancelled: stop before paying for another forward pass
    if (!anyLive()) break
    // 7. forward one token per row; finished rows are fed EOS and their output stays frozen
    const fed = rows.map((row) => {
      const last = row.generated[row.generated.length - 1]
      return row.result && config.eosTokenId !== null ? config.eosTokenId : last
    })
    if (options.beforeStep) {
      await options.beforeStep()
      if (!anyLive()) break
    }
    logits = await step(model, fed, signal)
  }
  // Rows still open had no budget for a first token, or their forward pass was cancelled.
  for (const row of rows) if (!row.result) end(row, cancelled(row.generated) ?? 'length')

  return {
    alternatives: rows.map((row) => row.result as GeneratedAlternative),
    seed,
    promptLength: promptIds.length,
    prefillMs
  }
}

function textStopsFor(config: GenerationConfig, extra: readonly TextStop[]): TextStop[] {
  const boundary = boundaryStop(config.stopAt)
  return [
    ...(config.stopStrings.length > 0 ? [stopStrings(config.stopStrings)] : []),
    ...(boundary ? [boundary] : []),
    ...extra
  ]
}

// The model calls, checked: a cancelled call gives null, a wrong shape is a bug in the model.
async function prefill(
  model: DecodeModel,
  promptIds: readonly number[],
  rows: number,
  signal: AbortSignal | undefined
): Promise<Float32Array[] | null> {
  const logits = await unlessCancelled(model.prefill(promptIds, rows, signal), signal)
  if (logits && logits.length !== model.vocabSize) {
    throw new Error(`prefill returned ${logits.length} logits, expected ${model.vocabSize}`)
  }
  return logits ? Array.from({ length: rows }, () => logits) : null
}

async function step(
  model: DecodeModel,
  tokens: readonly number[],
  signal: AbortSignal | undefined
): Promise<Float32Array[] | null> {
  const logits = await unlessCancelled(model.step(tokens, signal), signal)
  const shapeOk =
    !logits ||
    (logits.length === tokens.length && logits.every((row) => row.length === model.vocabSize))
  if (!shapeOk) {
    throw new Error(
      `step returned ${logits.length} rows of logits, expected ${tokens.length} of ${model.vocabSize}`
    )
  }
  return logits
}

function checkRequest(
  model: DecodeModel,
  promptIds: readonly number[],
  config: GenerationConfig
): void {
  const checked = validateGenerationConfig(config)
  if (!checked.ok) throw new RangeError(checked.error.message)
  if (promptIds.length === 0) {
    throw new RangeError(
      'The prompt is empty: give the model at least one token (e.g. <|endoftext|> to start fresh).'
    )
  }
  if (promptIds.length > model.contextLength) {
    throw new RangeError(
      `The prompt has ${promptIds.length} tokens but the model reads at most ` +
        `${model.contextLength}: keep only the last ${model.contextLength} tokens, or fewer to leave room for output.`
    )
  }
  if (config.eosTokenId !== null && config.eosTokenId >= model.vocabSize) {
    throw new RangeError(
      `eosTokenId ${config.eosTokenId} is outside the model's vocabulary of ${model.vocabSize}: use the model's own EOS id or null.`
    )
  }
}

// Awaits a model call; if it fails because the request was cancelled, returns null instead of
// throwing, so cancellation always resolves.
async function unlessCancelled<T>(
  call: Promise<T>,
  signal: AbortSignal | undefined
): Promise<T | null> {
  try {
    return await call
  } catch (error) {
    if (signal?.aborted) return null
    throw error
  }
}

function timingOf(row: Row, started: number, finished: number): GenerationTiming {
  const count = row.generated.length
  const first = row.firstTokenAt
  const last = row.lastTokenAt
  const decodeSeconds = first !== null && last !== null ? (last - first) / 1000 : 0
  return {
    timeToFirstTokenMs: first === null ? null : first - started,
    tokensPerSecond: count >= 2 && decodeSeconds > 0 ? (count - 1) / decodeSeconds : null,
    totalMs: finished - started
  }
}
