/// The GPT-2 forward pass in plain TypeScript on Float32Array: slow, obvious, and the oracle that
/// the ONNX graph is tested against. Written as llm.c writes it: one pure function per layer.
/// Legend: T = sequence length, C = channels, H = heads, D = head size (C / H), V = vocabulary.
import type { GPT2Config } from './config'
import type { GPT2Weights } from './gpt2-weights'

/// Logits (T, V) for every position of one sequence of token ids.
export function referenceForward(
  config: GPT2Config,
  weights: GPT2Weights,
  ids: readonly number[]
): Float32Array {
  const T = ids.length
  const C = config.embeddingSize
  if (T > config.contextLength) throw new Error(`sequence of ${T} tokens exceeds the context`)
  // 1. token + position embeddings
  const x = new Float32Array(T * C) // (T, C)
  for (let t = 0; t < T; t++) {
    for (let c = 0; c < C; c++) {
      x[t * C + c] = weights.tokenEmbedding[ids[t] * C + c] + weights.positionEmbedding[t * C + c]
    }
  }
  // 2. the blocks: x += attention(ln1(x)); x += mlp(ln2(x))
  for (const block of weights.blocks) {
    const normed = layerNorm(x, T, C, block.norm1Weight, block.norm1Bias, config.layerNormEpsilon)
    const qkv = matmul(normed, T, C, block.attentionWeight, block.attentionBias, 3 * C) // (T, 3C)
    const attended = attention(qkv, T, C, config.heads) // (T, C)
    const projected = matmul(
      attended,
      T,
      C,
      block.attentionProjectionWeight,
      block.attentionProjectionBias,
      C
    )
    for (let i = 0; i < x.length; i++) x[i] += projected[i]
    const normed2 = layerNorm(x, T, C, block.norm2Weight, block.norm2Bias, config.layerNormEpsilon)
    const hidden = matmul(normed2, T, C, block.mlpWeight, block.mlpBias, config.innerSize) // (T, F)
    geluTanh(hidden)
    const out = matmul(
      hidden,
      T,
      config.innerSize,
      block.mlpProjectionWeight,
      block.mlpProjectionBias,
      C
    )
    for (let i = 0; i < x.length; i++) x[i] += out[i]
  }
  // 3. final norm, then logits = x @ wteᵀ
  const final = layerNorm(
    x,
    T,
    C,
    weights.finalNormWeight,
    weights.finalNormBias,
    config.layerNormEpsilon
  )
  const V = config.vocabSize
  const logits = new Float32Array(T * V) // (T, V)
  for (let t = 0; t < T; t++) {
    for (let v = 0; v < V; v++) {
      let sum = 0
      for (let c = 0; c < C; c++) sum += final[t * C + c] * weights.outputEmbedding[v * C + c]
      logits[t * V + v] = sum
    }
  }
  return logits
}

export function layerNorm(
  x: Float32Array,
  T: number,
  C: number,
  weight: Float32Array,
  bias: Float32Array,
  epsilon: number
): Float32Array {
  const out = new Float32Array(T * C)
  for (let t = 0; t < T; t++) {
    let mean = 0
    for (let c = 0; c < C; c++) mean += x[t * C + c]
    mean /= C
    let variance = 0
    for (let c = 0; c < C; c++) variance += (x[t * C + c] - mean) ** 2
    variance /= C
    const scale = 1 / Math.sqrt(variance + epsilon)
    for (let c = 0; c < C; c++) {
      out[t * C + c] = (x[t * C + c] - mean) * scale * weight[c] + bias[c]
    }
  }
  return out
}

/// (T, K) @ (K, N) + (N) → (T, N)
export function matmul(
  x: Float32Array,
  T: number,
  K: number,
  weight: Float32Array,
  bias: Float32Array,
  N: number
): Float32Array {
  const out = new Float32Array(T * N)
  for (let t = 0; t < T; t++) {
    const row = out.subarray(t * N, (t + 1) * N)
    row.set(bias)
    for (let k = 0; k < K; k++) {
      const value = x[t * K + k]
      const weightRow = k * N
      for (let n = 0; n < N; n++) row[n] += value * weight[weightRow + n]
    }
  }
  return out
}

/// Causal multi-head self-attention on packed (T, 3C) query/key/value → (T, C).
function attention(qkv: Float32Array, T: number, C: number, H: number): Float32Array {
  const D = C / H
  const out = new Float32Array(T * C)
  const scale = 1 / Math.sqrt(D)
  const scores = new Float32Array(T)
  for (let h = 0; h < H; h++) {
    for (let t = 0; t < T; t++) {
      const query = t * 3 * C + h * D
      let max = -Infinity
      for (let s = 0; s <= t; s++) {
        const key = s * 3 * C + C + h * D
        let dot = 0
        for (let d = 0; d < D; d++) dot += qkv[query + d] * qkv[key + d]
        scores[s] = dot * scale
        max = Math.max(max, scores[s])
      }
      let total = 0
      for (let s = 0; s <= t; s++) total += scores[s] = Math.exp(scores[s] - max)
      for (let s = 0; s <= t; s++) {
        const value = s * 3 * C + 2 * C + h * D
        const weight = scores[s] / total
        for (let d = 0; d < D; d++) out[t * C + h * D + d] += weight * qkv[value + d]
      }
    }
  }
  return out
}

/// GPT-2's GELU (tanh approximation, `gelu_new`), in place.
export function geluTanh(x: Float32Array): void {
  const k = Math.sqrt(2 / Math.PI)
  for (let i = 0; i < x.length; i++) {
    const v = x[i]
    x[i] = 0.5 * v * (1 + Math.tanh(k * (v + 0.044715 * v * v * v)))
  }
}
