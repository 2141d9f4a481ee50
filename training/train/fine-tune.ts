/// The fine-tune loop, Electron-free: `fineTune(options, { signal, onProgress })` reads top to
/// bottom like nanoGPT's `train.py` (schedule, batches, step, evaluate, early stop, checkpoint,
/// sample) and is what a training host or the CLI calls.
import {
  chooseTrainingBackend,
  createTrainer,
  type ChosenTrainingBackend,
  type TrainingBackendChoice
} from './backend-choice'
import type { ModuleImporter, TrainingBackendName } from './backends'
import { BatchSampler, type BatchSamplerState, type TokenArray } from './batches'
import { loadLatestCheckpoint, saveBestWeights, saveCheckpoint } from './checkpoint'
import type { Gpt2Shape, Gpt2Weights } from './gpt2-shapes'
import { learningRateAt, type LearningRateSchedule } from './lr-schedule'
import {
  FINE_TUNE_ADAMW,
  type AdamWSettings,
  type ModelTrainer,
  type TrainerState
} from './model-trainer'
import type { BatchShape } from '../onnx/training-graph'

export interface FineTuneOptions {
  config: Gpt2Shape
  /// Starting weights; ignored when a checkpoint is resumed.
  weights?: Gpt2Weights
  /// A checkpoint folder written by an earlier run: continue its newest complete checkpoint
  /// exactly (a fresh run when it holds none).
  resumeFrom?: string
  trainTokens: TokenArray
  /// Held-out tokens; evaluated every `evaluationInterval` steps and at the end.
  validationTokens?: TokenArray
  batch: BatchShape
  /// Micro-batches per optimizer step (default 1).
  accumulationSteps?: number
  schedule: LearningRateSchedule
  /// Optimizer steps to reach (counting steps done before a resume).
  maxSteps: number
  /// Overrides of FINE_TUNE_ADAMW (the token embedding frozen).
  adamW?: Partial<AdamWSettings>
  /// Seeds the batch order.
  seed: number
  /// Default 0: evaluate only at the end.
  evaluationInterval?: number
  /// Validation batches per evaluation (default 8), always the same ones.
  evaluationBatches?: number
  /// Stop when the validation loss has not improved by `minDelta` for `patience` evaluations.
  earlyStopping?: { patience: number; minDelta?: number }
  /// Where to save checkpoints (and the best weights); none are written without it.
  checkpointDirectory?: string
  /// Default 0: checkpoint only at the end (and on pause).
  checkpointInterval?: number
  /// Steps between calls of `control.onSample` (default 0: never).
  sampleInterval?: number
  /// Where to train (default 'auto': tfjs-node-gpu where it is installed and starts, else
  /// onnxruntime-cpu), or a backend chooseTrainingBackend already chose. A checkpoint written on
  /// one backend resumes on any other.
  backend?: TrainingBackendChoice | ChosenTrainingBackend
  /// Loads the optional TensorFlow.js packages while choosing (default: import by name).
  importModule?: ModuleImporter
}

/// The backend a run trains on and why it was chosen.
export interface UsedBackend {
  name: TrainingBackendName
  reason: string
}

export interface FineTuneProgress {
  step: number
  maxSteps: number
  loss: number
  gradNorm: number
  learningRate: number
  tokensPerSecond: number
  validationLoss?: number
  /// The batch stream after this step: where the next batch starts (a resume must match it).
  data: BatchSamplerState
}

export interface FineTuneResult {
  state: TrainerState
  status: 'done' | 'cancelled'
  /// True when early stopping ended the run before maxSteps.
  stoppedEarly: boolean
  lastLoss: number
  bestValidationLoss: number
  /// Step of the best validation loss (null without validation).
  bestStep: number | null
  validationHistory: ValidationPoint[]
  backend: UsedBackend
}

export interface ValidationPoint {
  step: number
  loss: number
}

export interface FineTuneControl {
  signal?: AbortSignal
  /// Called once, before the first step, with the backend chosen and why.
  onBackend?: (backend: UsedBackend) => void
  onProgress?: (progress: FineTuneProgress) => void
  /// Called once when a checkpoint was resumed (`skipped`: newer ones that were damaged).
  onResume?: (resumed: { step: number; directory: string; skipped: string[] }) => void
  /// Called with the current weights (views; do not keep them past the call) every `sampleInterval` steps; awaited.
  onSample?: (step: number, weights: Gpt2Weights) => Promise<void>
  /// Called after each checkpoint is safely on disk.
  onCheckpoint?: (checkpoint: { step: number; directory: string; data: BatchSamplerState }) => void
}

/// Run state saved in each checkpoint's metadata besides the weights.
interface RunMetadata {
  sampler: BatchSamplerState
  seed: number
  schedule: LearningRateSchedule
  bestValidationLoss: number | null
  bestStep: number | null
  evaluationsWithoutImprovement: number
  validationHistory: ValidationPoint[]
}

