/// Builds a training corpus from IMSDb: the list page → each film's page (title, genres) → its
/// script page → `<slug>.txt` plus a line in `manifest.jsonl` (the shape the dataset step reads
/// for genres, like ../shared/data/screenplays). Polite (see PoliteFetcher) and resumable: a state
/// file records finished and failed films, so a rerun fetches only what is still missing.
import { createHash } from 'node:crypto'
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { genresMatch } from '../script-manifest'
import { parseFilmPage, parseListPage, parseScriptPage } from './imsdb-pages'
import { PoliteFetcher, type PoliteFetcherOptions } from './polite-fetcher'

export const IMSDB_BASE_URL = 'https://imsdb.com'
export const STATE_FILE = 'imsdb-state.json'
export const MANIFEST_FILE = 'manifest.jsonl'

export interface ImsdbImportOptions {
  outDir: string
  baseUrl?: string
  /// Path of the list page under baseUrl (default `/all-scripts.html`).
  listPath?: string
  delayMs?: number
  retries?: number
  backoffMs?: number
  /// Stop after this many new scripts.
  limit?: number
  /// Keep only films with one of these genres.
  genres?: readonly string[]
  userAgent?: string
  signal?: AbortSignal
  onRequest?: PoliteFetcherOptions['onRequest']
  onScript?: (event: {
    title: string
    status: 'saved' | 'skipped' | 'failed'
    detail: string
  }) => void
}

interface ImportState {
  /// Film page path (URL without the origin) → slug of the saved script.
  done: Record<string, string>
  /// Film page path → why it failed; `retry: false` for reasons a rerun cannot fix.
  failed: Record<string, { reason: string; retry: boolean }>
}

export interface ImsdbImportSummary {
  listed: number
  saved: number
  alreadyDone: number
  skipped: number
  failed: number
  requests: number
}

/// Real IMSDb gets at least a second between requests; a local test server may go faster.
export const MIN_REMOTE_DELAY_MS = 1000
export const DEFAULT_DELAY_MS = 1500

export function politeDelay(baseUrl: string, requested: number | undefined): number {
  const host = new URL(baseUrl).hostname
  const local = host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]'
  const delay = requested ?? DEFAULT_DELAY_MS
  return local ? delay : Math.max(MIN_REMOTE_DELAY_MS, delay)
}

/// `The Big Lebowski` → `the-big-lebowski`.
export function slugify(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'untitled'
  )
}

/// The corpus README's fixed rule: validation when int(sha1("split:"+slug), 16) % 10 == 0.
export function corpusSplit(slug: string): 'train' | 'validation' {
  const digest = createHash('sha1').update(`split:${slug}`).digest('hex')
  return BigInt(`0x${digest}`) % 10n === 0n ? 'validation' : 'train'
}

function sitePath(url: string): string {
  const parsed = new URL(url)
  return decodeURIComponent(parsed.pathname) + parsed.search
}

function readState(path: string): ImportState {
  if (!existsSync(path)) return { done: {}, failed: {} }
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as Partial<ImportState>
    return { done: state.done ?? {}, failed: state.failed ?? {} }
  } catch {
    throw new Error(
      `The resume state ${path} is damaged. Delete it to start over (saved scripts are kept and re-listed).`
    )
  }
}

function writeState(path: string, state: ImportState): void {
  const temporary = `${path}.tmp`
  writeFileSync(temporary, `${JSON.stringify(state, null, 1)}\n`)
  renameSync(temporary, path)
}

export async function importImsdb(options: ImsdbImportOptions): Promise<ImsdbImportSummary> {
  const baseUrl = (options.baseUrl ?? IMSDB_BASE_URL).replace(/\/+$/, '')
  mkdirSync(options.outDir, { recursive: true })
  const statePath = join(options.outDir, STATE_FILE)
  const state = readState(statePath)
  const usedSlugs = new Set(Object.values(state.done))
  const fetcher = new PoliteFetcher({
    delayMs: politeDelay(baseUrl, options.delayMs),
    retries: options.retries,
    backoffMs: options.backoffMs,
    userAgent: options.userAgent,
    signal: options.signal,
    onRequest: options.onRequest
  })
  const summary: ImsdbImportSummary = {
    listed: 0,
    saved: 0,
    alreadyDone: 0,
    skipped: 0,
    failed: 0,
    requests: 0
  }
  const report = options.onScript ?? (() => undefined)
  const listUrl = `${baseUrl}${options.listPath ?? '/all-scripts.html'}`
  const list = await fetcher.fetchText(listUrl)
  if (!list.ok) {
    summary.requests = fetcher.requests
    throw new Error(`The list page ${listUrl} could not be read: ${list.reason}.`)
  }
  const films = parseListPage(list.text, listUrl)
  summary.listed = films.length
  const fail = (url: string, title: string, reason: string, retry: boolean) => {
    state.failed[url] = { reason, retry }
    writeState(statePath, state)
    summary.failed += 1
    report({ title, status: 'failed', detail: reason })
  }
  for (const film of films) {
    if (options.limit !== undefined && summary.saved >= options.limit) break
    // State is keyed by the page's path, so a rerun against a mirror or a new port still resumes.
    const key = sitePath(film.url)
    if (state.done[key]) {
      summary.alreadyDone += 1
      continue
    }
    const known = state.failed[key]
    if (known && !known.retry) {
      summary.skipped += 1
      continue
    }
    const page = await fetcher.fetchText(film.url)
    if (!page.ok) {
      fail(key, film.title, page.reason, !page.disallowed && page.status !== 404)
      continue
    }
    const details = parseFilmPage(page.text, film.url, film.title)
    if (options.genres?.length && !genresMatch(details.genres, options.genres)) {
      summary.skipped += 1
      report({
        title: details.title,
        status: 'skipped',
        detail: `genres ${details.genres.join(', ') || 'unknown'}`
      })
      continue
    }
    if (!details.scriptUrl) {
      fail(key, details.title, details.problem ?? 'no script link', false)
      continue
    }
    const scriptPage = await fetcher.fetchText(details.scriptUrl)
    if (!scriptPage.ok) {
      fail(
        key,
        details.title,
        scriptPage.reason,
        !scriptPage.disallowed && scriptPage.status !== 404
      )
      continue
    }
    const text = parseScriptPage(scriptPage.text)
    if (!text || text.trim().split(/\s+/).length < 50) {
      fail(key, details.title, 'the script page has no script text in <pre>', false)
      continue
    }
    let slug = slugify(details.title)
    for (let n = 2; usedSlugs.has(slug); n += 1) slug = `${slugify(details.title)}-${n}`
    usedSlugs.add(slug)
    const file = `${slug}.txt`
    writeFileSync(join(options.outDir, file), text)
    appendFileSync(
      join(options.outDir, MANIFEST_FILE),
      `${JSON.stringify({
        slug,
        title: details.title,
        genres: details.genres,
        split: corpusSplit(slug),
        file,
        source_url: details.scriptUrl,
        source_page: film.url
      })}\n`
    )
    // The state is written after the script and its manifest line, so an interruption between
    // them at worst fetches that one film again.
    state.done[key] = slug
    delete state.failed[key]
    writeState(statePath, state)
    summary.saved += 1
    report({ title: details.title, status: 'saved', detail: file })
  }
  summary.requests = fetcher.requests
  return summary
}
