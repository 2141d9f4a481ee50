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
}

export interface TrainingScriptInfo {
  name: string
  tokens: number
  words: number
  split: 'train' | 'validation'
}

export type TrainingEvent =
  | {
      type: 'prepared'
      scripts: TrainingScriptInfo[]
      skipped: { path: string; reason: string }[]
      trainTokens: number
      validationTokens: number
      sample: string
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
