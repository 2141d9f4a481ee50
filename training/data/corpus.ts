/// Streams the IMSDb corpus (`shared/data/screenplays/scripts.jsonl.gz`): one script at a time,
/// gunzipped and split into lines as it streams, so the 79 MB never sit in memory at once.
/// (A writer's own corpus files, which may hold broken lines to report, are read leniently by
/// corpus-file.ts.)
import { createReadStream, existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createGunzip } from 'node:zlib'

/// One corpus script (see the corpus README for the fields).
export interface CorpusScript {
  slug: string
  title: string
  genres: string[]
  split: 'train' | 'validation'
  source_repo: string
  source_path: string
  text: string
}

export interface ReadCorpusOptions {
  /// Folder holding scripts.jsonl.gz; default `<repo>/../shared/data/screenplays`.
  folder?: string
  /// A corpus file of the same shape anywhere (overrides `folder`).
  file?: string
  /// Only scripts of this split.
  split?: 'train' | 'validation'
  /// Only scripts whose slug passes this test (e.g. a deterministic sample).
  include?: (slug: string) => boolean
  /// Only scripts listing one of these genres (any case).
  genres?: readonly string[]
}

/// The corpus folder beside the repository (`../shared/data/screenplays`), found from this file.
export function defaultCorpusFolder(): string {
  return fileURLToPath(new URL('../../../shared/data/screenplays', import.meta.url))
}

/// Whether the corpus file exists (tests skip without it).
export function corpusAvailable(folder = defaultCorpusFolder()): boolean {
  return existsSync(join(folder, 'scripts.jsonl.gz'))
}

// Splits the gunzipped stream into lines as bytes. Faster than readline for multi-megabyte lines,
// and lets the filter look at a line's first bytes (slug and split come first) without decoding
// the whole script.
async function* byteLines(path: string): AsyncGenerator<Buffer> {
  const input = createReadStream(path).pipe(createGunzip())
  let pending: Buffer[] = []
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let start = 0
      let newline = chunk.indexOf(10, start)
      while (newline >= 0) {
        pending.push(chunk.subarray(start, newline))
        yield pending.length === 1 ? pending[0] : Buffer.concat(pending)
        pending = []
        start = newline + 1
        newline = chunk.indexOf(10, start)
      }
      if (start < chunk.length) pending.push(chunk.subarray(start))
    }
    if (pending.length > 0) yield Buffer.concat(pending)
  } finally {
    input.destroy()
  }
}

/// Yields the corpus scripts in file order.
export async function* readCorpus(options: ReadCorpusOptions = {}): AsyncGenerator<CorpusScript> {
  const path = options.file ?? join(options.folder ?? defaultCorpusFolder(), 'scripts.jsonl.gz')
  const genres = options.genres ? new Set(options.genres.map((genre) => genre.toLowerCase())) : null
  if (!existsSync(path)) {
    throw new Error(
      `The screenplay corpus is missing at ${path}. Put shared/ beside the repository.`
    )
  }
  for await (const line of byteLines(path)) {
    if (line.length === 0) continue
    const head = line.subarray(0, 2000).toString('utf8')
    const slug = /"slug"\s*:\s*"([^"]*)"/.exec(head)?.[1]
    const split = /"split"\s*:\s*"([^"]*)"/.exec(head)?.[1]
    if (slug !== undefined && options.include && !options.include(slug)) continue
    if (split !== undefined && options.split && split !== options.split) continue
    const script = JSON.parse(line.toString('utf8')) as CorpusScript
    if (options.split && script.split !== options.split) continue
    if (options.include && !options.include(script.slug)) continue
    if (genres && !(script.genres ?? []).some((genre) => genres.has(genre.toLowerCase()))) continue
    yield script
  }
}
