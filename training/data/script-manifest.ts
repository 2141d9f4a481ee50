/// Titles and genres of the scripts in a folder, from a manifest beside them in the shape of
/// ../shared/data/screenplays: `MANIFEST.tsv` (columns slug, title, genre as `Comedy|Drama`,
/// local_path/source_path) or `manifest.jsonl[.gz]` (one `{slug, title, genres[], file |
/// local_path | source_path, source_url}` per line, as the IMSDb importer writes).
import { existsSync, readFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { gunzipSync } from 'node:zlib'

export interface ManifestEntry {
  title?: string
  genres: string[]
  sourceUrl?: string
}

/// Entries by file name and by slug (lower case), so `<slug>.txt` finds its line either way.
export type FolderManifest = Map<string, ManifestEntry>

/// `Comedy|Drama`, `Comedy, Drama` or an array → ['Comedy', 'Drama'].
export function parseGenres(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[|,;]/) : []
  return list.map((genre) => String(genre).trim()).filter(Boolean)
}

function add(manifest: FolderManifest, entry: ManifestEntry, keys: unknown[]): void {
  for (const key of keys) {
    if (typeof key === 'string' && key.trim() !== '') {
      manifest.set(basename(key).toLowerCase(), entry)
    }
  }
}

function readTsv(text: string, manifest: FolderManifest): void {
  const [header, ...rows] = text.split(/\r?\n/).filter((line) => line.trim() !== '')
  if (!header) return
  const columns = header.split('\t').map((name) => name.trim().toLowerCase())
  const column = (row: string[], name: string) => row[columns.indexOf(name)]
  for (const line of rows) {
    const row = line.split('\t')
    const entry: ManifestEntry = {
      title: column(row, 'title'),
      genres: parseGenres(column(row, 'genre') ?? column(row, 'genres')),
      sourceUrl: column(row, 'source_url')
    }
    add(manifest, entry, [
      column(row, 'slug'),
      column(row, 'file'),
      column(row, 'local_path'),
      column(row, 'source_path')
    ])
  }
}

function readJsonLines(text: string, manifest: FolderManifest): void {
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    let record: Record<string, unknown>
    try {
      record = JSON.parse(line) as Record<string, unknown>
    } catch {
      continue // a damaged line loses only its own script's genres
    }
    const entry: ManifestEntry = {
      title: typeof record.title === 'string' ? record.title : undefined,
      genres: parseGenres(record.genres ?? record.genre),
      sourceUrl: typeof record.source_url === 'string' ? record.source_url : undefined
    }
    add(manifest, entry, [record.slug, record.file, record.local_path, record.source_path])
  }
}

/// Reads every manifest in the folder (an empty map when there is none). A manifest that cannot
/// be read is reported through `onProblem` and left out; its scripts just have no genres.
export function readFolderManifest(
  folder: string,
  onProblem: (path: string, reason: string) => void = () => undefined
): FolderManifest {
  const manifest: FolderManifest = new Map()
  for (const name of ['MANIFEST.tsv', 'manifest.jsonl', 'manifest.jsonl.gz']) {
    const path = join(folder, name)
    if (!existsSync(path)) continue
    try {
      const bytes = readFileSync(path)
      const text = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
      if (name.endsWith('.tsv')) readTsv(text, manifest)
      else readJsonLines(text, manifest)
    } catch (exception) {
      onProblem(
        path,
        `this manifest could not be read (${(exception as Error).message}), so the genres in it are unknown; check that it is ${name.endsWith('.gz') ? 'gzip ' : ''}${name.endsWith('.tsv') ? 'tab-separated text' : 'JSON Lines'}`
      )
    }
  }
  return manifest
}

/// The entry for a script file: by its file name, else by its name without extension (= slug).
export function manifestEntryFor(
  manifest: FolderManifest,
  path: string
): ManifestEntry | undefined {
  const name = basename(path).toLowerCase()
  return manifest.get(name) ?? manifest.get(name.slice(0, name.length - extname(name).length))
}

/// Whether a script's genres meet the filter (case-insensitive; any one genre in common).
export function genresMatch(genres: readonly string[], wanted: readonly string[]): boolean {
  const set = new Set(wanted.map((genre) => genre.toLowerCase()))
  return genres.some((genre) => set.has(genre.toLowerCase()))
}
