/// GPT-2's forward pass and mean cross-entropy in TensorFlow.js, written independently of the
/// ONNX graph writer. Two uses: its autodiff is the oracle that the hand-written backward in
/// training/onnx is tested against (llm.c `test_gpt2.c` checks against PyTorch the same way), and
/// it is the model the TensorFlow.js training backend trains (tfjs-trainer.ts). The API comes in
/// as `tf` (tfjs-api.ts), so it runs on whichever TensorFlow.js the caller loaded.
import { parameterSpecs, type Gpt2Shape, type Gpt2Weights } from '../gpt2-shapes'
import type { Scalar, Tensor, Tensor2D, Tfjs } from './tfjs-api'

export interface Gpt2LossOptions {
  /// Embedding lookup as oneHot(tokens) · wte instead of tf.gather: the WASM backend has no
  /// UnsortedSegmentSum, which gather's gradient needs.
  oneHotEmbedding?: boolean
}

/// `weights` as tensors in `parameterSpecs` order (the order gpt2Loss takes them).
export function gpt2Parameters(tf: Tfjs, config: Gpt2Shape, weights: Gpt2Weights): Tensor[] {
  return parameterSpecs(config).map((spec) => {
    const data = weights.get(spec.name)
    if (!data) throw new Error(`GPT-2 weights: '${spec.name}' is missing`)
    return tf.tensor(data, [...spec.shape])
  })
}

/// Token ids as the int32 (B, T+1) tensor gpt2Loss reads: B·(T+1) ids row-major, or B rows.
export function tokenIds(
  tf: Tfjs,
  tokens: BigInt64Array | readonly (readonly number[])[],
  B?: number
): Tensor2D {
  if (tokens instanceof BigInt64Array) {
    const rows = B ?? 1
    return tf.tensor2d(Int32Array.from(tokens, Number), [rows, tokens.length / rows], 'int32')
  }
  return tf.tensor2d(tokens.flat(), [tokens.length, tokens[0].length], 'int32')
}

/// Mean cross-entropy of `inputIds` ((B, T+1) token ids: positions 0…T−1 are read, 1…T are the
/// targets) under `parameters` in `parameterSpecs` order.
export function gpt2Loss(
  tf: Tfjs,
  config: Gpt2Shape,
  inputIds: Tensor2D,
  parameters: readonly Tensor[],
  options: Gpt2LossOptions = {}
): Scalar {
  const specs = parameterSpecs(config)
  if (parameters.length !== specs.length) {
    throw new Error(`gpt2Loss: ${specs.length} parameters expected, got ${parameters.length}`)
  }
  const byName = new Map(specs.map((spec, i) => [spec.name, parameters[i]]))
  const parameter = (name: string): Tensor => byName.get(name) as Tensor
  const [B, T1] = inputIds.shape
  const T = T1 - 1
  const C = config.n_embd
  const NH = config.n_head
  const HS = C / NH
  const V = config.vocab_size
  const tokens = tf.reshape(tf.slice(inputIds, [0, 0], [B, T]), [B * T]) // (B·T)
  const targets = tf.reshape(tf.slice(inputIds, [0, 1], [B, T]), [B * T]) // (B·T)
  const wte = parameter('transformer.wte.weight') as Tensor2D
  const tokenEmbedding = options.oneHotEmbedding
    ? tf.matMul(tf.oneHot(tokens, V).toFloat(), wte)
    : tf.gather(wte, tokens) // (B·T, C)
  const positions = tf.tile(tf.slice(parameter('transformer.wpe.weight'), [0, 0], [T, C]), [B, 1])
  let x = tf.add(tokenEmbedding, positions) as Tensor2D // (B·T, C)
  const layerNorm = (input: Tensor2D, prefix: string): Tensor2D => {
    const { mean, variance } = tf.moments(input, -1, true)
    const norm = tf.mul(tf.sub(input, mean), tf.rsqrt(tf.add(variance, config.layer_norm_epsilon)))
    return tf.add(tf.mul(norm, parameter(`${prefix}.weight`)), parameter(`${prefix}.bias`))
  }
  const linear = (input: Tensor2D, prefix: string): Tensor2D =>
    tf.add(tf.matMul(input, parameter(`${prefix}.weight`) as Tensor2D), parameter(`${prefix}.bias`))
  const mask = tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([T, T]), -1, 0)), -1e9) // (T, T)
  for (let layer = 0; layer < config.n_layer; layer++) {
    const prefix = `transformer.h.${layer}`
    const qkv = linear(layerNorm(x, `${prefix}.ln_1`), `${prefix}.attn.c_attn`) // (B·T, 3C)
    const [q, k, v] = tf
      .split(qkv, 3, 1)
      .map((part) => tf.transpose(tf.reshape(part, [B, T, NH, HS]), [0, 2, 1, 3])) // (B, NH, T, HS)
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(HS)), mask)
    const heads = tf.matMul(tf.softmax(scores), v) // (B, NH, T, HS)
    const joined = tf.reshape(tf.transpose(heads, [0, 2, 1, 3]), [B * T, C]) as Tensor2D
    x = tf.add(x, linear(joined, `${prefix}.attn.c_proj`))
    const h = linear(layerNorm(x, `${prefix}.ln_2`), `${prefix}.mlp.c_fc`) // (B·T, 4C)
    const inner = tf.mul(tf.add(h, tf.mul(tf.pow(h, 3), 0.044715)), Math.sqrt(2 / Math.PI))
    const gelu = tf.mul(tf.mul(h, 0.5), tf.add(tf.tanh(inner), 1)) as Tensor2D
    x = tf.add(x, linear(gelu, `${prefix}.mlp.c_proj`))
  }
  const logits = tf.matMul(layerNorm(x, 'transformer.ln_f'), wte, false, true) // (B·T, V)
  const logProbabilities = tf.logSoftmax(logits)
  return tf.neg(
    tf.mean(tf.sum(tf.mul(tf.oneHot(targets, V).toFloat(), logProbabilities), 1))
  ) as Scalar
}