export async function fineTune(
  options: FineTuneOptions,
  control: FineTuneControl = {}
): Promise<FineTuneResult> {
  // 1. choose the backend; open its trainer and the batch stream, fresh or from the newest
  // readable checkpoint (whichever backend wrote it)
  const backend =
    typeof options.backend === 'object'
      ? options.backend
      : await chooseTrainingBackend(options.backend ?? 'auto', options.importModule)
  const used: UsedBackend = { name: backend.name, reason: backend.reason }
  control.onBackend?.(used)
  const resumed = options.resumeFrom ? await loadLatestCheckpoint(options.resumeFrom) : null
  const saved = resumed?.checkpoint.metadata as Partial<RunMetadata> | undefined
  if (resumed) {
    control.onResume?.({
      step: resumed.checkpoint.state.step,
      directory: resumed.directory,
      skipped: resumed.skipped
    })
  }
  const trainer = await createTrainer(backend, {
    config: resumed?.checkpoint.config ?? options.config,
    batch: options.batch,
    ...(resumed ? { state: resumed.checkpoint.state } : { weights: options.weights }),
    adamW: { ...FINE_TUNE_ADAMW, ...options.adamW },
    accumulationSteps: options.accumulationSteps ?? 1
  })
  const sampler = new BatchSampler(
    options.trainTokens,
    options.batch,
    'random',
    saved?.sampler ?? options.seed
  )
  const run = {
    bestValidationLoss: saved?.bestValidationLoss ?? Infinity,
    bestStep: saved?.bestStep ?? null,
    evaluationsWithoutImprovement: saved?.evaluationsWithoutImprovement ?? 0,
    validationHistory: [...(saved?.validationHistory ?? [])]
  }
  let lastLoss = NaN
  let status: FineTuneResult['status'] = 'done'
  let stoppedEarly = false
  const tokensPerStep =
    options.batch.batchSize * options.batch.sequenceLength * trainer.accumulationSteps
  let savedStep = resumed?.checkpoint.state.step ?? -1
  const checkpoint = async (): Promise<void> => {
    if (!options.checkpointDirectory || savedStep === trainer.step) return
    const metadata: RunMetadata = {
      sampler: sampler.state,
      seed: options.seed,
      schedule: options.schedule,
      ...run,
      bestValidationLoss: Number.isFinite(run.bestValidationLoss) ? run.bestValidationLoss : null
    }
    const directory = await saveCheckpoint(options.checkpointDirectory, {
      config: trainer.config,
      state: trainer.state(),
      metadata: metadata as unknown as Record<string, unknown>
    })
    savedStep = trainer.step
    control.onCheckpoint?.({ step: trainer.step, directory, data: sampler.state })
  }
  try {
    while (trainer.step < options.maxSteps) {
      // 2. stop between steps when cancelled (a step is one native call and cannot be interrupted)
      if (control.signal?.aborted) {
        status = 'cancelled'
        break
      }
      // 3. learning rate of this step, micro-batches, one optimizer step
      const learningRate = learningRateAt(trainer.step, options.schedule)
      const microBatches = Array.from({ length: trainer.accumulationSteps }, () => sampler.next())
      const start = performance.now()
      const { loss, gradNorm } = await trainer.trainStep(microBatches, learningRate)
      const seconds = (performance.now() - start) / 1000
      lastLoss = loss
      // 4. evaluate on the fixed validation batches at the interval and at the end; keep the best
      let validationLoss: number | undefined
      const last = trainer.step === options.maxSteps
      if (options.validationTokens && (last || isDue(trainer.step, options.evaluationInterval))) {
        validationLoss = await evaluate(
          trainer,
          options.validationTokens,
          options.evaluationBatches ?? 8
        )
        run.validationHistory.push({ step: trainer.step, loss: validationLoss })
        // Patience counts evaluations that did not beat the best by minDelta; the best weights
        // follow any improvement.
        const minDelta = options.earlyStopping?.minDelta ?? 0
        if (validationLoss < run.bestValidationLoss - minDelta) {
          run.evaluationsWithoutImprovement = 0
        } else run.evaluationsWithoutImprovement++
        if (validationLoss < run.bestValidationLoss) {
          run.bestValidationLoss = validationLoss
          run.bestStep = trainer.step
          if (options.checkpointDirectory) {
            await saveBestWeights(
              options.checkpointDirectory,
              trainer.config,
              trainer.parameters(),
              trainer.step,
              validationLoss
            )
          }
        }
      }
      control.onProgress?.({
        step: trainer.step,
        maxSteps: options.maxSteps,
        loss,
        gradNorm,
        learningRate,
        tokensPerSecond: tokensPerStep / seconds,
        ...(validationLoss === undefined ? {} : { validationLoss }),
        data: sampler.state
      })
      // 5. samples and checkpoints at their intervals
      if (control.onSample && isDue(trainer.step, options.sampleInterval) && !last) {
        await control.onSample(trainer.step, trainer.parameters())
      }
      const patience = options.earlyStopping?.patience
      if (patience !== undefined && patience > 0 && run.evaluationsWithoutImprovement >= patience) {
        stoppedEarly = true
        break
      }
      if (isDue(trainer.step, options.checkpointInterval)) await checkpoint()
    }
    // 6. final checkpoint (also after a pause, so the run can resume)
    await checkpoint()
    return {
      state: trainer.state(),
      status,
      stoppedEarly,
      lastLoss,
      bestValidationLoss: run.bestValidationLoss,
      bestStep: run.bestStep,
      validationHistory: run.validationHistory,
      backend: used
    }
  } finally {
    await trainer.dispose()
  }
}

function isDue(step: number, interval: number | undefined): boolean {
  return interval !== undefined && interval > 0 && step % interval === 0
}

/// Mean loss over the first `count` sequential validation batches (the same ones every time).
async function evaluate(trainer: ModelTrainer, tokens: TokenArray, count: number): Promise<number> {
  const sampler = new BatchSampler(tokens, trainer.batch, 'sequential', 0)
  let sum = 0
  for (let i = 0; i < count; i++) sum += await trainer.evaluate(sampler.next())
  return sum / count
}
