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

export class InferenceService {
  private readonly running = new Map<string, AbortController>()

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
    try {
      return await this.host.request(
        'generate',
        { model: this.activeModel(), request },
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
    } finally {
      this.running.delete(request.requestId)
    }
  }

  /// Loads the active model in the background, so the writer's first hotkey press is fast.
  async prepare(): Promise<void> {
    const result = await this.host.request('prepare', { model: this.activeModel() })
    if (!result.ok) {
      console.warn(`[script-buddy] the model could not be prepared: ${result.error.message}`)
    }
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
