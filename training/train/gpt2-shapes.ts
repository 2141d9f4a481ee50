/// The GPT-2 hyperparameters the training engine needs, under Hugging Face `GPT2Config` field names
/// so a parsed `config.json` fits as is, and the parameter list of `GPT2LMHeadModel` in the
/// order the training graphs take them.
///
/// Legend used in shape comments across training/: B = batch size, T = sequence length,
/// C = channels (n_embd), NH = heads, HS = head size (C / NH), V = vocab size, L = layers.
import type { GPT2Config } from '../model/config'

/// The subset of `GPT2Config` that fixes parameter shapes and the forward pass.
export interface Gpt2Shape {
  /// Transformer blocks (L).
  n_layer: number
  /// Attention heads per block (NH); must divide n_embd.
  n_head: number
  /// Residual stream width (C).
  n_embd: number
  /// Rows of the position embedding: the longest sequence the model accepts.
  n_positions: number
  /// Token vocabulary (V); output logits are tied to the token embedding.
  vocab_size: number
  /// LayerNorm epsilon (1e-5 in GPT-2).
  layer_norm_epsilon: number
}

/// One trainable tensor: its Hugging Face name, its shape, and whether AdamW decays it.
export interface ParameterSpec {
  name: string
  shape: readonly number[]
  /// Decoupled weight decay applies to matrices (embeddings and Conv1D weights) only, as in
  /// nanoGPT's `configure_optimizers`: biases and LayerNorm gains/shifts are not decayed.
  decay: boolean
}

/// Weights keyed by Hugging Face name (`transformer.h.0.attn.c_attn.weight`, ...), row-major.
export type Gpt2Weights = Map<string, Float32Array>

/// Throws with a hint when the shape cannot describe a GPT-2.
/// The training graphs' shape of a loaded model's config.
export function gpt2ShapeOf(config: GPT2Config): Gpt2Shape {
  return {
    n_layer: config.layers,
    n_head: config.heads,
    n_embd: config.embeddingSize,
    n_positions: config.contextLength,
    vocab_size: config.vocabSize,
    layer_norm_epsilon: config.layerNormEpsilon
  }
}

export function checkGpt2Shape(config: Gpt2Shape): void {
  const positive = ['n_layer', 'n_head', 'n_embd', 'n_positions', 'vocab_size'] as const
  for (const key of positive) {
    if (!Number.isInteger(config[key]) || config[key] <= 0) {
      throw new Error(`GPT-2 config: ${key} must be a positive integer, got ${config[key]}`)
    }
  }
  if (config.n_embd % config.n_head !== 0) {
    throw new Error(
      `GPT-2 config: n_embd (${config.n_embd}) must be a multiple of n_head (${config.n_head})`
    )
  }
  if (!(config.layer_norm_epsilon > 0)) {
    throw new Error('GPT-2 config: layer_norm_epsilon must be positive (GPT-2 uses 1e-5)')
  }
}

/// Every parameter of GPT2LMHeadModel (tied output head, so no lm_head.weight), in graph order.
export function parameterSpecs(config: Gpt2Shape): ParameterSpec[] {
  const C = config.n_embd
  const specs: ParameterSpec[] = [
    { name: 'transformer.wte.weight', shape: [config.vocab_size, C], decay: true },
    { name: 'transformer.wpe.weight', shape: [config.n_positions, C], decay: true }
  ]
  for (let layer = 0; layer < config.n_layer; layer++) {
    const prefix = `transformer.h.${layer}`
    specs.push(
      { name: `${prefix}.ln_1.weight`, shape: [C], decay: false },
      { name: `${prefix}.ln_1.bias`, shape: [C], decay: false },
      { name: `${prefix}.attn.c_attn.weight`, shape: [C, 3 * C], decay: true },
      { name: `${prefix}.attn.c_attn.bias`, shape: [3 * C], decay: false },
      { name: `${prefix}.attn.c_proj.weight`, shape: [C, C], decay: true },
      { name: `${prefix}.attn.c_proj.bias`, shape: [C], decay: false },
      { name: `${prefix}.ln_2.weight`, shape: [C], decay: false },
      { name: `${prefix}.ln_2.bias`, shape: [C], decay: false },
      { name: `${prefix}.mlp.c_fc.weight`, shape: [C, 4 * C], decay: true },
      { name: `${prefix}.mlp.c_fc.bias`, shape: [4 * C], decay: false },
      { name: `${prefix}.mlp.c_proj.weight`, shape: [4 * C, C], decay: true },
      { name: `${prefix}.mlp.c_proj.bias`, shape: [C], decay: false }
    )
  }
  specs.push(
    { name: 'transformer.ln_f.weight', shape: [C], decay: false },
    { name: 'transformer.ln_f.bias', shape: [C], decay: false }
  )
  return specs
}

/// Number of elements of a shape.
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1)
}

/// Total trainable parameters (the tied head counted once).
export function parameterCount(config: Gpt2Shape): number {
  return parameterSpecs(config).reduce((sum, spec) => sum + elementCount(spec.shape), 0)
}

/// Throws with the first missing or mis-sized tensor, so a bad checkpoint fails before training.
export function checkWeights(config: Gpt2Shape, weights: Gpt2Weights): void {
  for (const spec of parameterSpecs(config)) {
    const data = weights.get(spec.name)
    if (!data) {
      throw new Error(`GPT-2 weights: '${spec.name}' is missing; is this a GPT2LMHeadModel?`)
    }
    if (data.length !== elementCount(spec.shape)) {
      throw new Error(
        `GPT-2 weights: '${spec.name}' has ${data.length} values, expected ` +
          `[${spec.shape.join(', ')}] = ${elementCount(spec.shape)}; does config.json match?`
      )
    }
  }
}
