/// A retraining run, Electron-free (the training host and the CLI call it): prepare the writer's
/// scripts, fine-tune the base model on them with checkpoints, validation, samples and early
/// stopping, and write the best weights as a new model folder with its provenance.
import { existsSync } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { listScriptFiles } from '../data/script-files'
import { generate, resolveGenerationConfig } from '../../src/shared/generation'
import { err, ok, type Result } from '../../src/shared/result'
import type { TrainingEvent } from '../../src/shared/retraining/training-types'
import { RUN_SCHEDULE_DEFAULTS } from '../../src/shared/retraining/run-schedule'
import { loadEngine, type Engine } from '../inference/engine'
import { encodePrompt } from '../inference/encode-prompt'
import { readTrainedContextLength } from '../inference/model-text-format'
import { loadModel } from '../model/load-model'
import { gpt2WeightsToTensors } from '../model/gpt2-weights'
import {
  chooseTrainingBackend,
  TrainingBackendUnavailableError,
  type ChosenTrainingBackend,
  type TrainingBackendChoice
} from '../train/backend-choice'
import { trainingBackends, type TrainingBackendName } from '../train/backends'
import { loadBestWeights } from '../train/checkpoint'
import { DiskFullError, ensureFreeSpace, isDiskFull } from '../train/disk-space'
import { fineTune, type FineTuneResult } from '../train/fine-tune'
import {
  elementCount,
  gpt2ShapeOf,
  parameterSpecs,
  type Gpt2Shape,
  type Gpt2Weights
} from '../train/gpt2-shapes'
import { prepareDataset } from './dataset'
import {
  NGRAM_INDEX_FILE,
  removeModelFiles,
  writeManifest,
  writeModelFolder,
  type ModelManifest
} from './model-folder'
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
  /// Steps between validation losses, checkpoints and samples (defaults: RUN_SCHEDULE_DEFAULTS).
  evaluationInterval?: number
  checkpointInterval?: number
  sampleInterval?: number
  /// Validations without a better loss before stopping (0 never stops early).
  earlyStoppingPatience?: number
  /// Continue from the newest checkpoint in outputDir when there is one.
  resume?: boolean
  /// Keep only scripts of these genres (from manifests or corpus lines).
  genres?: readonly string[]
  /// Where tokenized scripts are cached by content (none when absent).
  cacheDir?: string
  /// Training backend (default 'auto': tfjs-node-gpu where it is installed and starts, else
  /// onnxruntime-cpu). A resumed run may continue on another backend than the one that saved it.
  backend?: TrainingBackendChoice
}

/// What a run reports while it works (the same events the retrain panel draws).
export type RetrainEvent = TrainingEvent

export interface RetrainResult {
  modelDir: string
  status: 'done' | 'cancelled'
  steps: number
  validationBefore: number | null
  validationAfter: number | null
  bestStep: number | null
  stoppedEarly: boolean
  /// The backend the steps of this session ran on.
  backend: TrainingBackendName
}

export const CHECKPOINT_FOLDER = 'checkpoint'
/// Scratch model folder for the samples shown while training (removed after each sample).
const SAMPLE_FOLDER = '.sample-model'

/// Files to read (in training/data, where PDFs and corpus files are recognised too).
export { listScriptFiles }

function weightsMap(tensors: readonly { name: string; data: Float32Array }[]): Gpt2Weights {
  return new Map(tensors.map((tensor) => [tensor.name, tensor.data]))
}

/// Bytes a run needs on disk at its peak: two checkpoints (the new one is complete before the
/// old one goes; weights + two moments each), the best weights, the model and a sample folder.
export function diskNeeded(config: Gpt2Shape): number {
  const weightBytes = parameterSpecs(config).reduce((sum, s) => sum + elementCount(s.shape), 0) * 4
  return weightBytes * 9
}

export async function retrain(
  options: RetrainOptions,
  control: { signal?: AbortSignal; onEvent?: (event: RetrainEvent) => void } = {}
): Promise<Result<RetrainResult>> {
  try {
    return await run(options, control)
  } catch (error) {
    // A full disk anywhere (checkpoint, best weights, model folder): one message, no model.
    if (error instanceof DiskFullError || isDiskFull(error)) {
      await removeModelFiles(options.outputDir)
      const message =
        error instanceof DiskFullError
          ? error.message
          : new DiskFullError(options.outputDir, 0).message
      return err('io-error', message, (error as Error).message)
    }
    throw error
  }
}

