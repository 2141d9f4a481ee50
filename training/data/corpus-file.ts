/// Reads any corpus file of whole scripts, one JSON object per line (`.jsonl`, or gzip `.jsonl.gz`
/// like ../shared/data/screenplays/scripts.jsonl.gz), streaming so the file never sits in memory.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import { parseGenres } from './script-manifest'

export interface CorpusLine {
  /// 1-based line number (for messages).
  line: number
  slug: string
  title?: string
  genres?: string[]
  /// The script text, or undefined when the line has none or is not JSON (`problem` says which).
  text?: string
  problem?: string
}

export async function* readCorpusFile(path: string): AsyncGenerator<CorpusLine> {
  const input = createReadStream(path)
  const stream = /\.gz$/i.test(path) ? input.pipe(createGunzip()) : input
  const lines = createInterface({ input: stream, crlfDelay: Infinity })
  let number = 0
  try {
    for await (const raw of lines) {
      number += 1
      if (raw.trim() === '') continue
      let record: Record<string, unknown>
      try {
        record = JSON.parse(raw) as Record<string, unknown>
      } catch {
        yield { line: number, slug: `line-${number}`, problem: `line ${number} is not JSON` }
        continue
      }
      const slug = typeof record.slug === 'string' ? record.slug : `line-${number}`
      yield {
        line: number,
        slug,
        title: typeof record.title === 'string' ? record.title : undefined,
        genres:
          'genres' in record || 'genre' in record
            ? parseGenres(record.genres ?? record.genre)
            : undefined,
        text: typeof record.text === 'string' ? record.text : undefined,
        problem: typeof record.text === 'string' ? undefined : `line ${number} has no "text" field`
      }
    }
  } finally {
    lines.close()
    input.destroy()
  }
}
