import * as ort from 'onnxruntime-node'

/// Session settings for training graphs: every graph optimisation (Gemm/Transpose fusions),
/// two intra-op threads (the machines this runs on are shared), one graph run at a time.
export const trainingSessionOptions: ort.InferenceSession.SessionOptions = {
  graphOptimizationLevel: 'all',
  intraOpNumThreads: 2,
  interOpNumThreads: 1,
  executionMode: 'sequential'
}

/// Creates an onnxruntime session for a training graph (CPU unless `options` says otherwise).
export function createTrainingSession(
  model: Uint8Array,
  options: ort.InferenceSession.SessionOptions = {}
): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(model, { ...trainingSessionOptions, ...options })
}

export { TRAINING_MALLOC_ENVIRONMENT } from './malloc-environment'
