/// What a Hugging Face hub repository holds at one revision: the file list from the hub's model API
/// (`GET {endpoint}/api/models/{repo}/revision/{revision}?blobs=true`), with each file's size and,
/// for files stored in Git LFS, its sha256 — what `huggingface_hub`'s `model_info(files_metadata=True)`
/// reads.
import { err, ok, type Result } from '../../src/shared/result'

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co'

/// One file of the repository, as the API lists it.
export interface HubFile {
  /// Path inside the repository (`rfilename`).
  path: string
  /// Bytes, when the hub gives it.
  size: number | null
  /// sha256 of the content for Git LFS files (`lfs.sha256`).
  sha256: string | null
  /// Git blob id (sha1 of "blob <size>\0" + content) for files stored in Git itself.
  gitBlobId: string | null
}

export interface HubRepoListing {
  repo: string
  revision: string
  /// The commit the revision pointed at (`sha`), so a download can name exactly what it holds.
  commit: string | null
  files: HubFile[]
}

// owner/name as the hub allows them: letters, digits, '-', '_', '.', no '..' and no leading '.'.
const REPO_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/

/// Checks a repo id the writer typed (`gpt2`, `cpierse/gpt2_film_scripts`).
export function checkRepoId(repo: string): Result<string> {
  const trimmed = repo.trim()
  const parts = trimmed.split('/')
  const valid =
    parts.length >= 1 &&
    parts.length <= 2 &&
    parts.every((part) => REPO_PART.test(part) && !part.includes('..'))
  if (!valid) {
    return err(
      'invalid-request',
      `'${repo}' is not a Hugging Face model id. Type it as it appears on the model's page, ` +
        'for example gpt2 or cpierse/gpt2_film_scripts.'
    )
  }
  return ok(trimmed)
}

/// Checks a revision (branch, tag, commit or refs/pr/N).
export function checkRevision(revision: string): Result<string> {
  const trimmed = revision.trim()
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/.test(trimmed) || trimmed.includes('..')) {
    return err(
      'invalid-request',
      `'${revision}' is not a revision. Use a branch (main), a tag, a commit hash or refs/pr/N.`
    )
  }
  return ok(trimmed)
}

/// The URL a file is downloaded from (the hub answers with the file or a redirect to its CDN).
export function resolveUrl(endpoint: string, repo: string, revision: string, path: string): string {
  const file = path.split('/').map(encodeURIComponent).join('/')
  return `${trimEndpoint(endpoint)}/${repo}/resolve/${encodeURIComponent(revision)}/${file}`
}

function trimEndpoint(endpoint: string): string {
  return endpoint.replace(/\/+$/, '')
}

/// Lists the files of `repo` at `revision`.
export async function fetchRepoListing(options: {
  endpoint: string
  repo: string
  revision: string
  signal?: AbortSignal
}): Promise<Result<HubRepoListing>> {
  const { repo, revision } = options
  const url = `${trimEndpoint(options.endpoint)}/api/models/${repo}/revision/${encodeURIComponent(revision)}?blobs=true`
  let response: Response
  try {
    response = await fetch(url, { signal: options.signal, headers: { accept: 'application/json' } })
  } catch (error) {
    if (options.signal?.aborted) return err('cancelled', 'The download was cancelled.')
    return err(
      'network',
      `Cannot reach ${options.endpoint} (${causeOf(error)}). Check the internet connection and try again.`
    )
  }
  // The hub answers 401 for private, gated and missing repositories alike when not signed in.
  if (response.status === 404 || response.status === 401) {
    return err(
      'not-found',
      `The Hugging Face hub has no public model '${repo}' at revision '${revision}'. ` +
        'Check the spelling (owner/name, as on the model page) and the revision; private and gated models cannot be downloaded.'
    )
  }
  if (!response.ok) {
    return err(
      'network',
      `The Hugging Face hub answered ${response.status} ${response.statusText} for ${repo}. Try again later.`
    )
  }
  let json: unknown
  try {
    json = await response.json()
  } catch (error) {
    return err('network', `The hub's answer for ${repo} is not JSON (${causeOf(error)}).`)
  }
  return parseListing(repo, revision, json)
}

function parseListing(repo: string, revision: string, json: unknown): Result<HubRepoListing> {
  const record = (json ?? {}) as Record<string, unknown>
  if (!Array.isArray(record.siblings)) {
    return err('network', `The hub's answer for ${repo} has no file list (siblings).`)
  }
  const files: HubFile[] = []
  for (const sibling of record.siblings as Record<string, unknown>[]) {
    if (typeof sibling?.rfilename !== 'string') continue
    const lfs = (sibling.lfs ?? null) as Record<string, unknown> | null
    const size = typeof sibling.size === 'number' ? sibling.size : null
    files.push({
      path: sibling.rfilename,
      size: typeof lfs?.size === 'number' ? lfs.size : size,
      sha256: typeof lfs?.sha256 === 'string' ? lfs.sha256.toLowerCase() : null,
      gitBlobId: !lfs && typeof sibling.blobId === 'string' ? sibling.blobId.toLowerCase() : null
    })
  }
  return ok({
    repo,
    revision,
    commit: typeof record.sha === 'string' ? record.sha : null,
    files
  })
}

export function causeOf(error: unknown): string {
  const cause = (error as { cause?: { message?: string; code?: string } })?.cause
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))
}
