/// Hand-written backward passes of GPT-2's layers as ONNX nodes, one function per llm.c
/// `*_backward`. Each takes the saved forward activations and the gradient of the layer's output
/// and returns the gradients of its inputs and parameters.
import type { LayerNormSaved } from './training-forward'
import type { TrainingOps } from './training-ops'

/// llm.c `layernorm_backward`, with norm = (x − mean)·rstd:
/// dx = rstd · (dnorm − mean(dnorm) − norm · mean(dnorm · norm)), dnorm = dy · w,
/// dw = Σ_rows dy · norm, db = Σ_rows dy.
export function layerNormBackward(
  ops: TrainingOps,
  saved: LayerNormSaved,
  weight: string,
  outputGradient: string,
  names: { weight: string; bias: string }
): { input: string; weight: string; bias: string } {
  const norm = ops.mul(ops.sub(saved.input, saved.mean), saved.inverseStd) // (B·T, C)
  const normGradient = ops.mul(outputGradient, weight) // (B·T, C)
  const meanGradient = ops.reduceMean(normGradient, [1], true) // (B·T, 1)
  const meanProjection = ops.reduceMean(ops.mul(normGradient, norm), [1], true) // (B·T, 1)
  const centered = ops.sub(ops.sub(normGradient, meanGradient), ops.mul(norm, meanProjection))
  return {
    input: ops.mul(centered, saved.inverseStd), // (B·T, C)
    weight: ops.reduceSum(ops.mul(outputGradient, norm), [0], false, names.weight), // (C)
    bias: ops.reduceSum(outputGradient, [0], false, names.bias) // (C)
  }
}

/// llm.c `matmul_backward` for y = x · W + b (Conv1D layout, W is [in, out]):
/// dx = dy · Wᵀ, dW = xᵀ · dy, db = Σ_rows dy.
export function linearBackward(
  ops: TrainingOps,
  input: string,
  weight: string,
  outputGradient: string,
  names: { weight: string; bias: string }
): { input: string; weight: string; bias: string } {
  return {
    input: ops.gemm(outputGradient, weight, { transB: true }), // (B·T, in)
    weight: ops.gemm(input, outputGradient, { transA: true }, undefined, names.weight), // (in, out)
    bias: ops.reduceSum(outputGradient, [0], false, names.bias) // (out)
  }
}

/// llm.c `attention_backward` for y = softmax(mask(q·kᵀ·s))·v, s = 1/√HS, per (batch, head):
/// dv = Pᵀ·dy, dP = dy·vᵀ, dS = P ⊙ (dP − Σ_j dP ⊙ P) (softmax backward; masked entries have
/// P = 0 and so no gradient), dq = s·dS·k, dk = s·dSᵀ·q. Returns d(qkv) as (B·T, 3C).
export function attentionBackward(
  ops: TrainingOps,
  saved: { query: string; key: string; value: string; attention: string },
  outputGradient: string,
  geometry: { B: number; T: number; NH: number; HS: number }
): string {
  const { B, T, NH, HS } = geometry
  const lastTwo = [0, 1, 3, 2]
  const gradient = ops.transpose(ops.reshape(outputGradient, [B, T, NH, HS]), [0, 2, 1, 3]) // (B, NH, T, HS)
  const valueGradient = ops.matmul(ops.transpose(saved.attention, lastTwo), gradient) // (B, NH, T, HS)
  const attentionGradient = ops.matmul(gradient, ops.transpose(saved.value, lastTwo)) // (B, NH, T, T)
  const rowDot = ops.reduceSum(ops.mul(attentionGradient, saved.attention), [3], true) // (B, NH, T, 1)
  const scoreGradient = ops.mul(
    ops.mul(saved.attention, ops.sub(attentionGradient, rowDot)),
    ops.scalar(1 / Math.sqrt(HS))
  ) // (B, NH, T, T)
  const queryGradient = ops.matmul(scoreGradient, saved.key) // (B, NH, T, HS)
  const keyGradient = ops.matmul(ops.transpose(scoreGradient, lastTwo), saved.query) // (B, NH, T, HS)
  const flat = (x: string): string => ops.reshape(ops.transpose(x, [0, 2, 1, 3]), [B * T, NH * HS])
  return ops.concat([flat(queryGradient), flat(keyGradient), flat(valueGradient)], 1) // (B·T, 3C)
}
