/// The fine-tune loop, Electron-free: `fineTune(options, { signal, onProgress })` reads top to
/// bottom like nanoGPT's `train.py` (schedule, batches, step, evaluate, checkpoint) and is what a
/// training host or the CLI calls.
import { BatchSampler, type BatchSamplerState, type TokenArray } from './batches'
import { loadCheckpoint, saveCheckpoint } from './checkpoint'
import type { Gpt2Shape, Gpt2Weights } from './gpt2-shapes'
import { learningRateAt, type LearningRateSchedule } from './lr-schedule'
import { Trainer, type AdamWSettings, type TrainerState } from './trainer'
import type { BatchShape } from '../onnx/training-graph'

export interface FineTuneOptions {
  config: Gpt2Shape
  /// Starting weights; ignored when `resumeFrom` is given.
  weights?: Gpt2Weights
  /// A checkpoint directory written by an earlier run: continue it exactly.
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
  adamW?: Partial<AdamWSettings>
  /// Seeds the batch order.
  seed: number
  /// Default 0: evaluate only at the end.
  evaluationInterval?: number
  /// Validation batches per evaluation (default 8), always the same ones.
  evaluationBatches?: number
  /// Where to save checkpoints; none are written without it.
  checkpointDirectory?: string
  /// Default 0: checkpoint only at the end.
  checkpointInterval?: number
}

export interface FineTuneProgress {
  step: number
  maxSteps: number
  loss: number
  gradNorm: number
  learningRate: number
  tokensPerSecond: number
  validationLoss?: number
}

export interface FineTuneResult {
  state: TrainerState
  status: 'done' | 'cancelled'
  lastLoss: number
  bestValidationLoss: number
}

export async function fineTune(
  options: FineTuneOptions,
  control: { signal?: AbortSignal; onProgress?: (progress: FineTuneProgress) => void } = {}
): Promise<FineTuneResult> {
  // 1. open the trainer and the batch stream, fresh or from a checkpoint
  const resumed = options.resumeFrom ? await loadCheckpoint(options.resumeFrom) : undefined
  const trainer = await Trainer.create({
    config: resumed?.config ?? options.config,
    batch: options.batch,
    ...(resumed ? { state: resumed.state } : { weights: options.weights }),
    adamW: options.adamW,
    accumulationSteps: options.accumulationSteps ?? 1
  })
  const samplerState = resumed?.metadata.sampler as BatchSamplerState | undefined
  const sampler = new BatchSampler(
    options.trainTokens,
    options.batch,
    'random',
    samplerState ?? options.seed
  )
  let bestValidationLoss = (resumed?.metadata.bestValidationLoss as number | undefined) ?? Infinity
  let lastLoss = NaN
  let status: FineTuneResult['status'] = 'done'
  const tokensPerStep =
    options.batch.batchSize * options.batch.sequenceLength * trainer.accumulationSteps
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
      // 4. evaluate on the fixed validation batches at the interval and at the end
      let validationLoss: number | undefined
      const last = trainer.step === options.maxSteps
      if (options.validationTokens && (last || isDue(trainer.step, options.evaluationInterval))) {
        validationLoss = await evaluate(
          trainer,
          options.validationTokens,
          options.evaluationBatches ?? 8
        )
        bestValidationLoss = Math.min(bestValidationLoss, validationLoss)
      }
      control.onProgress?.({
        step: trainer.step,
        maxSteps: options.maxSteps,
        loss,
        gradNorm,
        learningRate,
        tokensPerSecond: tokensPerStep / seconds,
        ...(validationLoss === undefined ? {} : { validationLoss })
      })
      // 5. checkpoint at the interval
      if (options.checkpointDirectory && isDue(trainer.step, options.checkpointInterval)) {
        await save(options.checkpointDirectory, trainer, sampler, bestValidationLoss)
      }
    }
    // 6. final checkpoint (also after a cancel, so the run can resume)
    if (options.checkpointDirectory) {
      await save(options.checkpointDirectory, trainer, sampler, bestValidationLoss)
    }
    return { state: trainer.state(), status, lastLoss, bestValidationLoss }
  } finally {
    await trainer.dispose()
  }
}

function isDue(step: number, interval: number | undefined): boolean {
  return interval !== undefined && interval > 0 && step % interval === 0
}

/// Mean loss over the first `count` sequential validation batches (the same ones every time).
async function evaluate(trainer: Trainer, tokens: TokenArray, count: number): Promise<number> {
  const sampler = new BatchSampler(tokens, trainer.batch, 'sequential', 0)
  let sum = 0
  for (let i = 0; i < count; i++) sum += await trainer.evaluate(sampler.next())
  return sum / count
}

function save(
  directory: string,
  trainer: Trainer,
  sampler: BatchSampler,
  bestValidationLoss: number
): Promise<void> {
  return saveCheckpoint(directory, {
    config: trainer.config,
    state: trainer.state(),
    metadata: {
      sampler: sampler.state,
      bestValidationLoss: Number.isFinite(bestValidationLoss) ? bestValidationLoss : null
    }
  })
}
