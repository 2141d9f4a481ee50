/// Creates onnxruntime-node sessions on the best execution provider that works, recording why
/// each better one was skipped (the app shows the writer which provider runs).
import { availableParallelism } from 'node:os'
import * as ort from 'onnxruntime-node'
import { err, ok, type Result } from '../../src/shared/result'

export type ExecutionProviderName = 'cuda' | 'webgpu' | 'cpu'

export interface SessionOptions {
  /// Providers to try, best first. Default ['cpu'] (the measured winner for GPT-2 decoding on the
  /// machines we have; see docs/architecture.md "Inference").
  executionProviders?: readonly ExecutionProviderName[]
  /// Threads for one operator. Default: every core the process may use.
  threads?: number
  /// onnxruntime graph optimisation level. Default 'all'.
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all'
}

export interface ProviderFallback {
  provider: ExecutionProviderName
  reason: string
}

export interface CreatedSession {
  session: ort.InferenceSession
  provider: ExecutionProviderName
  /// Providers tried before `provider`, with the error each one gave.
  fallbacks: ProviderFallback[]
}

/// Opens `model` (a path or bytes) on the first provider in the list that loads.
export async function createSession(
  model: string | Uint8Array,
  options: SessionOptions = {}
): Promise<Result<CreatedSession>> {
  const providers = options.executionProviders ?? ['cpu']
  const fallbacks: ProviderFallback[] = []
  const threads = options.threads ?? availableParallelism()
  for (const provider of providers) {
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: [provider],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
      logSeverityLevel: 3
    }
    try {
      const session =
        typeof model === 'string'
          ? await ort.InferenceSession.create(model, sessionOptions)
          : await ort.InferenceSession.create(model, sessionOptions)
      return ok({ session, provider, fallbacks })
    } catch (error) {
      fallbacks.push({ provider, reason: (error as Error).message.split('\n')[0] })
    }
  }
  return err(
    'model-error',
    `onnxruntime could not open the model on any execution provider (${fallbacks
      .map((f) => `${f.provider}: ${f.reason}`)
      .join('; ')}). Recompile the model, or choose the CPU provider.`
  )
}
