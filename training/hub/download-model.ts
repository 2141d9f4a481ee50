/// Downloads a GPT-2 model from the Hugging Face hub into a model folder: lists the repository,
/// picks the files Script Buddy runs (gpt2-files.ts), fetches config.json first so another
/// architecture is refused before any weights move, then the rest with resume and checksums, and
/// writes the app's manifest last — a folder with a manifest is a finished download.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { err, ok, type Result } from '../../src/shared/result'
import { parseGPT2Config } from '../model/config'
import { MANIFEST_FILE, type ModelManifest } from '../retrain/model-folder'
import { chooseGpt2Files } from './gpt2-files'
import { downloadFile } from './download-file'
import { fetchRepoListing, resolveUrl, type HubFile } from './hub-repo'
import { GPT2_TOKENIZER_CONFIG, writeTokenizerFromVocab } from './tokenizer-from-vocab'
import { TransferMeter } from './transfer-meter'

export interface ModelDownloadProgress {
  phase: 'listing' | 'downloading' | 'finishing'
  /// The file being fetched now.
  file: string | null
  filesDone: number
  filesTotal: number
  bytesDone: number
  /// Sum of the listed sizes (null while listing, or where the hub gives no size).
  bytesTotal: number | null
  /// Recent network speed; null until there is enough to measure.
  bytesPerSecond: number | null
  etaSeconds: number | null
}

export interface ModelDownloadRequest {
  endpoint: string
  repo: string
  revision: string
  folder: string
  signal?: AbortSignal
  onProgress?: (progress: ModelDownloadProgress) => void
}

export interface ModelDownloadOutcome {
  folder: string
  commit: string | null
  files: string[]
  bytes: number
  /// Bytes fetched over the network by this call (less than `bytes` after a resume).
  fetchedBytes: number
}

/// The manifest of a hub download, beside the files.
export interface HubManifest extends ModelManifest {
  hub: { endpoint: string; repo: string; revision: string; commit: string | null }
}

export async function downloadModel(
  request: ModelDownloadRequest
): Promise<Result<ModelDownloadOutcome>> {
  const { repo, revision, folder } = request
  const report = request.onProgress ?? (() => undefined)
  report({ ...EMPTY_PROGRESS, phase: 'listing' })
  const listing = await fetchRepoListing(request)
  if (!listing.ok) return listing
  const plan = chooseGpt2Files(repo, listing.value.files)
  if (!plan.ok) return plan
  const files = plan.value.files
  const sizes = files.map((file) => file.size)
  const bytesTotal = sizes.every((size) => size !== null)
    ? sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0)
    : null

  mkdirSync(folder, { recursive: true })
  const meter = new TransferMeter()
  const doneBytes = new Map<string, number>()
  let filesDone = 0
  let fetchedBytes = 0
  const progress = (file: string | null): void => {
    const bytesDone = [...doneBytes.values()].reduce((sum, bytes) => sum + bytes, 0)
    const speed = meter.bytesPerSecond()
    report({
      phase: 'downloading',
      file,
      filesDone,
      filesTotal: files.length,
      bytesDone,
      bytesTotal,
      bytesPerSecond: speed,
      etaSeconds:
        speed && bytesTotal !== null ? Math.max(0, (bytesTotal - bytesDone) / speed) : null
    })
  }

  // config.json first: a BERT or Llama repository is refused before its weights are fetched.
  const ordered = [...files].sort((a, b) => rank(a) - rank(b))
  for (const file of ordered) {
    const destination = join(folder, ...file.path.split('/'))
    mkdirSync(dirname(destination), { recursive: true })
    let lastOnDisk: number | null = null
    const fetched = await downloadFile({
      url: resolveUrl(request.endpoint, repo, revision, file.path),
      destination,
      file,
      signal: request.signal,
      onBytes: (onDisk) => {
        // The first report of a file is what was already on disk (resumed, not fetched).
        if (lastOnDisk !== null && onDisk > lastOnDisk) meter.add(onDisk - lastOnDisk)
        lastOnDisk = onDisk
        doneBytes.set(file.path, onDisk)
        progress(file.path)
      }
    })
    if (!fetched.ok) return fetched
    fetchedBytes += fetched.value.fetchedBytes
    filesDone++
    progress(file.path)
    if (file.path === 'config.json') {
      const config = checkConfig(repo, destination)
      if (!config.ok) return config
    }
  }

  const bytesDone = [...doneBytes.values()].reduce((sum, bytes) => sum + bytes, 0)
  report({
    ...EMPTY_PROGRESS,
    phase: 'finishing',
    filesDone,
    filesTotal: files.length,
    bytesDone,
    bytesTotal
  })
  if (plan.value.tokenizerFromVocab) {
    const built = writeTokenizerFromVocab(folder)
    if (!built.ok) return built
  }
  const tokenizerConfig = join(folder, 'tokenizer_config.json')
  if (!existsSync(tokenizerConfig)) {
    writeFileSync(tokenizerConfig, JSON.stringify(GPT2_TOKENIZER_CONFIG))
  }
  const manifest: HubManifest = {
    name: revision === 'main' ? repo : `${repo}@${revision}`,
    base: repo,
    // The seed's screenplay fine-tune learned IMSDb's indented layout; other GPT-2s no screenplay
    // format at all, and the compact Fountain prompt is the closer fit for them.
    textFormat: repo === 'cpierse/gpt2_film_scripts' ? 'imsdb-indented' : 'fountain-compact',
    source: 'hub',
    createdAt: new Date().toISOString(),
    hub: { endpoint: request.endpoint, repo, revision, commit: listing.value.commit }
  }
  writeFileSync(join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
  return ok({
    folder,
    commit: listing.value.commit,
    files: files.map((file) => file.path),
    bytes: bytesDone,
    fetchedBytes
  })
}

/// Progress before the repo is listed (also the app's first report of a download).
export const EMPTY_PROGRESS: ModelDownloadProgress = {
  phase: 'listing',
  file: null,
  filesDone: 0,
  filesTotal: 0,
  bytesDone: 0,
  bytesTotal: null,
  bytesPerSecond: null,
  etaSeconds: null
}

function rank(file: HubFile): number {
  if (file.path === 'config.json') return 0
  return file.path.endsWith('.safetensors') ? 2 : 1
}

function checkConfig(repo: string, path: string): Result<void> {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    return err(
      'model-error',
      `${repo}'s config.json is not valid JSON (${(error as Error).message}).`
    )
  }
  const config = parseGPT2Config(json)
  if (!config.ok) {
    return err(config.error.code, `${repo} cannot be used: ${config.error.message}`)
  }
  return ok(undefined)
}
