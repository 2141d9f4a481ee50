/// Retraining as the renderer asks for it and watches it.

export interface RetrainRequest {
  /// Identifies the run; its model folder is <userData>/models/<runName>.
  runName: string
  /// Script files or folders on the machine running Script Buddy.
  scripts: string[]
  steps: number
  learningRate: number
  batchSize: number
  contextLength: number
  /// Continue a paused or interrupted run from its last checkpoint.
  resume?: boolean
  /// Keep only scripts with one of these genres (from a manifest beside them or a corpus file).
  genres?: string[]
}

export interface TrainingScriptInfo {
  name: string
  tokens: number
  words: number
  split: 'train' | 'validation'
  /// 'fountain' | 'fdx' | 'imsdb' | 'pdf', or 'corpus' for a line of a .jsonl[.gz] corpus.
  format?: string
  genres?: string[]
  /// True when its tokens came from the content-hash cache.
  cached?: boolean
}

export type TrainingEvent =
  | {
      type: 'prepared'
      scripts: TrainingScriptInfo[]
      skipped: { path: string; reason: string }[]
      trainTokens: number
      validationTokens: number
      sample: string
      /// Scripts read from the cache and scripts converted and tokenized this time.
      cache?: { hits: number; misses: number }
      /// Genres seen on the scripts found (for the genre filter).
      genresFound?: string[]
    }
  | {
      type: 'progress'
      step: number
      maxSteps: number
      loss: number
      validationLoss?: number
      tokensPerSecond: number
      learningRate: number
      etaSeconds: number
    }
  | { type: 'sample'; step: number; text: string }

export interface TrainingEventMessage {
  runName: string
  event: TrainingEvent
}

export interface RetrainOutcome {
  modelDir: string
  status: 'done' | 'cancelled'
  steps: number
  validationBefore: number | null
  validationAfter: number | null
}

/// What a retraining would read, without training ('training:preview').
export interface PreviewRequest {
  scripts: string[]
  genres?: string[]
  contextLength?: number
}

export type DatasetPreview = Omit<Extract<TrainingEvent, { type: 'prepared' }>, 'type'>
