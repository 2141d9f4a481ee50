/// GPT-2's forward pass and mean cross-entropy in TensorFlow.js, written independently of the
/// ONNX graph writer: its autodiff is the oracle for the hand-written backward (llm.c
/// `test_gpt2.c` compares against PyTorch the same way). Also used by the training benchmark.
import * as tf from '@tensorflow/tfjs'
import { parameterSpecs, type Gpt2Shape } from '../../../../training/train/gpt2-shapes'

export interface ReferenceOptions {
  /// Embedding lookup as oneHot(tokens) · wte instead of tf.gather: the WASM backend has no
  /// UnsortedSegmentSum, which gather's gradient needs.
  oneHotEmbedding?: boolean
}

/// Parameters in `parameterSpecs` order as tfjs tensors.
export function referenceParameters(
  config: Gpt2Shape,
  weights: Map<string, Float32Array>
): tf.Tensor[] {
  return parameterSpecs(config).map((spec) => {
    const data = weights.get(spec.name)
    if (!data) throw new Error(`missing ${spec.name}`)
    return tf.tensor(data, [...spec.shape])
  })
}

/// Mean cross-entropy of `inputIds` (B rows of T+1 token ids), parameters in spec order.
export function referenceLoss(
  config: Gpt2Shape,
  inputIds: number[][],
  parameters: tf.Tensor[],
  options: ReferenceOptions = {}
): tf.Scalar {
  const names = parameterSpecs(config).map((spec) => spec.name)
  const parameter = (name: string): tf.Tensor => parameters[names.indexOf(name)]
  const B = inputIds.length
  const T = inputIds[0].length - 1
  const C = config.n_embd
  const NH = config.n_head
  const HS = C / NH
  const V = config.vocab_size
  const tokens = tf.tensor1d(
    inputIds.flatMap((row) => row.slice(0, T)),
    'int32'
  ) // (B·T)
  const targets = tf.tensor1d(
    inputIds.flatMap((row) => row.slice(1)),
    'int32'
  ) // (B·T)
  const wte = parameter('transformer.wte.weight') as tf.Tensor2D
  const tokenEmbedding = options.oneHotEmbedding
    ? tf.matMul(tf.oneHot(tokens, V).toFloat(), wte)
    : tf.gather(wte, tokens) // (B·T, C)
  const positions = tf.tile(tf.slice(parameter('transformer.wpe.weight'), [0, 0], [T, C]), [B, 1])
  let x = tf.add(tokenEmbedding, positions) as tf.Tensor2D // (B·T, C)
  const layerNorm = (input: tf.Tensor2D, prefix: string): tf.Tensor2D => {
    const { mean, variance } = tf.moments(input, -1, true)
    const norm = tf.mul(tf.sub(input, mean), tf.rsqrt(tf.add(variance, config.layer_norm_epsilon)))
    return tf.add(tf.mul(norm, parameter(`${prefix}.weight`)), parameter(`${prefix}.bias`))
  }
  const linear = (input: tf.Tensor2D, prefix: string): tf.Tensor2D =>
    tf.add(
      tf.matMul(input, parameter(`${prefix}.weight`) as tf.Tensor2D),
      parameter(`${prefix}.bias`)
    )
  const mask = tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([T, T]), -1, 0)), -1e9) // (T, T)
  for (let layer = 0; layer < config.n_layer; layer++) {
    const prefix = `transformer.h.${layer}`
    const qkv = linear(layerNorm(x, `${prefix}.ln_1`), `${prefix}.attn.c_attn`) // (B·T, 3C)
    const [q, k, v] = tf
      .split(qkv, 3, 1)
      .map((part) => tf.transpose(tf.reshape(part, [B, T, NH, HS]), [0, 2, 1, 3])) // (B, NH, T, HS)
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(HS)), mask)
    const heads = tf.matMul(tf.softmax(scores), v) // (B, NH, T, HS)
    const joined = tf.reshape(tf.transpose(heads, [0, 2, 1, 3]), [B * T, C]) as tf.Tensor2D
    x = tf.add(x, linear(joined, `${prefix}.attn.c_proj`))
    const h = linear(layerNorm(x, `${prefix}.ln_2`), `${prefix}.mlp.c_fc`) // (B·T, 4C)
    const inner = tf.mul(tf.add(h, tf.mul(tf.pow(h, 3), 0.044715)), Math.sqrt(2 / Math.PI))
    const gelu = tf.mul(tf.mul(h, 0.5), tf.add(tf.tanh(inner), 1)) as tf.Tensor2D
    x = tf.add(x, linear(gelu, `${prefix}.mlp.c_proj`))
  }
  const logits = tf.matMul(layerNorm(x, 'transformer.ln_f'), wte, false, true) // (B·T, V)
  const logProbabilities = tf.logSoftmax(logits)
  return tf.neg(
    tf.mean(tf.sum(tf.mul(tf.oneHot(targets, V).toFloat(), logProbabilities), 1))
  ) as tf.Scalar
}
