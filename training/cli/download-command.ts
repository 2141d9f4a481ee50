/// `download`: fetches a GPT-2 model from the Hugging Face hub (or HF_ENDPOINT / --endpoint) into a
/// folder, with the same resumable, checksummed client the app's model manager uses.
import { resolve } from 'node:path'
import { downloadModel, type ModelDownloadProgress } from '../hub/download-model'
import { checkRepoId, checkRevision, DEFAULT_HUB_ENDPOINT } from '../hub/hub-repo'
import { UsageError, type CliOutput } from './run-cli'

export const DOWNLOAD_OPTIONS = {
  repo: { type: 'string' },
  revision: { type: 'string' },
  endpoint: { type: 'string' },
  out: { type: 'string' }
} as const

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`
}

function progressLine(progress: ModelDownloadProgress): string {
  if (progress.phase !== 'downloading') return `${progress.phase}…`
  const total = progress.bytesTotal === null ? '' : ` of ${megabytes(progress.bytesTotal)}`
  const speed = progress.bytesPerSecond === null ? '' : `, ${megabytes(progress.bytesPerSecond)}/s`
  const eta = progress.etaSeconds === null ? '' : `, ${Math.round(progress.etaSeconds)} s left`
  return `${progress.file} (${progress.filesDone}/${progress.filesTotal}) ${megabytes(progress.bytesDone)}${total}${speed}${eta}`
}

export async function downloadCommand(
  values: Record<string, unknown>,
  output: CliOutput
): Promise<number> {
  if (typeof values.repo !== 'string') {
    throw new UsageError('Name the model: script-buddy download <repo> (for example gpt2).')
  }
  const repo = checkRepoId(values.repo)
  if (!repo.ok) throw new UsageError(repo.error.message)
  const revision = checkRevision(typeof values.revision === 'string' ? values.revision : 'main')
  if (!revision.ok) throw new UsageError(revision.error.message)
  const endpoint =
    typeof values.endpoint === 'string'
      ? values.endpoint
      : process.env.HF_ENDPOINT || DEFAULT_HUB_ENDPOINT
  const folder = resolve(
    typeof values.out === 'string' ? values.out : repo.value.replace('/', '--')
  )
  const controller = new AbortController()
  const stop = () => controller.abort()
  process.once('SIGINT', stop)
  let lastLine = 0
  try {
    const result = await downloadModel({
      endpoint,
      repo: repo.value,
      revision: revision.value,
      folder,
      signal: controller.signal,
      onProgress: (progress) => {
        const now = Date.now()
        if (progress.phase === 'downloading' && now - lastLine < 1000) return
        lastLine = now
        output.error(`${progressLine(progress)}\n`)
      }
    })
    if (!result.ok) {
      output.error(`${result.error.message}\n`)
      return 1
    }
    output.out(
      `Downloaded ${repo.value}@${revision.value} (${megabytes(result.value.bytes)}, ` +
        `${megabytes(result.value.fetchedBytes)} fetched) to ${folder}\n`
    )
    return 0
  } finally {
    process.off('SIGINT', stop)
  }
}
