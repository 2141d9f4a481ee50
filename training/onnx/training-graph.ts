/// The training graphs of GPT-2 (ONNX opset 17), built for one fixed batch shape:
///
/// - `buildTrainingStepGraph`: forward, hand-written backward, global-norm clipping and AdamW,
///   all in one graph. Parameters and moments are graph inputs and outputs (never initializers),
///   so the trainer feeds the outputs of step k as the inputs of step k + 1.
/// - `buildGradientGraph` + `buildOptimizerGraph`: gradient accumulation. The gradient graph
///   adds this micro-batch's gradients to the sums fed in (`accumulated.grad.<p>`) and outputs the
///   new sums (`grad.<p>`); after N micro-batches the optimizer graph scales the sums by
///   `gradient_scale` (= 1/N), clips and applies AdamW. Accumulating in the graph keeps the
///   gradients in onnxruntime tensors; the first micro-batch is fed zeros.
/// - `buildLossGraph`: forward only, mean loss (validation).
///
/// Inputs: `input_ids` (B, T+1) int64 (the model sees [:, :T] and predicts [:, 1:]), every
/// parameter under its Hugging Face name, and for updating graphs the names in
/// `optimizerInputs` and `optimizerNames`. Outputs: `loss` (mean cross-entropy), `grad_norm`
/// (global norm before clipping), `updated.<p>`, `updated.exp_avg.<p>`, `updated.exp_avg_sq.<p>`.
import { encodeModel, GraphBuilder } from './graph'
import { buildBackward } from './training-backward'
import { buildForward, type BatchShape, type ForwardOptions } from './training-forward'
import {
  buildClipAndAdamW,
  declareOptimizerInputs,
  declareOptimizerOutputs,
  optimizerNames
} from './training-optimizer'
import { TrainingOps } from './training-ops'
import { checkGpt2Shape, parameterSpecs, type Gpt2Shape } from '../train/gpt2-shapes'

export type { BatchShape } from './training-forward'
export { optimizerInputs, optimizerNames } from './training-optimizer'

/// Names of the graph values that are not per-parameter.
export const trainingNames = {
  inputIds: 'input_ids',
  loss: 'loss',
  /// Optimizer graph only: multiplies the accumulated gradients (1 / micro-batches).
  gradientScale: 'gradient_scale',
  /// Gradient graph with accumulation: the running sum fed in.
  accumulatedGradient: (parameter: string): string => `accumulated.grad.${parameter}`
}

/// Build options shared by the graphs that run the model.
export interface ModelGraphOptions {
  /// Rows of the (B·T, V) logits computed at once, each chunk's head gradients taken before the
  /// next chunk's logits. Default: all B·T rows in one chunk. Measured at B·T = 2048 on the 30M
  /// config, 512-row chunks did not lower peak RSS (onnxruntime's planner keeps the chunks'
  /// buffers), so chunking is opt-in until a memory-bounded schedule is shown to work.
  headChunkRows?: number
}

/// One training step: forward + backward + clip + AdamW.
export function buildTrainingStepGraph(
  config: Gpt2Shape,
  batch: BatchShape,
  options: ModelGraphOptions = {}
): Uint8Array {
  const { graph, ops } = startGraph('gpt2_training_step', config, batch)
  const specs = parameterSpecs(config)
  declareOptimizerInputs(graph, specs)
  const saved = buildForward(
    ops,
    config,
    batch,
    trainingNames.inputIds,
    (name) => name,
    trainingNames.loss,
    forwardOptions(options, batch, true)
  )
  const gradients = buildBackward(
    ops,
    config,
    batch,
    saved,
    (name) => name,
    (name) => `grad.${name}`
  )
  buildClipAndAdamW(ops, specs, gradients)
  graph.output(trainingNames.loss, 'float', [])
  declareOptimizerOutputs(graph, specs)
  return encode(graph, 'GPT-2 training step: forward, backward, global-norm clip, AdamW')
}

