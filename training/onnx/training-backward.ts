/// GPT-2's backward pass, written op by op in reverse order of the forward (llm.c
/// `gpt2_backward`): loss → tied head → ln_f → blocks L−1..0 → embeddings.
import { attribute } from './graph'
import { attentionBackward, layerNormBackward, linearBackward } from './backward-ops'
import {
  geluNewBackward,
  type BatchShape,
  type ForwardSaved,
  type ParameterLookup
} from './training-forward'
import type { TrainingOps } from './training-ops'
import type { Gpt2Shape } from '../train/gpt2-shapes'

/// Builds the gradient of the mean loss for every parameter. `gradientName(parameter)` names
/// the value that holds that parameter's gradient. Returns gradient value names by parameter.
export function buildBackward(
  ops: TrainingOps,
  config: Gpt2Shape,
  batch: BatchShape,
  saved: ForwardSaved,
  parameter: ParameterLookup,
  gradientName: (parameter: string) => string
): Map<string, string> {
  const { batchSize: B, sequenceLength: T } = batch
  const BT = B * T
  const C = config.n_embd
  const NH = config.n_head
  const gradients = new Map<string, string>()
  const names = (prefix: string): { weight: string; bias: string } => {
    const weight = `${prefix}.weight`
    const bias = `${prefix}.bias`
    gradients.set(weight, gradientName(weight))
    gradients.set(bias, gradientName(bias))
    return { weight: gradientName(weight), bias: gradientName(bias) }
  }
  const hidden = saved.lnf.output // (B·T, C)
  const { hiddenGradient, weightGradient: headGradient } = saved.head
  if (!hiddenGradient || !headGradient) {
    throw new Error('training graph: the forward was built without head gradients')
  }

  // 1. the head (tied logits + softmax + cross-entropy) was differentiated in the forward
  //    (training-head.ts); its one-hot term for wte is scattered in at step 5

  // 2. ln_f
  const lnf = layerNormBackward(
    ops,
    saved.lnf,
    parameter('transformer.ln_f.weight'),
    hiddenGradient,
    names('transformer.ln_f')
  )
  let residual = lnf.input // (B·T, C)

  // 3. blocks, last to first; the residual stream's gradient flows past each branch unchanged
  for (let layer = config.n_layer - 1; layer >= 0; layer--) {
    const prefix = `transformer.h.${layer}`
    const block = saved.blocks[layer]
    const weight = (name: string): string => parameter(`${prefix}.${name}.weight`)
    // 3a. MLP: c_proj ← gelu ← c_fc ← ln_2
    const projection = linearBackward(
      ops,
      block.fcActivation,
      weight('mlp.c_proj'),
      residual,
      names(`${prefix}.mlp.c_proj`)
    )
    const preActivation = geluNewBackward(
      ops,
      block.fcPreActivation,
      block.fcTanh,
      projection.input
    ) // (B·T, 4C)
    const fc = linearBackward(
      ops,
      block.ln2.output,
      weight('mlp.c_fc'),
      preActivation,
      names(`${prefix}.mlp.c_fc`)
    )
    const ln2 = layerNormBackward(ops, block.ln2, weight('ln_2'), fc.input, names(`${prefix}.ln_2`))
    residual = ops.add(residual, ln2.input)
    // 3b. attention: c_proj ← heads ← c_attn ← ln_1
    const attentionProjection = linearBackward(
      ops,
      block.attentionOutput,
      weight('attn.c_proj'),
      residual,
      names(`${prefix}.attn.c_proj`)
    )
    const qkv = attentionBackward(ops, block, attentionProjection.input, {
      B,
      T,
      NH,
      HS: C / NH
    }) // (B·T, 3C)
    const attention = linearBackward(
      ops,
      block.ln1.output,
      weight('attn.c_attn'),
      qkv,
      names(`${prefix}.attn.c_attn`)
    )
    const ln1 = layerNormBackward(
      ops,
      block.ln1,
      weight('ln_1'),
      attention.input,
      names(`${prefix}.ln_1`)
    )
    residual = ops.add(residual, ln1.input)
  }

  // 4. position embedding: sum over the batch, zero rows past T
  const wpeName = 'transformer.wpe.weight'
  const positionGradient = ops.reduceSum(ops.reshape(residual, [B, T, C]), [0], false) // (T, C)
  const padRows = config.n_positions - T
  gradients.set(wpeName, gradientName(wpeName))
  if (padRows > 0) {
    ops.op('Pad', [positionGradient, ops.ints([0, 0, padRows, 0])], {}, gradientName(wpeName))
  } else {
    ops.op('Identity', [positionGradient], {}, gradientName(wpeName))
  }

  // 5. token embedding: scatter-add the input rows' gradients and the head's one-hot term
  //    (−hidden/(B·T) at each target row) into the head's dense gradient, in one ScatterND
  const wteName = 'transformer.wte.weight'
  gradients.set(wteName, gradientName(wteName))
  const indices = ops.concat([saved.tokens, saved.targets], 0) // (2·B·T, 1)
  const updates = ops.concat([residual, ops.mul(hidden, ops.scalar(-1 / BT))], 0) // (2·B·T, C)
  ops.op(
    'ScatterND',
    [headGradient, indices, updates],
    { reduction: attribute.string('add') },
    gradientName(wteName)
  )
  return gradients
}
