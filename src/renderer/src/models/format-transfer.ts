/// Sizes, speeds and times in the words the model manager shows.

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`
}

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'estimating time left…'
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`
  return `about ${(seconds / 3600).toFixed(1)} h left`
}

export function formatParameters(parameters: number | null): string {
  if (parameters === null) return ''
  if (parameters >= 1e9) return `${(parameters / 1e9).toFixed(1)}B parameters`
  if (parameters >= 1e6) return `${Math.round(parameters / 1e6)}M parameters`
  return `${Math.round(parameters / 1e3)}K parameters`
}

const PROVIDER_NAMES: Record<string, string> = {
  cpu: 'the CPU',
  cuda: 'the GPU (CUDA)',
  webgpu: 'the GPU (WebGPU)'
}

export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider
}
