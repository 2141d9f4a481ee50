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
  /// Steps between validation losses / checkpoints / samples (defaults: RUN_SCHEDULE_DEFAULTS;
  /// a sample interval of 0 shows only the final sample).
  evaluationInterval?: number
  checkpointInterval?: number
  sampleInterval?: number
  /// Stop after this many validations without a better loss (0 = never).
  earlyStoppingPatience?: number
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
      /// Where the next batch starts: the batch stream's RNG state and batches drawn so far.
      dataPosition?: { batchesDrawn: number; randomState: number }
    }
  | { type: 'sample'; step: number; text: string }
  /// Continued from a checkpoint; `skipped`: newer checkpoints that were damaged, and why.
  | { type: 'resumed'; step: number; skipped: string[] }
  /// A checkpoint is complete on disk (a crash from now on resumes here).
  | { type: 'checkpoint'; step: number }
  /// The training backends this machine offers (the optional GPU one with why it is unavailable),
  /// and the one this run trains on with why it was chosen.
  | {
      type: 'backends'
      backends: { name: string; available: boolean; detail: string }[]
      chosen?: { name: string; reason: string }
    }

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
  /// Step whose weights became the model (lowest validation loss), when validated.
  bestStep?: number | null
  /// True when early stopping ended the run before its step budget.
  stoppedEarly?: boolean
}

/// What a retraining would read, without training ('training:preview').
export interface PreviewRequest {
  scripts: string[]
  genres?: string[]
  contextLength?: number
}

export type DatasetPreview = Omit<Extract<TrainingEvent, { type: 'prepared' }>, 'type'>
