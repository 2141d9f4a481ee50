/// GPT-2's forward pass as ONNX nodes, keeping every activation the hand-written backward needs
/// (llm.c's `ActivationTensors`). Shapes: B batch, T time, C channels, NH heads, HS head size,
/// V vocab; the residual stream is kept flat as (B·T, C) so every linear layer is one Gemm.
import { attribute } from './graph'
import { buildHead, type HeadOutputs } from './training-head'
import type { TrainingOps } from './training-ops'
import type { Gpt2Shape } from '../train/gpt2-shapes'

/// The batch geometry a graph is built for (fixed, so every reshape is a constant).
export interface BatchShape {
  /// Sequences per batch (B).
  batchSize: number
  /// Tokens per sequence fed to the model (T); the batch carries T + 1 so targets are shifted.
  sequenceLength: number
}

/// What LayerNormalization saved: its input, per-row mean and 1/std (B·T, 1), and its output.
export interface LayerNormSaved {
  input: string
  mean: string
  inverseStd: string
  output: string
}

/// One block's saved activations.
export interface BlockSaved {
  ln1: LayerNormSaved
  /// (B, NH, T, HS) each, before the attention product.
  query: string
  key: string
  value: string
  /// Softmax of the masked, scaled scores (B, NH, T, T).
  attention: string
  /// Heads re-joined, before c_proj (B·T, C).
  attentionOutput: string
  ln2: LayerNormSaved
  /// c_fc output before gelu (B·T, 4C), its tanh term, and the gelu output.
  fcPreActivation: string
  fcTanh: string
  fcActivation: string
}

export interface ForwardSaved {
  /// Flat token ids and next-token targets, (B·T, 1) int64.
  tokens: string
  targets: string
  blocks: BlockSaved[]
  lnf: LayerNormSaved
  /// Mean loss, and with `gradients` the head's gradients (computed during the forward).
  head: HeadOutputs
}

export interface ForwardOptions {
  /// Also compute the head's gradients (training graphs).
  gradients: boolean
  /// Rows of the (B·T, V) logits computed at once; bounds the memory of the vocab-sized tensors.
  headChunkRows: number
}

/// Looks a parameter's graph value up by its Hugging Face name.
export type ParameterLookup = (name: string) => string

const GELU_SCALE = Math.sqrt(2 / Math.PI)
const GELU_CUBIC = 0.044715

/// Builds embeddings → blocks → ln_f → tied logits → softmax → mean cross-entropy from a
/// (B, T+1) int64 `inputIds` value. `lossName` names the scalar loss value.
export function buildForward(
  ops: TrainingOps,
  config: Gpt2Shape,
  batch: BatchShape,
  inputIds: string,
  parameter: ParameterLookup,
  lossName: string,
  options: ForwardOptions
): ForwardSaved {
  const { batchSize: B, sequenceLength: T } = batch
  const BT = B * T
  // 1. inputs are the first T tokens, targets the T tokens after each
  const tokens = ops.reshape(ops.slice(inputIds, [0], [T], [1]), [BT, 1]) // (B·T, 1)
  const targets = ops.reshape(ops.slice(inputIds, [1], [T + 1], [1]), [BT, 1]) // (B·T, 1)
  // 2. token + position embeddings
  const tokenEmbedding = ops.op('Gather', [
    parameter('transformer.wte.weight'),
    ops.reshape(tokens, [B, T])
  ]) // (B, T, C)
  const positionEmbedding = ops.slice(parameter('transformer.wpe.weight'), [0], [T], [0]) // (T, C)
  let residual = ops.reshape(ops.add(tokenEmbedding, positionEmbedding), [BT, config.n_embd])
  // 3. the transformer blocks
  const blocks: BlockSaved[] = []
  const mask = causalMask(ops, T)
  for (let layer = 0; layer < config.n_layer; layer++) {
    const prefix = `transformer.h.${layer}`
    const block = forwardBlock(ops, config, batch, residual, mask, (name) =>
      parameter(`${prefix}.${name}`)
    )
    blocks.push(block.saved)
    residual = block.output
  }
  // 4. final LayerNorm, then the tied head and cross-entropy (with its backward when training)
  const lnf = layerNorm(
    ops,
    config,
    residual,
    parameter('transformer.ln_f.weight'),
    parameter('transformer.ln_f.bias')
  )
  const head = buildHead(
    ops,
    {
      hidden: lnf.output,
      targets,
      wte: parameter('transformer.wte.weight'),
      rows: BT,
      chunkRows: options.headChunkRows
    },
    { gradients: options.gradients, lossName }
  )
  return { tokens, targets, blocks, lnf, head }
}

/// (T, T) additive mask: 0 on and below the diagonal, a large negative number above it.
function causalMask(ops: TrainingOps, T: number): string {
  const values = new Float32Array(T * T)
  for (let row = 0; row < T; row++) {
    for (let column = row + 1; column < T; column++) values[row * T + column] = -1e9
  }
  return ops.graph.initializer('causal_mask', 'float', [T, T], values)
}

