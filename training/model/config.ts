/// GPT-2 hyperparameters, read from a Hugging Face `config.json` (`GPT2Config`). The same reader
/// accepts `gpt2`, `distilgpt2`, `gpt2-medium` and fine-tunes of them: they differ only in sizes.
import { err, ok, type Result } from '../../src/shared/result'

export interface GPT2Config {
  /// Transformer blocks (`n_layer`): 12 for gpt2, 6 for distilgpt2, 24 for gpt2-medium.
  layers: number
  /// Attention heads per block (`n_head`); `embeddingSize` must divide evenly by it.
  heads: number
  /// Channels C of the residual stream (`n_embd`).
  embeddingSize: number
  /// Width of the MLP's hidden layer (`n_inner`, default 4 × C).
  innerSize: number
  /// Longest sequence the position table covers (`n_positions`).
  contextLength: number
  /// Tokens V in the vocabulary (`vocab_size`); 50257 for the GPT-2 BPE.
  vocabSize: number
  /// Added to the variance in every LayerNorm (`layer_norm_epsilon`).
  layerNormEpsilon: number
  /// Only GPT-2's tanh approximation of GELU (`gelu_new`) is supported.
  activation: 'gelu_new'
  /// The output projection reuses the token embedding (GPT-2 always does).
  tieWordEmbeddings: boolean
  /// End-of-text token (`eos_token_id`), 50256 for GPT-2.
  eosTokenId: number
}

const TANH_GELU_NAMES = new Set(['gelu_new', 'gelu_pytorch_tanh', 'gelu_fast'])

/// Reads a parsed `config.json`. Unknown architectures fail with a message that names them.
export function parseGPT2Config(json: unknown): Result<GPT2Config> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return err('bad-input', 'config.json is not a JSON object. Re-download the model.')
  }
  const raw = json as Record<string, unknown>
  const modelType = raw.model_type
  if (modelType !== 'gpt2') {
    const architectures = Array.isArray(raw.architectures) ? raw.architectures.join(', ') : ''
    return err(
      'model-error',
      `This model is '${String(modelType)}'${architectures ? ` (${architectures})` : ''}, ` +
        'but Script Buddy runs only GPT-2 family models (model_type "gpt2"). ' +
        'Choose a GPT-2, DistilGPT-2 or GPT-2 Medium model.'
    )
  }
  const problems: string[] = []
  const integer = (key: string, fallback?: number): number => {
    const value = raw[key] ?? fallback
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      problems.push(`${key} must be a positive integer (found ${JSON.stringify(raw[key])})`)
      return 1
    }
    return value
  }
  const layers = integer('n_layer')
  const heads = integer('n_head')
  const embeddingSize = integer('n_embd')
  const contextLength = integer('n_positions', raw.n_ctx as number | undefined)
  const vocabSize = integer('vocab_size')
  const innerSize = raw.n_inner == null ? 4 * embeddingSize : integer('n_inner')
  const epsilon = raw.layer_norm_epsilon ?? 1e-5
  if (typeof epsilon !== 'number' || !(epsilon > 0)) {
    problems.push(`layer_norm_epsilon must be a positive number (found ${JSON.stringify(epsilon)})`)
  }
  const activation = raw.activation_function ?? 'gelu_new'
  if (typeof activation !== 'string' || !TANH_GELU_NAMES.has(activation)) {
    problems.push(
      `activation_function ${JSON.stringify(activation)} is not supported (only gelu_new)`
    )
  }
  if (embeddingSize % heads !== 0) {
    problems.push(`n_embd (${embeddingSize}) must be divisible by n_head (${heads})`)
  }
  for (const flag of [
    'scale_attn_by_inverse_layer_idx',
    'reorder_and_upcast_attn',
    'add_cross_attention'
  ]) {
    if (raw[flag] === true) problems.push(`${flag}: true is not supported`)
  }
  if (raw.scale_attn_weights === false) problems.push('scale_attn_weights: false is not supported')
  const eos = raw.eos_token_id ?? vocabSize - 1
  if (problems.length > 0) {
    return err('model-error', `config.json is not a usable GPT-2 config: ${problems.join('; ')}.`)
  }
  return ok({
    layers,
    heads,
    embeddingSize,
    innerSize,
    contextLength,
    vocabSize,
    layerNormEpsilon: epsilon as number,
    activation: 'gelu_new',
    tieWordEmbeddings: raw.tie_word_embeddings !== false,
    eosTokenId: typeof eos === 'number' ? eos : vocabSize - 1
  })
}

/// Writes the config back in Hugging Face form (for compiled or generated model folders).
export function gpt2ConfigToJson(config: GPT2Config): Record<string, unknown> {
  return {
    model_type: 'gpt2',
    architectures: ['GPT2LMHeadModel'],
    vocab_size: config.vocabSize,
    n_positions: config.contextLength,
    n_ctx: config.contextLength,
    n_embd: config.embeddingSize,
    n_layer: config.layers,
    n_head: config.heads,
    n_inner: config.innerSize === 4 * config.embeddingSize ? null : config.innerSize,
    activation_function: config.activation,
    layer_norm_epsilon: config.layerNormEpsilon,
    bos_token_id: config.eosTokenId,
    eos_token_id: config.eosTokenId,
    tie_word_embeddings: config.tieWordEmbeddings
  }
}