/// Forward + backward only; outputs `loss` and `grad.<p>` for every parameter. With
/// `accumulate`, `grad.<p>` = `accumulated.grad.<p>` (an input) + this batch's gradient.
export function buildGradientGraph(
  config: Gpt2Shape,
  batch: BatchShape,
  options: ModelGraphOptions & { accumulate: boolean }
): Uint8Array {
  const { graph, ops } = startGraph('gpt2_gradients', config, batch)
  const specs = parameterSpecs(config)
  const saved = buildForward(
    ops,
    config,
    batch,
    trainingNames.inputIds,
    (name) => name,
    trainingNames.loss,
    forwardOptions(options, batch, true)
  )
  const rawName = options.accumulate
    ? (name: string) => `batch.grad.${name}`
    : optimizerNames.gradient
  buildBackward(ops, config, batch, saved, (name) => name, rawName)
  graph.output(trainingNames.loss, 'float', [])
  for (const spec of specs) {
    if (options.accumulate) {
      const sum = graph.input(trainingNames.accumulatedGradient(spec.name), 'float', spec.shape)
      ops.add(sum, rawName(spec.name), optimizerNames.gradient(spec.name))
    }
    graph.output(optimizerNames.gradient(spec.name), 'float', spec.shape)
  }
  return encode(graph, 'GPT-2 gradients of the mean loss (hand-written backward)')
}

/// Clip + AdamW on gradients fed as `grad.<p>`, scaled by `gradient_scale` first.
export function buildOptimizerGraph(config: Gpt2Shape): Uint8Array {
  checkGpt2Shape(config)
  const graph = new GraphBuilder('gpt2_adamw')
  const ops = new TrainingOps(graph)
  const specs = parameterSpecs(config)
  const gradients = new Map<string, string>()
  for (const spec of specs) {
    graph.input(spec.name, 'float', spec.shape)
    gradients.set(spec.name, graph.input(optimizerNames.gradient(spec.name), 'float', spec.shape))
  }
  declareOptimizerInputs(graph, specs)
  const scale = graph.input(trainingNames.gradientScale, 'float', [])
  buildClipAndAdamW(ops, specs, gradients, scale)
  declareOptimizerOutputs(graph, specs)
  return encode(graph, 'GPT-2 AdamW step on accumulated gradients')
}

/// Forward only: mean cross-entropy of a (B, T+1) batch, for validation.
export function buildLossGraph(
  config: Gpt2Shape,
  batch: BatchShape,
  options: ModelGraphOptions = {}
): Uint8Array {
  const { graph, ops } = startGraph('gpt2_loss', config, batch)
  buildForward(
    ops,
    config,
    batch,
    trainingNames.inputIds,
    (name) => name,
    trainingNames.loss,
    forwardOptions(options, batch, false)
  )
  graph.output(trainingNames.loss, 'float', [])
  return encode(graph, 'GPT-2 mean cross-entropy')
}

function forwardOptions(
  options: ModelGraphOptions,
  batch: BatchShape,
  gradients: boolean
): ForwardOptions {
  const headChunkRows = options.headChunkRows ?? batch.batchSize * batch.sequenceLength
  if (!Number.isInteger(headChunkRows) || headChunkRows <= 0) {
    throw new Error(
      `training graph: headChunkRows must be a positive integer, got ${headChunkRows}`
    )
  }
  return { gradients, headChunkRows }
}

function startGraph(
  name: string,
  config: Gpt2Shape,
  batch: BatchShape
): { graph: GraphBuilder; ops: TrainingOps } {
  checkGpt2Shape(config)
  checkBatch(config, batch)
  const graph = new GraphBuilder(name)
  graph.input(trainingNames.inputIds, 'int64', [batch.batchSize, batch.sequenceLength + 1])
  for (const spec of parameterSpecs(config)) graph.input(spec.name, 'float', spec.shape)
  return { graph, ops: new TrainingOps(graph) }
}

function checkBatch(config: Gpt2Shape, batch: BatchShape): void {
  if (!Number.isInteger(batch.batchSize) || batch.batchSize <= 0) {
    throw new Error(`training graph: batch size must be a positive integer, got ${batch.batchSize}`)
  }
  const T = batch.sequenceLength
  if (!Number.isInteger(T) || T <= 0 || T > config.n_positions) {
    throw new Error(
      `training graph: sequence length must be 1..${config.n_positions} (n_positions), got ${T}`
    )
  }
}

function encode(graph: GraphBuilder, docString: string): Uint8Array {
  return encodeModel(graph, { docString })
}
