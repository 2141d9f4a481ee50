/// Entry of the inference host (an Electron utility process, or a Node child in browser mode).
/// onnxruntime-node's run() blocks its thread, so every forward pass happens here, never in main.
import type { GenerationRequest, GenerationSummary } from '../../shared/ai/generation-request'
import type { TokenEvent } from '../../shared/generation'
import type { CommonHostMethods, HostMethod } from '../../shared/hosts/protocol'
import { ok } from '../../shared/result'
import { GenerationRunner, type ModelSelection } from './inference/generation-runner'
import { TokenBatcher } from './inference/token-batcher'
import { pingHandler, serveHost } from './host-runtime'

export type InferenceHostMethods = CommonHostMethods & {
  /// Loads the model (compiling its ONNX graph on first use) so the first continuation is quick.
  prepare: HostMethod<
    { model: ModelSelection },
    { provider: string; loadMs: number; fallbacks: { provider: string; reason: string }[] }
  >
  /// Continues a prompt, streaming each token as an event.
  generate: HostMethod<
    { model: ModelSelection; request: GenerationRequest },
    GenerationSummary,
    TokenEvent
  >
  /// The writer is typing: running generations hold their next forward pass until they stop.
  writerTyping: HostMethod<Record<string, never>, Record<string, never>>
}

// Only start serving when run as a host process (the type above is imported by main).
if (process.env.SCRIPT_BUDDY_HOST === 'inference') {
  const runner = new GenerationRunner()
  serveHost<InferenceHostMethods>('inference', {
    ping: pingHandler('inference'),
    async prepare({ model }) {
      const started = performance.now()
      const loaded = await runner.load(model)
      if (!loaded.ok) return loaded
      return ok({
        provider: loaded.value.provider,
        fallbacks: [...loaded.value.fallbacks],
        loadMs: Math.round(performance.now() - started)
      })
    },
    async generate({ model, request }, { signal, emit }) {
      const batcher = new TokenBatcher(emit)
      try {
        return await runner.generate(model, request, signal, (event) => batcher.push(event))
      } finally {
        batcher.flush()
      }
    },
    async writerTyping() {
      runner.writerHold.typing()
      return ok({})
    }
  })
}
