/// The models the writer can choose from, as the model manager shows them: where each came from,
/// how big it is, whether it can run, and a download's progress.

export type ModelSourceKind = 'embedded' | 'hub' | 'folder' | 'retrained'

export interface ModelEntry {
  /// Stable id for remove/activate: the folder's absolute path ('embedded' for the default).
  id: string
  name: string
  /// The folder continuations load; activate it with 'models:activate' (null = embedded).
  folder: string
  source: ModelSourceKind
  /// Where it came from in words: "Hugging Face gpt2@main", "retrained from …", a path.
  origin: string
  /// Bytes on disk of the files the model needs (weights, config, tokenizer).
  sizeBytes: number
  /// "safetensors F32", "safetensors F16, 2 shards", …
  format: string
  /// Parameters, from the weights' shapes; null when the weights are unreadable.
  parameters: number | null
  /// Null when the model can run; otherwise what is wrong and what to do.
  problem: string | null
  /// A hub download that stopped before it finished (it resumes from where it stopped).
  incomplete?: boolean
  /// Hub coordinates, for resuming a download.
  hub?: { repo: string; revision: string }
}

export interface DownloadProgress {
  repo: string
  revision: string
  phase: 'listing' | 'downloading' | 'finishing' | 'done' | 'failed' | 'cancelled'
  file: string | null
  filesDone: number
  filesTotal: number
  bytesDone: number
  bytesTotal: number | null
  bytesPerSecond: number | null
  etaSeconds: number | null
  /// Why it failed or stopped, in words (phase failed/cancelled).
  message?: string
}

/// The provider the loaded model runs on, and why better ones were skipped.
export interface EngineStatus {
  folder: string
  provider: string
  fallbacks: { provider: string; reason: string }[]
}

export interface ModelList {
  models: ModelEntry[]
  /// Id of the model continuations use.
  activeId: string
  /// Downloads running now.
  downloads: DownloadProgress[]
  /// The last model the inference host loaded (null before the first load).
  engine: EngineStatus | null
}

/// Models the manager offers to download with one click.
export const HUB_PRESETS: readonly { repo: string; description: string }[] = [
  { repo: 'gpt2', description: 'GPT-2 small, 124M parameters, 548 MB' },
  { repo: 'distilgpt2', description: 'DistilGPT-2, 82M parameters, 353 MB' },
  { repo: 'gpt2-medium', description: 'GPT-2 medium, 355M parameters, 1.5 GB' },
  { repo: 'cpierse/gpt2_film_scripts', description: 'GPT-2 fine-tuned on film scripts' }
]
