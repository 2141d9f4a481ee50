/// A small ONNX graph that turns logits into per-token negative log-likelihoods, so evaluation
/// runs its log-softmax over (T, V) in onnxruntime's vectorised kernels instead of a JS loop.
/// Inputs: logits (B, T, V) float, targets (B, T) int64 → nll (B, T) float.
import { attribute, encodeModel, GraphBuilder } from './graph'

export function buildTokenLossModel(): Uint8Array {
  const graph = new GraphBuilder('token-loss')
  const logits = graph.input('logits', 'float', ['batch', 'sequence', 'vocab'])
  const targets = graph.input('targets', 'int64', ['batch', 'sequence'])
  const logProbabilities = graph.op('LogSoftmax', [logits], { axis: attribute.int(-1) }) // (B, T, V)
  const picked = graph.op(
    'GatherElements',
    [logProbabilities, graph.op('Unsqueeze', [targets, graph.constInt64('axes', [2])])],
    { axis: attribute.int(2) }
  ) // (B, T, 1)
  const squeezed = graph.op('Squeeze', [picked, graph.constInt64('squeeze_axes', [2])])
  graph.node('Neg', [squeezed], { outputs: ['nll'] })
  graph.output('nll', 'float', ['batch', 'sequence'])
  return encodeModel(graph)
}
