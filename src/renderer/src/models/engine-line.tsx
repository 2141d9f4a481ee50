import type { EngineStatus, ModelEntry } from '../../../shared/models/models'
import { providerName } from './format-transfer'

/// Which execution provider runs the loaded model, and why each better one was skipped.
export function EngineLine(props: { engine: EngineStatus | null; models: ModelEntry[] }) {
  const { engine } = props
  if (!engine) {
    return (
      <p className="model-engine" data-testid="model-engine">
        The model loads with the first continuation; its processor shows here then.
      </p>
    )
  }
  const model = props.models.find((entry) => entry.folder === engine.folder)
  return (
    <div className="model-engine" data-testid="model-engine">
      <div>
        {model?.name ?? engine.folder} runs on <strong>{providerName(engine.provider)}</strong>.
      </div>
      {engine.fallbacks.map((fallback) => (
        <div key={fallback.provider} className="model-fallback" data-testid="model-fallback">
          {capitalised(providerName(fallback.provider))} was tried first and could not be used:{' '}
          {fallback.reason}
        </div>
      ))}
      {engine.fallbacks.length > 0 && (
        <div className="model-fallback">
          To stop trying it, choose Settings → Model runs on → Fastest measured (or CPU); for CUDA,
          install onnxruntime’s CUDA provider (npm ci fetches it where NuGet is reachable) with CUDA
          12 and cuDNN 9.
        </div>
      )}
    </div>
  )
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
