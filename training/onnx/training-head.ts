/// The tied output head and cross-entropy, with its backward fused in (as llm.c's CUDA
/// `fused_classifier`): the (B·T, V) logits and probabilities are the biggest tensors of the whole
/// step, and the one-hot targets and dlogits are never built. Rows can be split into chunks whose
/// gradients are taken chunk by chunk (see ModelGraphOptions.headChunkRows for what that bought).
import { attribute } from './graph'
import type { TrainingOps } from './training-ops'

export interface HeadInputs {
  /// Final LayerNorm output (B·T, C).
  hidden: string
  /// Next-token targets (B·T, 1) int64.
  targets: string
  /// Tied embedding / output matrix (V, C).
  wte: string
  /// B·T.
  rows: number
  /// Rows per chunk (the last chunk may be shorter).
  chunkRows: number
}

export interface HeadOutputs {
  /// Mean cross-entropy (scalar), named `lossName`.
  loss: string
  /// With gradients: d loss / d hidden (B·T, C) and the head's dense part of d loss / d wte (V, C)
  /// (the one-hot part is scattered in with the embedding gradient, see training-backward.ts).
  hiddenGradient?: string
  weightGradient?: string
}

/// Per chunk: logits = h·wteᵀ, p = softmax(logits), loss += −Σ log p[target] (llm.c's loss);
/// with gradients, dlogits = (p − onehot)/(B·T) is applied without being built:
/// dh = p·wte/(B·T) − wte[target]/(B·T) (one Gemm with a gathered bias), dwte += pᵀ·h/(B·T).
export function buildHead(
  ops: TrainingOps,
  inputs: HeadInputs,
  options: { gradients: boolean; lossName: string }
): HeadOutputs {
  const { hidden, targets, wte, rows } = inputs
  const sizes: number[] = []
  for (let start = 0; start < rows; start += inputs.chunkRows) {
    sizes.push(Math.min(inputs.chunkRows, rows - start))
  }
  const split = (value: string): string[] =>
    sizes.length === 1
      ? [value]
      : ops.graph.node('Split', [value, ops.ints(sizes)], {
          outputs: sizes.length,
          attributes: { axis: attribute.int(0) }
        })
  const hiddenChunks = split(hidden) // (rows_c, C) each
  const targetChunks = split(targets) // (rows_c, 1) each
  const logProbabilitySums: string[] = []
  const hiddenGradients: string[] = []
  let weightGradient: string | undefined
  for (let chunk = 0; chunk < sizes.length; chunk++) {
    const h = hiddenChunks[chunk]
    const target = targetChunks[chunk]
    const logits = ops.gemm(h, wte, { transB: true }) // (rows_c, V)
    const probabilities = ops.op('Softmax', [logits], { axis: attribute.int(1) }) // (rows_c, V)
    const targetProbability = ops.op('GatherElements', [probabilities, target], {
      axis: attribute.int(1)
    }) // (rows_c, 1)
    logProbabilitySums.push(ops.reduceSum(ops.op('Log', [targetProbability]), [0, 1], false))
    if (!options.gradients) continue
    const targetRows = ops.op('Gather', [wte, ops.reshape(target, [sizes[chunk]])]) // (rows_c, C)
    hiddenGradients.push(
      ops.gemm(probabilities, wte, { alpha: 1 / rows, beta: -1 / rows }, targetRows)
    ) // (rows_c, C)
    weightGradient = ops.gemm(
      probabilities,
      h,
      { transA: true, alpha: 1 / rows, ...(weightGradient ? { beta: 1 } : {}) },
      weightGradient
    ) // (V, C)
  }
  const total =
    logProbabilitySums.length === 1 ? logProbabilitySums[0] : ops.op('Sum', logProbabilitySums)
  const loss = ops.mul(total, ops.scalar(-1 / rows), options.lossName) // scalar
  if (!options.gradients) return { loss }
  const hiddenGradient =
    hiddenGradients.length === 1 ? hiddenGradients[0] : ops.concat(hiddenGradients, 0)
  return { loss, hiddenGradient, weightGradient }
}
