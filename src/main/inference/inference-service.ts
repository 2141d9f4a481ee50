/// The main side of text generation: forwards requests to the inference host, streams tokens to
/// the renderer as 'generation:token' events, and cancels by request id. Main never runs the model.
import type {
  GenerationRequest,
  GenerationSummary,
  GenerationToken
} from '../../shared/ai/generation-request'
import { err, ok, type Result } from '../../shared/result'
import type { HostClient } from '../hosts/host-client'
import type { InferenceHostMethods } from '../hosts/inference-host'
import type { ModelSelection } from '../hosts/inference/generation-runner'
import type { EngineStatus } from '../../shared/models/models'

export class InferenceService {
  private readonly running = new Map<string, AbortController>()
  private engine: EngineStatus | null = null

  constructor(
    private readonly host: HostClient<InferenceHostMethods>,
    private readonly activeModel: () => ModelSelection,
    private readonly onToken: (token: GenerationToken) => void
  ) {}

  async generate(request: GenerationRequest): Promise<Result<GenerationSummary>> {
    if (this.running.has(request.requestId)) {
      return err('invalid-request', `A request with id ${request.requestId} is already running.`)
    }
    const controller = new AbortController()
    this.running.set(request.requestId, controller)
    const model = this.activeModel()
    try {
      const result = await this.host.request(
        'generate',
        { model, request },
        {
          signal: controller.signal,
          onEvent: (event) =>
            this.onToken({
              requestId: request.requestId,
              alternative: event.alternative,
              text: event.text
            })
        }
      )
      if (result.ok) {
        this.noteEngine(model.folder, result.value.provider, result.value.providerFallbacks ?? null)
      }
      return result
    } finally {
      this.running.delete(request.requestId)
    }
  }

  /// The provider the last loaded model runs on, and why better ones were skipped.
  engineStatus(): EngineStatus | null {
    return this.engine
  }

  private noteEngine(
    folder: string,
    provider: string,
    fallbacks: EngineStatus['fallbacks'] | null
  ): void {
    // A generation reports only its provider: keep the fallbacks a load of the same model gave.
    const known = this.engine?.folder === folder && this.engine.provider === provider
    this.engine = {
      folder,
      provider,
      fallbacks: fallbacks ?? (known ? this.engine!.fallbacks : [])
    }
  }

  /// Loads the active model in the background, so the writer's first hotkey press is fast.
  async prepare(): Promise<void> {
    const model = this.activeModel()
    const result = await this.host.request('prepare', { model })
    if (result.ok) this.noteEngine(model.folder, result.value.provider, result.value.fallbacks)
    else {
      console.warn(`[script-buddy] the model could not be prepared: ${result.error.message}`)
    }
  }

  /// The writer is typing: a running generation holds its next forward pass until they stop, so
  /// the model's compute leaves the cores to the editor. Nothing is sent when nothing runs (and a
  /// stopped host is not started for it).
  writerTyping(): Result<Record<string, never>> {
    if (this.running.size > 0) void this.host.request('writerTyping', {})
    return ok({})
  }

  /// Stops a request between two tokens; it then resolves with what it had ('cancelled').
  cancel(requestId: string): Result<Record<string, never>> {
    this.running.get(requestId)?.abort()
    return ok({})
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort()
  }
}
