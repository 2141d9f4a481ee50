/// Streams the screenplay corpus (gzip JSON Lines: `{slug, title, split, text, …}`).
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'

export interface CorpusScript {
  slug: string
  split: string
  text: string
  genres?: string[]
}

/// The scripts of one split, in file order, at most `limit` of them.
export async function readCorpus(
  path: string,
  split: string,
  limit = Infinity,
  genres?: readonly string[]
): Promise<CorpusScript[]> {
  const wanted = genres ? new Set(genres.map((genre) => genre.toLowerCase())) : null
  const scripts: CorpusScript[] = []
  const lines = createInterface({
    input: createReadStream(path).pipe(createGunzip()),
    crlfDelay: Infinity
  })
  for await (const line of lines) {
    if (!line.trim()) continue
    const script = JSON.parse(line) as CorpusScript
    if (script.split !== split) continue
    if (wanted && !(script.genres ?? []).some((genre) => wanted.has(genre.toLowerCase()))) continue
    scripts.push({ slug: script.slug, split: script.split, text: script.text })
    if (scripts.length >= limit) {
      lines.close()
      break
    }
  }
  return scripts
}
