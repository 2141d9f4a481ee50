/// The GPT-2 decoder as an ONNX graph (opset 17) with a KV cache. By default it follows the
/// transformers.js / Optimum decoder convention, so the file also loads in transformers.js (the
/// engine runs the 'sequence-first' layout instead, see KvLayout):
///   input_ids (B, T) int64, attention_mask (B, P+T) int64, position_ids (B, T) int64,
///   past_key_values.{i}.key|value (B, H, P, D) float, num_logits_to_keep () int64
///   → logits (B, T', V) float, present.{i}.key|value (B, H, P+T, D) float
/// `num_logits_to_keep` = 0 computes logits for every position; k > 0 only for the last k (the
/// decode loop asks for 1, which skips most of the output projection during prefill).
/// Legend: B = batch, T = new tokens, P = cached tokens, L = P + T, C = channels, H = heads,
/// D = head size, F = MLP size, V = vocabulary.
import type { GPT2Config } from '../model/config'
import type { GPT2Weights } from '../model/gpt2-weights'
import { attribute, encodeModel, GraphBuilder } from './graph'
import { quantizeColumns, quantizeRows, transposeInt8 } from './quantize'

export type GraphPrecision = 'fp32' | 'int8'

/// How the KV cache crosses the graph's boundary.
/// - 'optimum' (the transformers.js / Optimum convention): past_key_values.{i}.key|value
///   (B, H, P, D) in, the whole cache present.{i}.key|value (B, H, P+T, D) out.
/// - 'sequence-first': past_key_values.{i}.key|value (P, B, H, D) in, only the new tokens' keys
///   and values new.{i}.key|value (T, B, H, D) out. The caller keeps the cache in one buffer and
///   appends to it: a prefix of a sequence-first buffer is the next step's input as it is, and
///   nothing the size of the cache comes back. Returning the whole cache cost most of a decode
///   step at the app's context lengths (tests/benchmarks/kv-transfer.ts).
export type KvLayout = 'optimum' | 'sequence-first'

export interface InferenceGraphOptions {
  /// Default 'optimum'.
  kvLayout?: KvLayout
  /// How int8 matrices multiply. 'dynamic-quantize-matmul' (default): activations quantized per
  /// run, integer GEMM. 'dequantize-linear': weights dequantized to float each run, float GEMM
  /// (kept for measurements: it was slower, see the inference issue).
  int8Kernel?: 'dynamic-quantize-matmul' | 'dequantize-linear'
}

