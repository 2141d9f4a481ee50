/// Streams the IMSDb corpus (`shared/data/screenplays/scripts.jsonl.gz`): one script at a time,
/// gunzipped and read line by line, so the 79 MB never sit in memory at once.
import { createReadStream, existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
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
  /// Only scripts of this split.
  split?: 'train' | 'validation'
  /// Only scripts whose slug passes this test (e.g. a deterministic sample).
  include?: (slug: string) => boolean
}

/// The corpus folder beside the repository (`../shared/data/screenplays`), found from this file.
export function defaultCorpusFolder(): string {
  return fileURLToPath(new URL('../../../shared/data/screenplays', import.meta.url))
}

/// Whether the corpus file exists (tests skip without it).
export function corpusAvailable(folder = defaultCorpusFolder()): boolean {
  return existsSync(join(folder, 'scripts.jsonl.gz'))
}

/// Yields the corpus scripts in file order.
export async function* readCorpus(options: ReadCorpusOptions = {}): AsyncGenerator<CorpusScript> {
  const path = join(options.folder ?? defaultCorpusFolder(), 'scripts.jsonl.gz')
  if (!existsSync(path)) {
    throw new Error(
      `The screenplay corpus is missing at ${path}. Put shared/ beside the repository.`
    )
  }
  const input = createReadStream(path).pipe(createGunzip())
  const lines = createInterface({ input, crlfDelay: Infinity })
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue
      // Cheap filter before parsing the whole (large) line.
      const slug = /"slug"\s*:\s*"([^"]*)"/.exec(line)?.[1]
      if (slug !== undefined && options.include && !options.include(slug)) continue
      const script = JSON.parse(line) as CorpusScript
      if (options.split && script.split !== options.split) continue
      if (options.include && !options.include(script.slug)) continue
      yield script
    }
  } finally {
    lines.close()
    input.destroy()
  }
}
