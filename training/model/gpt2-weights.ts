/// GPT-2's weights as typed arrays, mapped from Hugging Face `GPT2LMHeadModel` tensor names.
/// Linear weights keep GPT-2's Conv1D layout [in, out], so `x @ W` needs no transpose.
/// Legend: C = embedding size, V = vocabulary, P = positions, F = MLP inner size.
import { err, ok, type Result } from '../../src/shared/result'
import type { GPT2Config } from './config'
import type { NamedTensor, TensorStore } from './safetensors'

export interface GPT2BlockWeights {
  norm1Weight: Float32Array // (C)
  norm1Bias: Float32Array // (C)
  attentionWeight: Float32Array // (C, 3C): query, key, value side by side
  attentionBias: Float32Array // (3C)
  attentionProjectionWeight: Float32Array // (C, C)
  attentionProjectionBias: Float32Array // (C)
  norm2Weight: Float32Array // (C)
  norm2Bias: Float32Array // (C)
  mlpWeight: Float32Array // (C, F)
  mlpBias: Float32Array // (F)
  mlpProjectionWeight: Float32Array // (F, C)
  mlpProjectionBias: Float32Array // (C)
}

export interface GPT2Weights {
  tokenEmbedding: Float32Array // (V, C)
  positionEmbedding: Float32Array // (P, C)
  blocks: GPT2BlockWeights[]
  finalNormWeight: Float32Array // (C)
  finalNormBias: Float32Array // (C)
  /// Output projection (V, C); the same array as `tokenEmbedding` when the embeddings are tied.
  outputEmbedding: Float32Array
}

type BlockKey = keyof GPT2BlockWeights

/// Hugging Face name suffixes of one block's tensors, with their shapes.
function blockTensors(config: GPT2Config): [BlockKey, string, number[]][] {
  const C = config.embeddingSize
  const F = config.innerSize
  return [
    ['norm1Weight', 'ln_1.weight', [C]],
    ['norm1Bias', 'ln_1.bias', [C]],
    ['attentionWeight', 'attn.c_attn.weight', [C, 3 * C]],
    ['attentionBias', 'attn.c_attn.bias', [3 * C]],
    ['attentionProjectionWeight', 'attn.c_proj.weight', [C, C]],
    ['attentionProjectionBias', 'attn.c_proj.bias', [C]],
    ['norm2Weight', 'ln_2.weight', [C]],
    ['norm2Bias', 'ln_2.bias', [C]],
    ['mlpWeight', 'mlp.c_fc.weight', [C, F]],
    ['mlpBias', 'mlp.c_fc.bias', [F]],
    ['mlpProjectionWeight', 'mlp.c_proj.weight', [F, C]],
    ['mlpProjectionBias', 'mlp.c_proj.bias', [C]]
  ]
}

/// Maps a weight file onto GPT2Weights, checking every tensor's shape against the config.
/// Accepts names with or without the `transformer.` prefix; a missing `lm_head.weight` means tied.
export function loadGPT2Weights(config: GPT2Config, store: TensorStore): Result<GPT2Weights> {
  const names = new Set(store.names())
  const prefix = names.has('transformer.wte.weight') ? 'transformer.' : ''
  const C = config.embeddingSize
  const problems: string[] = []
  const take = (name: string, shape: number[]): Float32Array => {
    const info = store.info(name)
    if (!info) {
      problems.push(`'${name}' is missing`)
      return new Float32Array(0)
    }
    if (info.shape.length !== shape.length || info.shape.some((d, i) => d !== shape[i])) {
      problems.push(`'${name}' has shape [${info.shape}] but the config needs [${shape}]`)
      return new Float32Array(0)
    }
    try {
      return store.float32(name)
    } catch (error) {
      problems.push((error as Error).message)
      return new Float32Array(0)
    }
  }
  const tokenEmbedding = take(`${prefix}wte.weight`, [config.vocabSize, C])
  const positionEmbedding = take(`${prefix}wpe.weight`, [config.contextLength, C])
  const blocks: GPT2BlockWeights[] = []
  for (let layer = 0; layer < config.layers; layer++) {
    const block = {} as GPT2BlockWeights
    for (const [key, suffix, shape] of blockTensors(config)) {
      block[key] = take(`${prefix}h.${layer}.${suffix}`, shape)
    }
    blocks.push(block)
  }
  const finalNormWeight = take(`${prefix}ln_f.weight`, [C])
  const finalNormBias = take(`${prefix}ln_f.bias`, [C])
  const outputEmbedding = names.has('lm_head.weight')
    ? take('lm_head.weight', [config.vocabSize, C])
    : tokenEmbedding
  if (names.has(`${prefix}h.${config.layers}.ln_1.weight`)) {
    problems.push(`the file has more than n_layer = ${config.layers} blocks`)
  }
  if (problems.length > 0) {
    const shown =
      problems.slice(0, 5).join('; ') +
      (problems.length > 5 ? `; and ${problems.length - 5} more` : '')
    return err(
      'model-error',
      `The weights do not match config.json: ${shown}. Check that the weights and config.json come from the same model.`
    )
  }
  return ok({
    tokenEmbedding,
    positionEmbedding,
    blocks,
    finalNormWeight,
    finalNormBias,
    outputEmbedding
  })
}

/// The weights under Hugging Face names, ready for `writeSafetensors`. Tied output embeddings are
/// not written (as in the hub's GPT-2 files).
export function gpt2WeightsToTensors(config: GPT2Config, weights: GPT2Weights): NamedTensor[] {
  const C = config.embeddingSize
  const tensors: NamedTensor[] = [
    { name: 'transformer.wte.weight', shape: [config.vocabSize, C], data: weights.tokenEmbedding },
    {
      name: 'transformer.wpe.weight',
      shape: [config.contextLength, C],
      data: weights.positionEmbedding
    }
  ]
  weights.blocks.forEach((block, layer) => {
    for (const [key, suffix, shape] of blockTensors(config)) {
      tensors.push({ name: `transformer.h.${layer}.${suffix}`, shape, data: block[key] })
    }
  })
  tensors.push({ name: 'transformer.ln_f.weight', shape: [C], data: weights.finalNormWeight })
  tensors.push({ name: 'transformer.ln_f.bias', shape: [C], data: weights.finalNormBias })
  if (weights.outputEmbedding !== weights.tokenEmbedding) {
    tensors.push({
      name: 'lm_head.weight',
      shape: [config.vocabSize, C],
      data: weights.outputEmbedding
    })
  }
  return tensors
}