/// Builds the inference graph and returns the encoded model. `int8` stores every matrix as int8
/// with per-output-channel scales and multiplies with com.microsoft DynamicQuantizeMatMul
/// (activations quantized per run, u8×s8 integer GEMM); LayerNorm, attention and the position
/// table stay in float.
export function buildInferenceModel(
  config: GPT2Config,
  weights: GPT2Weights,
  precision: GraphPrecision = 'fp32',
  options: InferenceGraphOptions = {}
): Uint8Array {
  const graph = new GraphBuilder('gpt2-decoder')
  const int8 = precision === 'int8'
  const C = config.embeddingSize
  const H = config.heads
  const D = C / H
  const V = config.vocabSize
  const F = config.innerSize

  const inputIds = graph.input('input_ids', 'int64', ['batch_size', 'sequence_length'])
  const attentionMask = graph.input('attention_mask', 'int64', [
    'batch_size',
    'total_sequence_length'
  ])
  const positionIds = graph.input('position_ids', 'int64', ['batch_size', 'sequence_length'])
  const sequenceFirst = options.kvLayout === 'sequence-first'
  const pastDims = sequenceFirst
    ? ['past_sequence_length', 'batch_size', H, D]
    : ['batch_size', H, 'past_sequence_length', D]
  const pastNames = Array.from({ length: config.layers }, (_, i) => ({
    key: graph.input(`past_key_values.${i}.key`, 'float', pastDims),
    value: graph.input(`past_key_values.${i}.value`, 'float', pastDims)
  }))
  const logitsToKeep = graph.input('num_logits_to_keep', 'int64', [])

  const int64 = (hint: string, values: number[], dims?: number[]) =>
    graph.constInt64(hint, values, dims)
  const float = (hint: string, value: number) => graph.constFloat(hint, [value], [])

  // Matrices (K, N) in Conv1D layout: x @ W + b.
  const linear = (
    x: string,
    weight: Float32Array,
    bias: Float32Array,
    K: number,
    N: number,
    name: string
  ) => {
    const biasName = graph.initializer(`${name}.bias`, 'float', [N], bias)
    if (!int8) {
      const w = graph.initializer(`${name}.weight`, 'float', [K, N], weight)
      return graph.op('Add', [graph.op('MatMul', [x, w]), biasName])
    }
    const q = quantizeColumns(weight, K, N)
    const w = graph.initializer(`${name}.weight_int8`, 'int8', [K, N], q.values)
    const scale = graph.initializer(`${name}.weight_scale`, 'float', [N], q.scales)
    const zero = graph.initializer(`${name}.weight_zero_point`, 'int8', [N], new Int8Array(N))
    if (options.int8Kernel === 'dequantize-linear') {
      const dequantized = graph.op('DequantizeLinear', [w, scale, zero], { axis: attribute.int(1) })
      return graph.op('Add', [graph.op('MatMul', [x, dequantized]), biasName])
    }
    return graph.node('DynamicQuantizeMatMul', [x, w, scale, zero, biasName], {
      domain: 'com.microsoft',
      name
    })[0]
  }
  const layerNorm = (x: string, weight: Float32Array, bias: Float32Array, name: string) =>
    graph.op(
      'LayerNormalization',
      [
        x,
        graph.initializer(`${name}.weight`, 'float', [C], weight),
        graph.initializer(`${name}.bias`, 'float', [C], bias)
      ],
      { axis: attribute.int(-1), epsilon: attribute.float(config.layerNormEpsilon) },
      name
    )

  // 1. sizes: T from input_ids, L from attention_mask, P = L - T
  const zero = int64('zero', [0], [])
  const one = int64('one', [1], [])
  const idsShape = graph.op('Shape', [inputIds])
  const batch = graph.op('Gather', [idsShape, int64('axis0', [0])]) // (1)
  const T = graph.op('Gather', [idsShape, one]) // ()
  const L = graph.op('Gather', [graph.op('Shape', [attentionMask]), one]) // ()
  const P = graph.op('Sub', [L, T])

  // 2. additive attention bias (B, 1, T, L): 0 where key ≤ query position and not padding
  const keyPositions = graph.op('Range', [zero, L, one]) // (L)
  const queryPositions = graph.op('Range', [P, L, one]) // (T)
  const causal = graph.op('LessOrEqual', [
    graph.op('Unsqueeze', [keyPositions, int64('axes_q', [0])]), // (1, L)
    graph.op('Unsqueeze', [queryPositions, int64('axes_k', [1])]) // (T, 1)
  ]) // (T, L)
  const notPadding = graph.op('Unsqueeze', [
    graph.op('Cast', [attentionMask], { to: attribute.int(9) }),
    int64('axes_mask', [1, 2])
  ]) // (B, 1, 1, L)
  const allowed = graph.op('And', [causal, notPadding]) // (B, 1, T, L)
  const attentionBias = graph.op('Where', [allowed, float('open', 0), float('masked', -1e9)])

  // 3. embeddings: x = wte[input_ids] + wpe[position_ids]  (B, T, C)
  let tokens: string
  const quantizedEmbedding = int8 ? quantizeRows(weights.tokenEmbedding, V, C) : undefined
  if (quantizedEmbedding) {
    const table = graph.initializer('wte.weight_int8', 'int8', [V, C], quantizedEmbedding.values)
    const scales = graph.initializer('wte.weight_scale', 'float', [V], quantizedEmbedding.scales)
    const rows = graph.op('Cast', [graph.op('Gather', [table, inputIds])], { to: attribute.int(1) })
    const rowScales = graph.op('Unsqueeze', [
      graph.op('Gather', [scales, inputIds]),
      int64('axes_scale', [2])
    ])
    tokens = graph.op('Mul', [rows, rowScales])
  } else {
    const table = graph.initializer('wte.weight', 'float', [V, C], weights.tokenEmbedding)
    tokens = graph.op('Gather', [table, inputIds])
  }
  const positionTable = graph.initializer(
    'wpe.weight',
    'float',
    [config.contextLength, C],
    weights.positionEmbedding
  )
  let x = graph.op('Add', [tokens, graph.op('Gather', [positionTable, positionIds])])

  // 4. blocks
  const headsShape = int64('heads_shape', [0, 0, H, D])
  const channelsShape = int64('channels_shape', [0, 0, C])
  const splitSizes = int64('qkv_split', [C, C, C])
  const queryScale = float('query_scale', 1 / Math.sqrt(D))
  weights.blocks.forEach((block, i) => {
    const name = `h.${i}`
    const normed = layerNorm(x, block.norm1Weight, block.norm1Bias, `${name}.ln_1`)
    const qkv = linear(
      normed,
      block.attentionWeight,
      block.attentionBias,
      C,
      3 * C,
      `${name}.attn.c_attn`
    ) // (B, T, 3C)
    const [q, k, v] = graph.node('Split', [qkv, splitSizes], {
      outputs: 3,
      attributes: { axis: attribute.int(2) }
    })
    const toHeads = (t: string) =>
      graph.op('Transpose', [graph.op('Reshape', [t, headsShape])], {
        perm: attribute.ints([0, 2, 1, 3])
      }) // (B, H, T, D)
    const query = toHeads(graph.op('Mul', [q, queryScale]))
    let keyT: string // (B, H, D, L)
    let presentValue: string // (B, H, L, D)
    if (sequenceFirst) {
      // (B, T, C) → (T, B, H, D), returned as the new tokens' keys and values
      const toSequenceFirst = (t: string, output: string) =>
        graph.node('Transpose', [graph.op('Reshape', [t, headsShape])], {
          outputs: [output],
          attributes: { perm: attribute.ints([1, 0, 2, 3]) }
        })[0]
      const newKey = toSequenceFirst(k, `new.${i}.key`)
      const newValue = toSequenceFirst(v, `new.${i}.value`)
      const axis0 = { axis: attribute.int(0) }
      const allKeys = graph.op('Concat', [pastNames[i].key, newKey], axis0) // (L, B, H, D)
      const allValues = graph.op('Concat', [pastNames[i].value, newValue], axis0)
      keyT = graph.op('Transpose', [allKeys], { perm: attribute.ints([1, 2, 3, 0]) })
      presentValue = graph.op('Transpose', [allValues], { perm: attribute.ints([1, 2, 0, 3]) })
    } else {
      const [presentKey] = graph.node('Concat', [pastNames[i].key, toHeads(k)], {
        outputs: [`present.${i}.key`],
        attributes: { axis: attribute.int(2) }
      }) // (B, H, L, D)
      ;[presentValue] = graph.node('Concat', [pastNames[i].value, toHeads(v)], {
        outputs: [`present.${i}.value`],
        attributes: { axis: attribute.int(2) }
      })
      keyT = graph.op('Transpose', [presentKey], { perm: attribute.ints([0, 1, 3, 2]) })
    }
    const scores = graph.op('Add', [graph.op('MatMul', [query, keyT]), attentionBias]) // (B, H, T, L)
    const probabilities = graph.op('Softmax', [scores], { axis: attribute.int(-1) })
    const heads = graph.op('MatMul', [probabilities, presentValue]) // (B, H, T, D)
    const merged = graph.op('Reshape', [
      graph.op('Transpose', [heads], { perm: attribute.ints([0, 2, 1, 3]) }),
      channelsShape
    ]) // (B, T, C)
    const attended = linear(
      merged,
      block.attentionProjectionWeight,
      block.attentionProjectionBias,
      C,
      C,
      `${name}.attn.c_proj`
    )
    x = graph.op('Add', [x, attended])
    const normed2 = layerNorm(x, block.norm2Weight, block.norm2Bias, `${name}.ln_2`)
    const hidden = gelu(
      graph,
      linear(normed2, block.mlpWeight, block.mlpBias, C, F, `${name}.mlp.c_fc`)
    ) // (B, T, F)
    x = graph.op('Add', [
      x,
      linear(hidden, block.mlpProjectionWeight, block.mlpProjectionBias, F, C, `${name}.mlp.c_proj`)
    ])
    if (sequenceFirst) {
      graph.output(`new.${i}.key`, 'float', ['sequence_length', 'batch_size', H, D])
      graph.output(`new.${i}.value`, 'float', ['sequence_length', 'batch_size', H, D])
    } else {
      graph.output(`present.${i}.key`, 'float', ['batch_size', H, 'total_sequence_length', D])
      graph.output(`present.${i}.value`, 'float', ['batch_size', H, 'total_sequence_length', D])
    }
  })

  // 5. keep the last num_logits_to_keep positions (all when 0), final norm, logits = x @ wteᵀ
  const start = graph.op('Where', [
    graph.op('Equal', [logitsToKeep, zero]),
    zero,
    graph.op('Sub', [T, logitsToKeep])
  ])
  const kept = graph.op('Slice', [
    x,
    graph.op('Unsqueeze', [start, int64('axes_start', [0])]),
    int64('slice_end', [Number.MAX_SAFE_INTEGER]),
    int64('slice_axes', [1])
  ]) // (B, T', C)
  const final = layerNorm(kept, weights.finalNormWeight, weights.finalNormBias, 'ln_f')
  const flat = graph.op('Reshape', [final, int64('flat_shape', [-1, C])]) // (B·T', C)
  let logits: string
  if (quantizedEmbedding) {
    const outputTable =
      weights.outputEmbedding === weights.tokenEmbedding
        ? quantizedEmbedding
        : quantizeRows(weights.outputEmbedding, V, C)
    const w = graph.initializer(
      'lm_head.weight_int8_t',
      'int8',
      [C, V],
      transposeInt8(outputTable.values, V, C)
    )
    const scale = graph.initializer('lm_head.weight_scale', 'float', [V], outputTable.scales)
    const zeroPoint = graph.initializer('lm_head.weight_zero_point', 'int8', [V], new Int8Array(V))
    logits =
      options.int8Kernel === 'dequantize-linear'
        ? graph.op('MatMul', [
            flat,
            graph.op('DequantizeLinear', [w, scale, zeroPoint], { axis: attribute.int(1) })
          ])
        : graph.node('DynamicQuantizeMatMul', [flat, w, scale, zeroPoint], {
            domain: 'com.microsoft',
            name: 'lm_head'
          })[0]
  } else {
    const table =
      weights.outputEmbedding === weights.tokenEmbedding
        ? 'wte.weight'
        : graph.initializer('lm_head.weight', 'float', [V, C], weights.outputEmbedding)
    logits = graph.op('Gemm', [flat, table], { transB: attribute.int(1) }) // (B·T', V)
  }
  const logitsShape = graph.op('Concat', [batch, int64('minus_one', [-1]), int64('vocab', [V])], {
    axis: attribute.int(0)
  })
  graph.node('Reshape', [logits, logitsShape], { outputs: ['logits'] })
  graph.output('logits', 'float', ['batch_size', 'logits_length', V])

  return encodeModel(graph, {
    ...(int8 ? { extraOpsets: [{ domain: 'com.microsoft', version: 1 }] } : {}),
    docString: `GPT-2 decoder (${precision}) compiled by Script Buddy`,
    metadata: {
      precision,
      layers: String(config.layers),
      heads: String(H),
      kv_layout: options.kvLayout ?? 'optimum'
    }
  })
}

/// GPT-2's `gelu_new`: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), in the form the PyTorch
/// export produces, so onnxruntime can fuse it into one FastGelu kernel.
function gelu(graph: GraphBuilder, x: string): string {
  const cube = graph.op('Pow', [x, graph.constFloat('three', [3], [])])
  const inner = graph.op('Add', [
    x,
    graph.op('Mul', [cube, graph.constFloat('gelu_c', [0.044715], [])])
  ])
  const tanh = graph.op('Tanh', [
    graph.op('Mul', [inner, graph.constFloat('sqrt_2_pi', [Math.sqrt(2 / Math.PI)], [])])
  ])
  const half = graph.op('Mul', [x, graph.constFloat('half', [0.5], [])])
  return graph.op('Mul', [half, graph.op('Add', [tanh, graph.constFloat('one_f', [1], [])])])
}
