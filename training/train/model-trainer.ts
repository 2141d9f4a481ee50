/// What the fine-tune loop asks of a training backend. Two implement it with the same semantics
/// (AdamW with bias correction, decoupled decay on the matrices, global-norm clipping, gradient
/// accumulation) and the same state, so a run can checkpoint on one and resume on the other:
/// `Trainer` (onnxruntime training graphs, trainer.ts) and `TfjsTrainer` (TensorFlow.js
/// autodiff, tfjs/tfjs-trainer.ts).
import type { BatchShape } from '../onnx/training-graph'
import type { Gpt2Shape, Gpt2Weights } from './gpt2-shapes'

/// AdamW and clipping hyperparameters (defaults: nanoGPT's `train.py`).
export interface AdamWSettings {
  /// Default 0.9.
  beta1: number
  /// Default 0.95 (nanoGPT; PyTorch's own default is 0.999).
  beta2: number
  /// Default 1e-8.
  epsilon: number
  /// Decoupled decay on matrices only (see ParameterSpec.decay). Default 0.1.
  weightDecay: number
  /// Global gradient-norm clip; Infinity disables it. Default 1.0.
  maxGradNorm: number
  /// Learning-rate multiplier (step and decay) of the token embedding, which GPT-2 ties to its
  /// output layer. Default 1; 0 freezes it (what fine-tuning does, see FINE_TUNE_ADAMW).
  embeddingLearningRateScale: number
}

export const DEFAULT_ADAMW: AdamWSettings = {
  beta1: 0.9,
  beta2: 0.95,
  epsilon: 1e-8,
  weightDecay: 0.1,
  maxGradNorm: 1,
  embeddingLearningRateScale: 1
}

/// Fine-tuning a pretrained model keeps its token embedding as it is. Every row of the tied
/// embedding gets a gradient from the softmax at every step, the rows of tokens the writer's
/// scripts never use included, and Adam turns even their tiny, same-signed gradients into
/// full-size steps (m/√v ≈ 1): the model learns to expect only the tokens of the pages it was
/// shown. Measured with the fine-tune bar (40 validation scripts, 400 steps of B4×T128 at lr
/// 1e-4, scored on 512 tokens of each unseen second half): embedding trained +0.105 nats/token,
/// embedding frozen +0.157 (BENCHMARKS.md, Training).
export const FINE_TUNE_ADAMW: AdamWSettings = { ...DEFAULT_ADAMW, embeddingLearningRateScale: 0 }

/// Everything needed to continue training exactly: weights, both moments (PyTorch's `exp_avg`
/// and `exp_avg_sq`, before bias correction), optimizer steps done.
export interface TrainerState {
  step: number
  parameters: Gpt2Weights
  firstMoments: Gpt2Weights
  secondMoments: Gpt2Weights
}

/// How every backend's trainer starts.
export interface TrainerSetup {
  config: Gpt2Shape
  batch: BatchShape
  /// Starting weights (ignored when `state` is given).
  weights?: Gpt2Weights
  /// Resume from a saved state (see checkpoint.ts), whichever backend wrote it.
  state?: TrainerState
  adamW?: Partial<AdamWSettings>
  /// Micro-batches per optimizer step (default 1): their gradients are averaged.
  accumulationSteps?: number
}

export interface StepResult {
  /// Mean cross-entropy over the step's micro-batches, before the update.
  loss: number
  /// Global gradient norm before clipping.
  gradNorm: number
}

/// One training backend's trainer, as the fine-tune loop drives it.
export interface ModelTrainer {
  readonly config: Gpt2Shape
  readonly batch: BatchShape
  readonly accumulationSteps: number
  /// Optimizer steps taken so far (counting those before a resume).
  readonly step: number
  /// One optimizer step over `microBatches` (exactly `accumulationSteps` of them, each
  /// B·(T+1) token ids row-major) at the given learning rate.
  trainStep(microBatches: readonly BigInt64Array[], learningRate: number): Promise<StepResult>
  /// Mean loss of one batch with the current weights (no update). Same batch shape as training.
  evaluate(tokens: BigInt64Array): Promise<number>
  /// The current weights only (what samples and the best weights need).
  parameters(): Gpt2Weights
  /// The current weights, moments and step (what a checkpoint needs).
  state(): TrainerState
  dispose(): Promise<void>
}

/// Throws unless `accumulationSteps` is a positive integer.
export function checkAccumulationSteps(accumulationSteps: number): void {
  if (!Number.isInteger(accumulationSteps) || accumulationSteps < 1) {
    throw new Error(
      `Trainer: accumulationSteps must be a positive integer, got ${accumulationSteps}`
    )
  }
}

/// Throws unless a batch holds B·(T+1) token ids.
export function checkBatchSize(batch: BatchShape, tokens: BigInt64Array): void {
  const { batchSize: B, sequenceLength: T } = batch
  if (tokens.length !== B * (T + 1)) {
    throw new Error(
      `Trainer: a batch holds B·(T+1) = ${B * (T + 1)} token ids, got ${tokens.length}`
    )
  }
}

/// Throws unless a step gets exactly `expected` micro-batches.
export function checkMicroBatchCount(expected: number, microBatches: readonly unknown[]): void {
  if (microBatches.length !== expected) {
    throw new Error(
      `Trainer: expected ${expected} micro-batches per step, got ${microBatches.length}`
    )
  }
}
