/// A cache of converted, tokenized scripts, keyed by content: sha256 of the script's bytes, the
/// converter version, the tokenizer's identity and the context length. A second prepare of the
/// same files reads the tokens back instead of converting and tokenizing again; any change to the
/// file, the converters or the tokenizer misses the cache (nothing is ever stale).
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/// Bump when the import or model-text conversion changes what a file turns into.
export const CONVERTER_VERSION = 'script-buddy-converter-2'

/// What is kept of one script: its model text, word count, token ids and source format.
export interface CachedScript {
  text: string
  words: number
  tokens: Int32Array
  format?: string
}

export interface CacheKeyParts {
  bytes: Uint8Array | string
  tokenizerId: string
  contextLength: number
}

export function cacheKey(parts: CacheKeyParts): string {
  const hash = createHash('sha256')
  hash.update(parts.bytes)
  hash.update(`\0${CONVERTER_VERSION}\0${parts.tokenizerId}\0${parts.contextLength}`)
  return hash.digest('hex')
}

/// A tokenizer's identity without its folder: the ids it gives a fixed probe text (covering
/// words, capitals, punctuation, digits and non-ASCII) and its end-of-text id.
export function tokenizerFingerprint(tokenizer: {
  encode(text: string): number[]
  eosTokenId: number | undefined
}): string {
  const probe = "INT. KITCHEN - NIGHT\n\nJOSÉ (V.O.)\n(whispering)\nIt's 3:45 — don't.\n"
  const ids = tokenizer.encode(probe)
  return createHash('sha256')
    .update(`${ids.join(',')}|${tokenizer.eosTokenId ?? ''}`)
    .digest('hex')
    .slice(0, 32)
}

export class TokenCache {
  constructor(private readonly folder: string) {}

  private file(key: string): string {
    return join(this.folder, `${key}.json`)
  }

  /// The cached script, or undefined (absent or unreadable: a damaged entry is just a miss).
  get(key: string): CachedScript | undefined {
    try {
      const entry = JSON.parse(readFileSync(this.file(key), 'utf8')) as {
        text: string
        words: number
        tokens: string
        format?: string
      }
      const bytes = Buffer.from(entry.tokens, 'base64')
      const tokens = new Int32Array(bytes.length / 4)
      for (let index = 0; index < tokens.length; index += 1) {
        tokens[index] = bytes.readInt32LE(index * 4)
      }
      return { text: entry.text, words: entry.words, tokens, format: entry.format }
    } catch {
      return undefined
    }
  }

  /// Stores an entry; written to a temporary name and renamed, so a crash leaves no half entry.
  /// A cache that cannot be written only costs time, so failures are ignored.
  put(key: string, script: CachedScript): void {
    try {
      mkdirSync(this.folder, { recursive: true })
      const bytes = Buffer.alloc(script.tokens.length * 4)
      script.tokens.forEach((token, index) => bytes.writeInt32LE(token, index * 4))
      const temporary = `${this.file(key)}.${process.pid}.tmp`
      writeFileSync(
        temporary,
        JSON.stringify({
          text: script.text,
          words: script.words,
          format: script.format,
          tokens: bytes.toString('base64')
        })
      )
      renameSync(temporary, this.file(key))
    } catch {
      // Read-only or full disk: the next prepare tokenizes again.
    }
  }
}
