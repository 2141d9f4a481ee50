/// Symmetric int8 weight quantization for the int8 inference graph: one scale per output channel,
/// zero point 0, so a weight is `int8 value × scale` of its output column (or embedding row).

/// Weights use 7 bits (−63…63), not 8. On x86 CPUs without AVX-512 VNNI (AVX2 only), onnxruntime's
/// u8×s8 MatMul kernel adds pairs of products in saturating 16-bit lanes: 255 × 127 × 2 overflows,
/// and the int8 model's logits were off by up to 3.4 on a tiny model (0.2 with VNNI). At 7 bits the
/// pair sum stays below 2^15 on every CPU (onnxruntime's own quantizer calls this `reduce_range`).
const WEIGHT_LEVELS = 63

export interface QuantizedMatrix {
  values: Int8Array // same layout as the input matrix
  scales: Float32Array // one per output channel
}

/// Quantizes a (K, N) matrix [in, out] with one scale per column N.
export function quantizeColumns(weight: Float32Array, K: number, N: number): QuantizedMatrix {
  const maxAbs = new Float32Array(N)
  for (let k = 0; k < K; k++) {
    for (let n = 0; n < N; n++) maxAbs[n] = Math.max(maxAbs[n], Math.abs(weight[k * N + n]))
  }
  const scales = maxAbs.map((value) => (value > 0 ? value / WEIGHT_LEVELS : 1))
  const values = new Int8Array(K * N)
  for (let k = 0; k < K; k++) {
    for (let n = 0; n < N; n++) values[k * N + n] = Math.round(weight[k * N + n] / scales[n])
  }
  return { values, scales }
}

/// Quantizes a (R, C) matrix with one scale per row R (an embedding table: one row per token).
export function quantizeRows(weight: Float32Array, R: number, C: number): QuantizedMatrix {
  const scales = new Float32Array(R)
  const values = new Int8Array(R * C)
  for (let r = 0; r < R; r++) {
    let maxAbs = 0
    for (let c = 0; c < C; c++) maxAbs = Math.max(maxAbs, Math.abs(weight[r * C + c]))
    const scale = maxAbs > 0 ? maxAbs / WEIGHT_LEVELS : 1
    scales[r] = scale
    for (let c = 0; c < C; c++) values[r * C + c] = Math.round(weight[r * C + c] / scale)
  }
  return { values, scales }
}

/// (R, C) → (C, R), for int8 tables.
export function transposeInt8(values: Int8Array, R: number, C: number): Int8Array {
  const out = new Int8Array(R * C)
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) out[c * R + r] = values[r * C + c]
  }
  return out
}