async function run(
  options: RetrainOptions,
  control: { signal?: AbortSignal; onEvent?: (event: RetrainEvent) => void }
): Promise<Result<RetrainResult>> {
  // 1. choose the backend (one asked for that cannot run ends here, before any work), report
  // it, load the base model and read the scripts
  let backend: ChosenTrainingBackend
  try {
    backend = await chooseTrainingBackend(options.backend ?? 'auto')
  } catch (error) {
    if (error instanceof TrainingBackendUnavailableError) return err('bad-input', error.message)
    throw error
  }
  control.onEvent?.({
    type: 'backends',
    backends: await trainingBackends(),
    chosen: { name: backend.name, reason: backend.reason }
  })
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
    // Reasons are sentences; joined into one list they drop their full stops.
    const reasons = dataset.skipped
      .map((skip) => `${basename(skip.path)}: ${skip.reason.replace(/\.$/, '')}`)
      .join('; ')
    return err(
      'bad-input',
      `There is not enough usable screenplay text to train on (${dataset.trainTokens.length} tokens).${reasons ? ` Skipped: ${reasons}.` : ''}`
    )
  }
  const C = base.value.config
  const config = gpt2ShapeOf(C)
  // Refuse before spending an hour when the disk visibly cannot hold the run.
  const existing = nearestExisting(options.outputDir)
  await ensureFreeSpace(existing, diskNeeded(config))

  // 2. validation loss of the base model, for the before/after card
  const baseEngine = await loadEngine(options.baseModel, { precision: 'fp32' })
  const evaluate = async (engine: typeof baseEngine) =>
    engine.ok && dataset.validationTexts.length > 0
      ? (await engine.value.evaluate(dataset.validationTexts, { contextLength })).natsPerToken
      : null
  const validationBefore = await evaluate(baseEngine)
  if (baseEngine.ok) await baseEngine.value.release()

  // 3. fine-tune, checkpointing into the output folder so a crash or quit resumes exactly
  const checkpointDirectory = join(options.outputDir, CHECKPOINT_FOLDER)
  // A fresh start under a name that holds a paused run's checkpoints starts over: left in place,
  // a later resume could pick up the old run's newer step (or its best weights).
  if (!options.resume) await rm(checkpointDirectory, { recursive: true, force: true })
  const started = performance.now()
  const firstStep = { value: -1 }
  const seed = options.seed ?? 1337
  const patience = options.earlyStoppingPatience ?? RUN_SCHEDULE_DEFAULTS.earlyStoppingPatience
  const result = await fineTune(
    {
      config,
      weights: weightsMap(gpt2WeightsToTensors(C, base.value.weights)),
      ...(options.resume ? { resumeFrom: checkpointDirectory } : {}),
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
      seed,
      evaluationInterval: options.evaluationInterval ?? RUN_SCHEDULE_DEFAULTS.evaluationInterval,
      ...(patience > 0 ? { earlyStopping: { patience } } : {}),
      checkpointDirectory,
      checkpointInterval: options.checkpointInterval ?? RUN_SCHEDULE_DEFAULTS.checkpointInterval,
      sampleInterval: options.sampleInterval ?? RUN_SCHEDULE_DEFAULTS.sampleInterval,
      backend
    },
    {
      signal: control.signal,
      onResume: ({ step, skipped }) => control.onEvent?.({ type: 'resumed', step, skipped }),
      onCheckpoint: ({ step }) => control.onEvent?.({ type: 'checkpoint', step }),
      onSample: async (step, weights) => {
        const text = await sampleFromWeights(options, config, weights, dataset.sample)
        if (text) control.onEvent?.({ type: 'sample', step, text })
      },
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
          etaSeconds: secondsPerStep * (progress.maxSteps - progress.step),
          dataPosition: {
            batchesDrawn: progress.data.batchesDrawn,
            randomState: progress.data.randomState
          }
        })
      }
    }
  )
  if (result.status === 'cancelled') {
    // Paused or cancelled: the checkpoint stays for a resume; no model is written yet.
    return ok({
      modelDir: options.outputDir,
      status: 'cancelled',
      steps: result.state.step,
      validationBefore,
      validationAfter: null,
      bestStep: result.bestStep,
      stoppedEarly: false,
      backend: result.backend.name
    })
  }

  // 4. the best weights (lowest validation loss) become the model, with their provenance
  const best = result.bestStep !== null ? await loadBestWeights(checkpointDirectory) : null
  // Fine-tuning at a shorter context leaves the base's longer trained positions as they were.
  const trainedContextLength = readTrainedContextLength(options.baseModel)
  const manifest = (validationAfter: number | null): ModelManifest => ({
    name: `${basename(options.baseModel)} retrained on ${dataset.scripts.length} script${dataset.scripts.length === 1 ? '' : 's'}`,
    base: basename(options.baseModel),
    textFormat: 'fountain-compact',
    ...(trainedContextLength !== null ? { trainedContextLength } : {}),
    source: 'retrained',
    createdAt: new Date().toISOString(),
    training: {
      scripts: dataset.scripts.map((script) => script.name),
      steps: result.state.step,
      tokens: dataset.trainTokens.length,
      validationBefore,
      validationAfter,
      bestStep: best?.step ?? null,
      stoppedEarly: result.stoppedEarly,
      learningRate: options.learningRate,
      batchSize: options.batchSize,
      contextLength,
      seed
    }
  })
  // The model is measured before its manifest is written: only a complete, measured folder
  // becomes a model the writer can activate.
  await removeModelFiles(options.outputDir)
  await writeModelFolder({
    folder: options.outputDir,
    baseFolder: options.baseModel,
    config,
    weights: best?.weights ?? result.state.parameters,
    manifest: null
  })
  // The new model learned these lines: index them, so a suggestion that repeats 12 or more words
  // of them can be flagged before the writer pastes someone else's (or their own old) lines.
  await writeFile(
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
  await writeManifest(options.outputDir, manifest(validationAfter))
  return ok(
    outcome(options.outputDir, result, validationBefore, validationAfter, best?.step ?? null)
  )
}

