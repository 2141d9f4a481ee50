/// The main side of retraining: one run at a time in the training host, progress forwarded to the
/// renderer as 'training:event', pause (= cancel with a checkpoint) and resume, and the result
/// registered as a model the writer can activate.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type {
  DatasetPreview,
  PreviewRequest,
  RetrainOutcome,
  RetrainRequest,
  TrainingEventMessage
} from '../../shared/retraining/training-types'
import { err, ok, type Result } from '../../shared/result'
import type { HostClient } from '../hosts/host-client'
import type { TrainingHostMethods } from '../hosts/training-host'

const SAFE_NAME = /^[A-Za-z0-9 _-]{1,64}$/

export class TrainingService {
  private running: { runName: string; controller: AbortController } | null = null

  constructor(
    private readonly host: HostClient<TrainingHostMethods>,
    private readonly modelsDir: string,
    private readonly baseModel: () => string,
    private readonly onEvent: (message: TrainingEventMessage) => void
  ) {}

  modelFolder(runName: string): string {
    return join(this.modelsDir, runName)
  }

  async start(request: RetrainRequest): Promise<Result<RetrainOutcome>> {
    if (!SAFE_NAME.test(request.runName)) {
      return err(
        'invalid-request',
        'Name the new model with letters, digits, spaces, - or _ (at most 64).'
      )
    }
    if (this.running) {
      return err(
        'invalid-request',
        `A retraining (${this.running.runName}) is already running. Pause or cancel it first.`
      )
    }
    // A finished model under this name may be the one in use: a new run must not overwrite it
    // (and a failed one must not delete it). Resuming a paused run is fine: it has no manifest yet.
    if (
      !request.resume &&
      existsSync(join(this.modelFolder(request.runName), 'script-buddy.json'))
    ) {
      return err(
        'invalid-request',
        `A model named "${request.runName}" already exists. Choose another name for the new model.`
      )
    }
    const controller = new AbortController()
    this.running = { runName: request.runName, controller }
    try {
      return await this.host.request(
        'retrain',
        {
          baseModel: this.baseModel(),
          scripts: request.scripts,
          outputDir: this.modelFolder(request.runName),
          steps: request.steps,
          learningRate: request.learningRate,
          batchSize: request.batchSize,
          contextLength: request.contextLength,
          resume: request.resume ?? false,
          ...optionalNumbers(request),
          ...(request.genres?.length ? { genres: request.genres } : {}),
          cacheDir: this.cacheDir()
        },
        {
          signal: controller.signal,
          onEvent: (event) => this.onEvent({ runName: request.runName, event })
        }
      )
    } finally {
      this.running = null
    }
  }

  // Beside the models: tokenized scripts by content hash, so a rerun or a preview skips tokenizing.
  private cacheDir(): string {
    return join(this.modelsDir, '..', 'dataset-cache')
  }

  /// What a retraining would read from the scripts, read in the training host (it can take a
  /// while for many scripts or PDFs) with the base model's tokenizer.
  async preview(request: PreviewRequest): Promise<Result<DatasetPreview>> {
    return this.host.request('preview', {
      baseModel: this.baseModel(),
      scripts: request.scripts,
      ...(request.genres?.length ? { genres: request.genres } : {}),
      ...(request.contextLength ? { contextLength: request.contextLength } : {}),
      cacheDir: this.cacheDir()
    })
  }

  /// Stops the run between two steps; it keeps its checkpoint, so `start` with `resume` continues.
  stop(runName: string): Result<Record<string, never>> {
    if (this.running?.runName === runName) this.running.controller.abort()
    return ok({})
  }

  stopAll(): void {
    this.running?.controller.abort()
  }
}

/// The optional intervals of a request, only those it sets.
function optionalNumbers(
  request: RetrainRequest
): Pick<
  RetrainRequest,
  'evaluationInterval' | 'checkpointInterval' | 'sampleInterval' | 'earlyStoppingPatience'
> {
  const keys = [
    'evaluationInterval',
    'checkpointInterval',
    'sampleInterval',
    'earlyStoppingPatience'
  ] as const
  return Object.fromEntries(
    keys.filter((key) => request[key] !== undefined).map((key) => [key, request[key]])
  )
}
