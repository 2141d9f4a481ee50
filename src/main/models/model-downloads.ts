/// Hub downloads on the main side: one per repo@revision at a time, progress pushed to the
/// renderer (at most a few times a second, and on every phase change), cancel by repo@revision.
/// The bytes stream to disk asynchronously; main never blocks on them.
import type { DownloadProgress, ModelEntry } from '../../shared/models/models'
import { err, ok, type Result } from '../../shared/result'
import { downloadModel, EMPTY_PROGRESS } from '../../../training/hub/download-model'
import { checkRepoId, checkRevision, DEFAULT_HUB_ENDPOINT } from '../../../training/hub/hub-repo'
import type { ModelRegistry } from './model-registry'

const PROGRESS_INTERVAL_MS = 200

/// The hub to download from: HF_ENDPOINT (as huggingface_hub reads it), else huggingface.co.
export function hubEndpoint(): string {
  return process.env.HF_ENDPOINT || DEFAULT_HUB_ENDPOINT
}

export class ModelDownloads {
  private readonly running = new Map<
    string,
    { controller: AbortController; progress: DownloadProgress }
  >()

  constructor(
    private readonly registry: ModelRegistry,
    private readonly onProgress: (progress: DownloadProgress) => void,
    private readonly endpoint: () => string = hubEndpoint
  ) {}

  list(): DownloadProgress[] {
    return [...this.running.values()].map((download) => download.progress)
  }

  async start(request: { repo: string; revision?: string }): Promise<Result<ModelEntry>> {
    const repo = checkRepoId(request.repo)
    if (!repo.ok) return repo
    const revision = checkRevision(request.revision ?? 'main')
    if (!revision.ok) return revision
    const key = `${repo.value}@${revision.value}`
    if (this.running.has(key)) {
      return err('invalid-request', `${key} is already downloading.`)
    }
    const controller = new AbortController()
    const base: DownloadProgress = {
      repo: repo.value,
      revision: revision.value,
      ...EMPTY_PROGRESS
    }
    this.running.set(key, { controller, progress: base })
    let lastSent = 0
    let lastPhase = ''
    const publish = (progress: DownloadProgress, force = false): void => {
      const slot = this.running.get(key)
      if (slot) slot.progress = progress
      const now = Date.now()
      if (!force && progress.phase === lastPhase && now - lastSent < PROGRESS_INTERVAL_MS) return
      lastSent = now
      lastPhase = progress.phase
      this.onProgress(progress)
    }
    try {
      const folder = await this.registry.registerDownload(repo.value, revision.value)
      publish(base, true)
      const result = await downloadModel({
        endpoint: this.endpoint(),
        repo: repo.value,
        revision: revision.value,
        folder,
        signal: controller.signal,
        onProgress: (progress) => publish({ ...base, ...progress })
      })
      const last = this.running.get(key)?.progress ?? base
      if (!result.ok) {
        publish(
          {
            ...last,
            phase: result.error.code === 'cancelled' ? 'cancelled' : 'failed',
            bytesPerSecond: null,
            etaSeconds: null,
            message: result.error.message
          },
          true
        )
        return result
      }
      publish({ ...last, phase: 'done', bytesPerSecond: null, etaSeconds: 0 }, true)
      const entry = this.registry.find(folder)
      return entry
        ? ok(entry)
        : err('internal', `The download finished but ${folder} is not listed.`)
    } finally {
      this.running.delete(key)
    }
  }

  cancel(request: { repo: string; revision?: string }): Result<Record<string, never>> {
    this.running.get(`${request.repo}@${request.revision ?? 'main'}`)?.controller.abort()
    return ok({})
  }

  cancelAll(): void {
    for (const download of this.running.values()) download.controller.abort()
  }
}