/// LayerNormalization over channels, also returning mean and 1/std for the backward pass.
export function layerNorm(
  ops: TrainingOps,
  config: Gpt2Shape,
  input: string,
  weight: string,
  bias: string
): LayerNormSaved {
  const [output, mean, inverseStd] = ops.graph.node('LayerNormalization', [input, weight, bias], {
    outputs: 3,
    name: 'layer_norm',
    attributes: { axis: attribute.int(-1), epsilon: attribute.float(config.layer_norm_epsilon) }
  })
  return { input, mean, inverseStd, output }
}

function forwardBlock(
  ops: TrainingOps,
  config: Gpt2Shape,
  batch: BatchShape,
  input: string,
  mask: string,
  parameter: ParameterLookup
): { saved: BlockSaved; output: string } {
  const { batchSize: B, sequenceLength: T } = batch
  const C = config.n_embd
  const NH = config.n_head
  const HS = C / NH
  // attention: ln_1 → c_attn → split heads → causal softmax(q·kᵀ/√HS) · v → c_proj
  const ln1 = layerNorm(ops, config, input, parameter('ln_1.weight'), parameter('ln_1.bias'))
  const qkv = ops.gemm(
    ln1.output,
    parameter('attn.c_attn.weight'),
    {},
    parameter('attn.c_attn.bias')
  ) // (B·T, 3C)
  const [q, k, v] = ops.graph.node('Split', [qkv, ops.ints([C, C, C])], {
    outputs: 3,
    attributes: { axis: attribute.int(1) }
  }) // (B·T, C) each
  const heads = (x: string): string => ops.transpose(ops.reshape(x, [B, T, NH, HS]), [0, 2, 1, 3]) // (B, NH, T, HS)
  const query = heads(q)
  const key = heads(k)
  const value = heads(v)
  const scores = ops.mul(
    ops.matmul(query, ops.transpose(key, [0, 1, 3, 2])),
    ops.scalar(1 / Math.sqrt(HS))
  ) // (B, NH, T, T)
  const attention = ops.op('Softmax', [ops.add(scores, mask)], { axis: attribute.int(-1) }) // (B, NH, T, T)
  const joined = ops.transpose(ops.matmul(attention, value), [0, 2, 1, 3]) // (B, T, NH, HS)
  const attentionOutput = ops.reshape(joined, [B * T, C]) // (B·T, C)
  const projected = ops.gemm(
    attentionOutput,
    parameter('attn.c_proj.weight'),
    {},
    parameter('attn.c_proj.bias')
  )
  const afterAttention = ops.add(input, projected) // (B·T, C)
  // MLP: ln_2 → c_fc → gelu_new → c_proj
  const ln2 = layerNorm(
    ops,
    config,
    afterAttention,
    parameter('ln_2.weight'),
    parameter('ln_2.bias')
  )
  const fcPreActivation = ops.gemm(
    ln2.output,
    parameter('mlp.c_fc.weight'),
    {},
    parameter('mlp.c_fc.bias')
  ) // (B·T, 4C)
  const { tanh: fcTanh, output: fcActivation } = geluNew(ops, fcPreActivation)
  const mlp = ops.gemm(
    fcActivation,
    parameter('mlp.c_proj.weight'),
    {},
    parameter('mlp.c_proj.bias')
  )
  const output = ops.add(afterAttention, mlp) // (B·T, C)
  const saved: BlockSaved = {
    ln1,
    query,
    key,
    value,
    attention,
    attentionOutput,
    ln2,
    fcPreActivation,
    fcTanh,
    fcActivation
  }
  return { saved, output }
}

/// gelu_new: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))); returns the tanh term for the backward.
function geluNew(ops: TrainingOps, x: string): { tanh: string; output: string } {
  const cube = ops.mul(ops.mul(x, x), x)
  const inner = ops.mul(ops.add(x, ops.mul(cube, ops.scalar(GELU_CUBIC))), ops.scalar(GELU_SCALE))
  const tanh = ops.op('Tanh', [inner])
  const output = ops.mul(ops.mul(x, ops.scalar(0.5)), ops.add(tanh, ops.scalar(1)))
  return { tanh, output }
}

/// d gelu_new / dx given x and its tanh term:
/// 0.5·(1 + t) + 0.5·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²).
export function geluNewBackward(
  ops: TrainingOps,
  x: string,
  tanh: string,
  outputGradient: string
): string {
  const sech2 = ops.sub(ops.scalar(1), ops.mul(tanh, tanh))
  const slope = ops.add(ops.mul(ops.mul(x, x), ops.scalar(3 * GELU_CUBIC)), ops.scalar(1))
  const outer = ops.mul(ops.mul(x, sech2), ops.mul(slope, ops.scalar(0.5 * GELU_SCALE)))
  const local = ops.add(ops.mul(ops.add(tanh, ops.scalar(1)), ops.scalar(0.5)), outer)
  return ops.mul(outputGradient, local)
}
