/// Runs generation requests in the inference host: keeps the loaded engine (one ONNX session per
/// model, with its prefix cache) between requests, tokenizes the prompt, keeps it inside the
/// model's window, and streams tokens through the shared decode loop. A model whose manifest says
/// it reads IMSDb's indented layout gets the prompt in that layout and its output back as compact
/// text (src/shared/generation/text-format.ts), so the editor's side never sees the difference.
import { prepareNameConstraint } from '../../../shared/generation/name-constraint'
import { prepareSceneConstraint } from '../../../shared/generation/scene-constraint'
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import {
  deserialiseNgramIndex,
  findCopiedRuns,
  type NgramIndex
} from '../../../shared/ai/provenance'
import { NGRAM_INDEX_FILE } from '../../../../training/retrain/model-folder'
import type { GenerationRequest, GenerationSummary } from '../../../shared/ai/generation-request'
import {
  adaptToFormat,
  generate,
  resolveGenerationConfig,
  type ModelTextFormat,
  type TokenEvent
} from '../../../shared/generation'
import { err, ok, type Result } from '../../../shared/result'
import { loadEngine, type Engine, type EngineOptions } from '../../../../training/inference/engine'
import { encodePromptForWindow } from '../../../../training/inference/encode-prompt'
import { readModelTextFormat } from '../../../../training/inference/model-text-format'
import { WriterHold } from './writer-hold'

export interface ModelSelection {
  /// Model folder in the Hugging Face layout.
  folder: string
  engine?: EngineOptions
}

/// The model's index of its training scripts' 12-word runs, when it has one.
function readCopyIndex(folder: string): NgramIndex | null {
  const path = join(folder, NGRAM_INDEX_FILE)
  if (!existsSync(path)) return null
  try {
    return deserialiseNgramIndex(readFileSync(path))
  } catch (error) {
    console.warn(
      `[script-buddy] ${path} could not be read; copied lines are not flagged: ${String(error)}`
    )
    return null
  }
}

export class GenerationRunner {
  private engine: Engine | null = null
  private copyIndex: NgramIndex | null = null
  private textFormat: ModelTextFormat = 'fountain-compact'
  private engineKey = ''
  private loading: Promise<Result<Engine>> | null = null
  /// Holds forward passes while the writer types (see writer-hold.ts).
  readonly writerHold = new WriterHold()

  /// Loads (or reuses) the engine for this model; compiling ONNX on first use.
  async load(selection: ModelSelection): Promise<Result<Engine>> {
    const key = JSON.stringify(selection)
    if (this.engine && this.engineKey === key) return ok(this.engine)
    if (this.loading && this.engineKey === key) return this.loading
    this.engineKey = key
    const previous = this.engine
    this.engine = null
    this.loading = (async () => {
      await previous?.release()
      const loaded = await loadEngine(selection.folder, selection.engine ?? {})
      if (loaded.ok) {
        this.engine = loaded.value
        // The cue and scene constraints read every token's text: decode them now, not on the
        // first request that needs them.
        const { tokenizer, model } = loaded.value
        const decode = (ids: readonly number[]) => tokenizer.decode(ids)
        prepareNameConstraint(decode, model.vocabSize, tokenizer)
        prepareSceneConstraint(decode, model.vocabSize, tokenizer)
      }
      this.copyIndex = readCopyIndex(selection.folder)
      const format = readModelTextFormat(selection.folder)
      this.textFormat = format.format
      if (format.warning) {
        console.warn(
          `[script-buddy] ${format.warning}; reading the model's text as ${format.format}.`
        )
      }
      this.loading = null
      return loaded
    })()
    return this.loading
  }

  async generate(
    selection: ModelSelection,
    request: GenerationRequest,
    signal: AbortSignal,
    onToken: (event: TokenEvent) => void
  ): Promise<Result<GenerationSummary>> {
    this.writerHold.release()
    const loaded = await this.load(selection)
    if (!loaded.ok) return loaded
    const engine = loaded.value
    const { eosTokenId, vocabSize } = engine.config
    const config = resolveGenerationConfig({
      eosTokenId: eosTokenId < vocabSize ? eosTokenId : null,
      ...request.config
    })
    if (!config.ok) return config
    const adapted = adaptToFormat(this.textFormat, request.prompt, engine.tokenizer)
    // Keep the most recent tokens: the window (the trained context) holds the prompt and every new
    // token. The renderer sizes its prompt for the window, so this cut is rare; a request for more
    // output than the window holds gets what fits.
    const { ids, maxNewTokens } = encodePromptForWindow(
      engine.tokenizer,
      adapted.prompt,
      config.value.maxNewTokens,
      engine.config.contextLength
    )
    const promptIds = ids.length > 0 ? ids : [engine.config.eosTokenId]
    try {
      const result = await generate(
        engine.model,
        adapted.decoder,
        promptIds,
        { ...config.value, maxNewTokens },
        { signal, onToken, beforeStep: () => this.writerHold.wait(signal) }
      )
      const reused = engine.model.lastPrefill
      return ok({
        requestId: request.requestId,
        alternatives: result.alternatives.map((alternative) => ({
          text: alternative.text,
          finishReason: alternative.finishReason,
          tokens: alternative.tokenIds.length,
          timeToFirstTokenMs: alternative.timing.timeToFirstTokenMs,
          tokensPerSecond: alternative.timing.tokensPerSecond,
          copiedWords: this.copyIndex
            ? Math.max(
                0,
                ...findCopiedRuns(alternative.text, this.copyIndex).map((run) => run.words)
              )
            : 0
        })),
        seed: result.seed,
        promptTokens: result.promptLength,
        cachedPromptTokens: reused.reusedTokens,
        prefillMs: result.prefillMs,
        windowTokens: engine.config.contextLength,
        model: basename(selection.folder),
        provider: engine.provider,
        providerFallbacks: [...engine.fallbacks]
      })
    } catch (error) {
      return err(
        'model-error',
        `The model could not continue the text: ${error instanceof Error ? error.message : String(error)}`
      )
    }
  }

  async release(): Promise<void> {
    await this.engine?.release()
    this.engine = null
  }
}