function outcome(
  modelDir: string,
  result: FineTuneResult,
  validationBefore: number | null,
  validationAfter: number | null,
  bestStep: number | null
): RetrainResult {
  return {
    modelDir,
    status: result.status,
    steps: result.state.step,
    validationBefore,
    validationAfter,
    bestStep,
    stoppedEarly: result.stoppedEarly,
    backend: result.backend.name
  }
}

function nearestExisting(path: string): string {
  let current = path
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current)
  return current
}

/// A sample from the weights being trained: written as a scratch model folder (compiled like any
/// model), sampled, and removed. Costs a few seconds, hence every `sampleInterval` steps only.
async function sampleFromWeights(
  options: RetrainOptions,
  config: Gpt2Shape,
  weights: Gpt2Weights,
  text: string
): Promise<string | null> {
  const folder = join(options.outputDir, CHECKPOINT_FOLDER, SAMPLE_FOLDER)
  try {
    await writeModelFolder({
      folder,
      baseFolder: options.baseModel,
      config,
      weights,
      manifest: null
    })
    const engine = await loadEngine(folder, { precision: 'fp32' })
    if (!engine.ok) return null
    try {
      return await sampleText(engine.value, text)
    } finally {
      await engine.value.release()
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

/// A short continuation of the first lines of the writer's own script, to show the new voice.
/// A sample is a courtesy: if it fails, training goes on without it.
async function sampleText(engine: Engine, text: string): Promise<string | null> {
  const context = engine.config.contextLength
  const maxNewTokens = Math.min(80, Math.floor(context / 2))
  const config = resolveGenerationConfig({
    maxNewTokens,
    seed: 7,
    temperature: 0.8,
    eosTokenId: engine.config.eosTokenId
  })
  if (!config.ok) return null
  const prompt = text.split('\n').slice(0, 6).join('\n') + '\n'
  // Keep the prompt's end (where the continuation starts) so prompt + output fit the context.
  const tokens = encodePrompt(engine.tokenizer, prompt).slice(-(context - maxNewTokens))
  try {
    const generated = await generate(engine.model, engine.tokenizer, tokens, config.value)
    return prompt + (generated.alternatives[0]?.text ?? '')
  } catch (error) {
    console.warn(`[script-buddy] training sample failed: ${(error as Error).message}`)
    return null
  }
}
