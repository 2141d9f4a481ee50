/// Global-norm gradient clipping and AdamW as ONNX nodes (PyTorch `clip_grad_norm_` and
/// `torch.optim.AdamW` semantics), so a whole optimizer step runs inside onnxruntime.
import type { GraphBuilder } from './graph'
import type { TrainingOps } from './training-ops'
import type { ParameterSpec } from '../train/gpt2-shapes'

/// Scalar float32 inputs of every graph that updates parameters. The schedule lives outside
/// the graph: the trainer feeds the learning rate and bias corrections of each step.
export const optimizerInputs = {
  learningRate: 'learning_rate',
  weightDecay: 'weight_decay',
  beta1: 'beta1',
  beta2: 'beta2',
  epsilon: 'epsilon',
  /// 1 − beta1^step, step counted from 1.
  biasCorrection1: 'bias_correction1',
  /// 1 − beta2^step.
  biasCorrection2: 'bias_correction2',
  /// Clip the global gradient norm to this; feed Infinity to disable clipping.
  maxGradNorm: 'max_grad_norm',
  /// Multiplies the learning rate (step and decay) of the token embedding, which GPT-2 ties to
  /// its output layer; 1 trains it like the rest, 0 freezes it (see AdamWSettings).
  embeddingLearningRateScale: 'embedding_learning_rate_scale'
} as const

/// The token embedding (tied input and output embedding).
export const TOKEN_EMBEDDING = 'transformer.wte.weight'

/// Value names of the optimizer state and results of one parameter.
export const optimizerNames = {
  firstMoment: (parameter: string): string => `exp_avg.${parameter}`,
  secondMoment: (parameter: string): string => `exp_avg_sq.${parameter}`,
  updated: (value: string): string => `updated.${value}`,
  gradient: (parameter: string): string => `grad.${parameter}`,
  /// Global L2 norm of the gradients before clipping (what clip_grad_norm_ returns).
  gradNorm: 'grad_norm'
}

/// Declares the scalar hyperparameter inputs and each parameter's two moment inputs.
export function declareOptimizerInputs(graph: GraphBuilder, specs: readonly ParameterSpec[]): void {
  for (const name of Object.values(optimizerInputs)) graph.input(name, 'float', [])
  for (const spec of specs) {
    graph.input(optimizerNames.firstMoment(spec.name), 'float', spec.shape)
    graph.input(optimizerNames.secondMoment(spec.name), 'float', spec.shape)
  }
}

/// Declares the outputs `updated.<p>`, `updated.exp_avg.<p>`, `updated.exp_avg_sq.<p>`, grad_norm.
export function declareOptimizerOutputs(
  graph: GraphBuilder,
  specs: readonly ParameterSpec[]
): void {
  for (const spec of specs) {
    graph.output(optimizerNames.updated(spec.name), 'float', spec.shape)
    graph.output(optimizerNames.updated(optimizerNames.firstMoment(spec.name)), 'float', spec.shape)
    graph.output(
      optimizerNames.updated(optimizerNames.secondMoment(spec.name)),
      'float',
      spec.shape
    )
  }
  graph.output(optimizerNames.gradNorm, 'float', [])
}

/// Clips by global norm, then applies one AdamW step to every parameter:
///   k = scale · min(1, max_norm / (‖scale·g‖ + 1e-6))
///   m ← β1·m + (1−β1)·k·g;  v ← β2·v + (1−β2)·(k·g)²
///   p ← p·(1 − lr·wd) − lr/bc1 · m / (√(v/bc2) + ε)   (the decay term only where spec.decay;
///   lr times embedding_learning_rate_scale for the token embedding)
/// `gradientScale` (a scalar value) divides accumulated gradients by the number of micro-steps.
export function buildClipAndAdamW(
  ops: TrainingOps,
  specs: readonly ParameterSpec[],
  gradients: ReadonlyMap<string, string>,
  gradientScale?: string
): void {
  const input = optimizerInputs
  // 1. global norm over all gradients (scaled), and the clip coefficient
  const squares = specs.map((spec) => ops.sumOfSquares(gradientOf(gradients, spec.name)))
  let norm = ops.sqrt(squares.length === 1 ? squares[0] : ops.op('Sum', squares))
  if (gradientScale) norm = ops.mul(norm, gradientScale)
  ops.op('Identity', [norm], {}, optimizerNames.gradNorm)
  const ratio = ops.div(input.maxGradNorm, ops.add(norm, ops.scalar(1e-6)))
  let coefficient = ops.op('Min', [ratio, ops.scalar(1)])
  if (gradientScale) coefficient = ops.mul(coefficient, gradientScale)
  // 2. per-step scalars, computed once: the moments' gradient factors, the step size, the decay
  const one = ops.scalar(1)
  const firstFactor = ops.mul(ops.sub(one, input.beta1), coefficient)
  const secondFactor = ops.mul(ops.sub(one, input.beta2), ops.mul(coefficient, coefficient))
  // m/(√(v/bc2) + ε) = m/(√v + ε·√bc2) · √bc2, which saves one pass over every tensor
  const rootCorrection2 = ops.sqrt(input.biasCorrection2)
  const epsilon = ops.mul(input.epsilon, rootCorrection2)
  const stepSize = ops.div(ops.mul(input.learningRate, rootCorrection2), input.biasCorrection1)
  const decayFactor = ops.sub(one, ops.mul(input.learningRate, input.weightDecay))
  const embeddingScale = input.embeddingLearningRateScale
  const embeddingStepSize = ops.mul(stepSize, embeddingScale)
  const embeddingDecayFactor = ops.sub(
    one,
    ops.mul(ops.mul(input.learningRate, input.weightDecay), embeddingScale)
  )
  // 3. AdamW, parameter by parameter
  for (const spec of specs) {
    const embedding = spec.name === TOKEN_EMBEDDING
    const gradient = gradientOf(gradients, spec.name)
    const first = optimizerNames.firstMoment(spec.name)
    const second = optimizerNames.secondMoment(spec.name)
    const nextFirst = ops.add(
      ops.mul(first, input.beta1),
      ops.mul(gradient, firstFactor),
      optimizerNames.updated(first)
    )
    const nextSecond = ops.add(
      ops.mul(second, input.beta2),
      ops.mul(ops.mul(gradient, gradient), secondFactor),
      optimizerNames.updated(second)
    )
    const denominator = ops.add(ops.sqrt(nextSecond), epsilon)
    const update = ops.mul(
      ops.div(nextFirst, denominator),
      embedding ? embeddingStepSize : stepSize
    )
    const decayed = spec.decay
      ? ops.mul(spec.name, embedding ? embeddingDecayFactor : decayFactor)
      : spec.name
    ops.sub(decayed, update, optimizerNames.updated(spec.name))
  }
}

function gradientOf(gradients: ReadonlyMap<string, string>, parameter: string): string {
  const gradient = gradients.get(parameter)
  if (!gradient) throw new Error(`training graph: no gradient was built for '${parameter}'`)
  return gradient
}
