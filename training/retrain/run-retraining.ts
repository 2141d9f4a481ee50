/// A retraining run, Electron-free (the training host and the CLI call it): prepare the writer's
/// scripts, fine-tune the base model on them with checkpoints, report progress and samples, and
/// write the result as a new model folder with its provenance.
import { existsSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { listScriptFiles } from '../data/script-files'
import { generate, resolveGenerationConfig } from '../../src/shared/generation'
import { err, ok, type Result } from '../../src/shared/result'
import type { TrainingEvent } from '../../src/shared/retraining/training-types'
import { loadEngine } from '../inference/engine'
import { encodePrompt } from '../inference/encode-prompt'
import { loadModel } from '../model/load-model'
import { gpt2WeightsToTensors } from '../model/gpt2-weights'
import { fineTune } from '../train/fine-tune'
import type { Gpt2Shape, Gpt2Weights } from '../train/gpt2-shapes'
import { prepareDataset } from './dataset'
import { NGRAM_INDEX_FILE, writeModelFolder } from './model-folder'
import { buildNgramIndex, serialiseNgramIndex } from '../../src/shared/ai/provenance'

export interface RetrainOptions {
  /// The model to start from (a Hugging Face–layout folder).
  baseModel: string
  /// Script files, or folders searched for .fountain, .fdx and .txt files.
  scripts: readonly string[]
  /// The new model's folder (checkpoints live in its `checkpoint/` while training).
  outputDir: string
  steps: number
  learningRate: number
  batchSize: number
  contextLength: number
  seed?: number
  /// Steps between validation losses, checkpoints and samples.
  evaluationInterval?: number
  checkpointInterval?: number
  sampleInterval?: number
  /// Continue from the checkpoint in outputDir when there is one.
  resume?: boolean
  /// Keep only scripts of these genres (from manifests or corpus lines).
  genres?: readonly string[]
  /// Where tokenized scripts are cached by content (none when absent).
  cacheDir?: string
}

/// What a run reports while it works (the same events the retrain panel draws).
export type RetrainEvent = TrainingEvent

export interface RetrainResult {
  modelDir: string
  status: 'done' | 'cancelled'
  steps: number
  validationBefore: number | null
  validationAfter: number | null
}

/// Files to read (now in training/data, where PDFs and corpus files are recognised too).
export { listScriptFiles } from '../data/script-files'

function weightsMap(tensors: readonly { name: string; data: Float32Array }[]): Gpt2Weights {
  return new Map(tensors.map((tensor) => [tensor.name, tensor.data]))
}

export async function retrain(
  options: RetrainOptions,
  control: { signal?: AbortSignal; onEvent?: (event: RetrainEvent) => void } = {}
): Promise<Result<RetrainResult>> {
  // 1. load the base model and read the scripts
  const base = loadModel(options.baseModel)
  if (!base.ok) return err('model-error', `The base model cannot be used: ${base.error.message}`)
  const files = listScriptFiles(options.scripts)
  if (files.length === 0) {
    return err(
      'bad-input',
      'No script files were found (.fountain, .fdx, .txt or .pdf). Choose files or a folder that holds your scripts.'
    )
  }
  const dataset = await prepareDataset(files, base.value.tokenizer, {
    signal: control.signal,
    genres: options.genres,
    cacheDir: options.cacheDir,
    contextLength: Math.min(options.contextLength, base.value.config.contextLength)
  })
  control.onEvent?.({
    type: 'prepared',
    scripts: dataset.scripts,
    skipped: dataset.skipped,
    trainTokens: dataset.trainTokens.length,
    validationTokens: dataset.validationTokens.length,
    sample: dataset.sample,
    cache: dataset.cache,
    genresFound: dataset.genresFound
  })
  const contextLength = Math.min(options.contextLength, base.value.config.contextLength)
  if (dataset.trainTokens.length < contextLength + 2) {
    const reasons = dataset.skipped
      .map((skip) => `${basename(skip.path)}: ${skip.reason}`)
      .join('; ')
    return err(
      'bad-input',
      `There is not enough usable screenplay text to train on (${dataset.trainTokens.length} tokens).${reasons ? ` Skipped: ${reasons}` : ''}`
    )
  }

  // 2. validation loss of the base model, for the before/after card
  const baseEngine = await loadEngine(options.baseModel, { precision: 'fp32' })
  const evaluate = async (engine: typeof baseEngine) =>
    engine.ok && dataset.validationTexts.length > 0
      ? (await engine.value.evaluate(dataset.validationTexts, { contextLength })).natsPerToken
      : null
  const validationBefore = await evaluate(baseEngine)
  if (baseEngine.ok) await baseEngine.value.release()

  // 3. fine-tune, checkpointing into the output folder so a crash or quit resumes exactly
  const C = base.value.config
  const config: Gpt2Shape = {
    n_layer: C.layers,
    n_head: C.heads,
    n_embd: C.embeddingSize,
    n_positions: C.contextLength,
    vocab_size: C.vocabSize,
    layer_norm_epsilon: C.layerNormEpsilon
  }
  const checkpointDirectory = join(options.outputDir, 'checkpoint')
  const resumeFrom =
    options.resume && existsSync(join(checkpointDirectory, 'checkpoint.json'))
      ? checkpointDirectory
      : undefined
  const started = performance.now()
  const firstStep = { value: -1 }
  const result = await fineTune(
    {
      config,
      weights: weightsMap(gpt2WeightsToTensors(C, base.value.weights)),
      ...(resumeFrom ? { resumeFrom } : {}),
      trainTokens: dataset.trainTokens,
      ...(dataset.validationTokens.length > contextLength + 1
        ? { validationTokens: dataset.validationTokens }
        : {}),
      batch: { batchSize: options.batchSize, sequenceLength: contextLength },
      schedule: {
        learningRate: options.learningRate,
        minLearningRate: options.learningRate / 10,
        warmupSteps: Math.min(20, Math.floor(options.steps / 10)),
        decaySteps: options.steps
      },
      maxSteps: options.steps,
      seed: options.seed ?? 1337,
      evaluationInterval: options.evaluationInterval ?? 25,
      checkpointDirectory,
      checkpointInterval: options.checkpointInterval ?? 25
    },
    {
      signal: control.signal,
      onProgress: (progress) => {
        if (firstStep.value < 0) firstStep.value = progress.step - 1
        const done = progress.step - firstStep.value
        const secondsPerStep = (performance.now() - started) / 1000 / Math.max(1, done)
        control.onEvent?.({
          type: 'progress',
          step: progress.step,
          maxSteps: progress.maxSteps,
          loss: progress.loss,
          ...(progress.validationLoss === undefined
            ? {}
            : { validationLoss: progress.validationLoss }),
          tokensPerSecond: progress.tokensPerSecond,
          learningRate: progress.learningRate,
          etaSeconds: secondsPerStep * (progress.maxSteps - progress.step)
        })
      }
    }
  )

  // 4. write the new model folder with its provenance, then measure it and show a sample
  const writeModel = (validationAfter: number | null): void =>
    writeModelFolder({
      folder: options.outputDir,
      baseFolder: options.baseModel,
      config,
      weights: result.state.parameters,
      manifest: {
        name: `${basename(options.baseModel)} retrained on ${dataset.scripts.length} script${dataset.scripts.length === 1 ? '' : 's'}`,
        base: basename(options.baseModel),
        textFormat: 'fountain-compact',
        source: 'retrained',
        createdAt: new Date().toISOString(),
        training: {
          scripts: dataset.scripts.map((script) => script.name),
          steps: result.state.step,
          tokens: dataset.trainTokens.length,
          validationBefore,
          validationAfter
        }
      }
    })
  if (result.status === 'cancelled') {
    // Paused or cancelled: the checkpoint stays for a resume; no model is written yet.
    return ok({
      modelDir: options.outputDir,
      status: 'cancelled',
      steps: result.state.step,
      validationBefore,
      validationAfter: null
    })
  }
  writeModel(null)
  // The new model learned these lines: index them, so a suggestion that repeats 12 or more words
  // of them can be flagged before the writer pastes someone else's (or their own old) lines.
  writeFileSync(
    join(options.outputDir, NGRAM_INDEX_FILE),
    serialiseNgramIndex(buildNgramIndex(dataset.trainTexts))
  )
  const trained = await loadEngine(options.outputDir, { precision: 'fp32' })
  const validationAfter = await evaluate(trained)
  if (trained.ok) {
    const sample = await sampleText(trained.value, dataset.sample)
    if (sample) control.onEvent?.({ type: 'sample', step: result.state.step, text: sample })
    await trained.value.release()
  }
  writeModel(validationAfter)
  return ok({
    modelDir: options.outputDir,
    status: result.status,
    steps: result.state.step,
    validationBefore,
    validationAfter
  })
}

/// A short continuation of the first lines of the writer's own script, to show the new voice.
async function sampleText(
  engine: Awaited<ReturnType<typeof loadEngine>> extends Result<infer E> ? E : never,
  text: string
): Promise<string | null> {
  const config = resolveGenerationConfig({ maxNewTokens: 80, seed: 7, temperature: 0.8 })
  if (!config.ok) return null
  const prompt = text.split('\n').slice(0, 6).join('\n') + '\n'
  const generated = await generate(
    engine.model,
    engine.tokenizer,
    encodePrompt(engine.tokenizer, prompt),
    config.value
  )
  return prompt + (generated.alternatives[0]?.text ?? '')
}
