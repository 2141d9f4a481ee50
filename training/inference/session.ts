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
  /// Let idle pool threads spin while waiting for work. Default false: on a machine shared with
  /// other busy processes, spinning threads steal the cores the working threads need (measured:
  /// decode at a 512-token context went from 51–95 ms to 6–56 ms per token on 2 busy cores).
  spinning?: boolean
}

/// onnxruntime session options for the given settings (shared with the benchmark).
export function ortSessionOptions(
  provider: ExecutionProviderName,
  options: SessionOptions = {}
): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [provider],
    intraOpNumThreads: options.threads ?? availableParallelism(),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
    logSeverityLevel: 3,
    extra: { session: { intra_op: { allow_spinning: options.spinning ? '1' : '0' } } }
  }
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
  for (const provider of providers) {
    const sessionOptions = ortSessionOptions(provider, options)
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
