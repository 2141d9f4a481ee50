/// Dataset preparation for retraining (the original's `ScriptData`): screenplay files (Fountain,
/// FDX, IMSDb-style text, PDF, or corpus `.jsonl[.gz]` files of whole scripts) → elements → the
/// model's text format → tokens, scripts joined with `<|endoftext|>`, split into train and
/// validation by whole scripts (a script is never split), with a preview of what was found,
/// skipped and why. Optional genre filter from manifests; tokenized scripts are cached by content.
import { readFile } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { parseFountain } from '../../src/shared/fountain'
import type { Screenplay } from '../../src/shared/fountain/elements'
import { importFdx } from '../../src/shared/formats/fdx'
import { imsdbToScreenplay } from '../../src/shared/formats/imsdb'
import { screenplayToModelText } from '../../src/shared/formats/model-text'
import { err, ok, type Result } from '../../src/shared/result'
import { readCorpusFile } from '../data/corpus-file'
import { importScriptFile, sniffFormat, type ScriptFormat } from '../data/import-script-file'
import { isCorpusFile } from '../data/script-files'
import {
  genresMatch,
  manifestEntryFor,
  readFolderManifest,
  type FolderManifest
} from '../data/script-manifest'
import { cacheKey, TokenCache, tokenizerFingerprint } from '../data/token-cache'
import type { Tokenizer } from '../inference/tokenizer'

export interface PreparedScript {
  name: string
  path: string
  tokens: number
  words: number
  split: 'train' | 'validation'
  /// Where the script came from ('corpus' for a line of a .jsonl[.gz] file).
  format?: ScriptFormat | 'corpus'
  /// Genres from a manifest or the corpus line; absent when unknown.
  genres?: string[]
  /// True when its tokens came from the cache (no conversion or tokenization this time).
  cached?: boolean
}

export interface SkippedScript {
  path: string
  reason: string
}

export interface PreparedDataset {
  scripts: PreparedScript[]
  skipped: SkippedScript[]
  trainTokens: Int32Array
  validationTokens: Int32Array
  /// The validation scripts' model text (for loss before and after with the inference engine).
  validationTexts: string[]
  /// The training scripts' model text (for the copied-lines index of the new model).
  trainTexts: string[]
  /// The beginning of the first converted script, to show the writer what the model will read.
  sample: string
  /// Scripts whose tokens came from the cache, and scripts converted and tokenized this time.
  cache: { hits: number; misses: number }
  /// Every genre seen on a found script (for the genre picker), sorted.
  genresFound: string[]
}

export interface PrepareOptions {
  /// Share of scripts held out for validation (whole scripts), when there are at least two.
  validationShare?: number
  /// Scripts with fewer words are skipped (title pages, stubs).
  minimumWords?: number
  /// Keep only scripts with at least one of these genres (from a manifest or corpus line);
  /// scripts without known genres are then skipped, with why.
  genres?: readonly string[]
  /// Folder for the tokenized-script cache; no cache when absent.
  cacheDir?: string
  /// Tokens per training block; part of the cache key (the default is the model's 1024).
  contextLength?: number
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

const DEFAULT_VALIDATION_SHARE = 0.1
const DEFAULT_MINIMUM_WORDS = 100
const SAMPLE_CHARACTERS = 1_500

/// One script to read: a file, or one line of a corpus file.
interface ScriptInput {
  path: string
  name: string
  format?: ScriptFormat | 'corpus'
  genres?: string[]
  bytes: () => Promise<Uint8Array | string>
  convert: () => Promise<Result<{ screenplay: Screenplay; format: ScriptFormat }>>
}

interface Converted {
  input: ScriptInput
  text: string
  tokens: ArrayLike<number>
  words: number
  format?: ScriptFormat | 'corpus'
  cached: boolean
}

function joinWithSeparator(parts: readonly ArrayLike<number>[], separator: number): Int32Array {
  const total = parts.reduce((sum, part) => sum + part.length + 1, 0)
  const out = new Int32Array(total)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
    out[offset++] = separator
  }
  return out
}

/// Cuts a token stream into whole blocks of `contextLength` tokens (the tail that does not fill a
/// block is dropped), as the original `ScriptData` does.
export function cutIntoBlocks(tokens: Int32Array, contextLength: number): Int32Array[] {
  const blocks: Int32Array[] = []
  for (let start = 0; start + contextLength <= tokens.length; start += contextLength) {
    blocks.push(tokens.subarray(start, start + contextLength))
  }
  return blocks
}

/// Every 1 in round(1/share) scripts, in a fixed order, goes to validation; with a single script
/// there is no validation set (and the runner says so).
function chooseSplit(index: number, count: number, share: number): 'train' | 'validation' {
  if (count < 2 || share <= 0) return 'train'
  const every = Math.max(2, Math.round(1 / share))
  return index % every === every - 1 || (index === count - 1 && count < every)
    ? 'validation'
    : 'train'
}

function textToScreenplay(text: string): { screenplay: Screenplay; format: ScriptFormat } | null {
  const format = sniffFormat(text)
  if (format === 'fdx') {
    const imported = importFdx(text)
    return imported.ok ? { screenplay: imported.value, format } : null
  }
  return {
    screenplay: format === 'imsdb' ? imsdbToScreenplay(text) : parseFountain(text),
    format
  }
}

// Expands the paths into scripts: corpus files give one input per line, the rest one per file
// (with genres from the folder's manifest, read once per folder).
async function* scriptInputs(
  paths: readonly string[],
  skipped: SkippedScript[]
): AsyncGenerator<ScriptInput> {
  const manifests = new Map<string, FolderManifest>()
  for (const path of paths) {
    if (isCorpusFile(path)) {
      try {
        for await (const line of readCorpusFile(path)) {
          const linePath = `${path}#${line.slug}`
          if (line.text === undefined) {
            skipped.push({ path: linePath, reason: line.problem ?? 'it has no text' })
            continue
          }
          const text = line.text
          yield {
            path: linePath,
            name: line.title ?? line.slug,
            format: 'corpus',
            genres: line.genres,
            bytes: async () => text,
            convert: async () => {
              const converted = textToScreenplay(text)
              return converted
                ? ok(converted)
                : err('bad-input', 'it is not a readable Fountain, Final Draft or IMSDb script')
            }
          }
        }
      } catch (exception) {
        skipped.push({
          path,
          reason: `it could not be read as a corpus file (${(exception as Error).message}); check that it is gzip JSON Lines`
        })
      }
      continue
    }
    const folder = dirname(path)
    if (!manifests.has(folder)) {
      manifests.set(
        folder,
        readFolderManifest(folder, (manifest, reason) => skipped.push({ path: manifest, reason }))
      )
    }
    const entry = manifestEntryFor(manifests.get(folder)!, path)
    yield {
      path,
      name: basename(path),
      genres: entry && entry.genres.length > 0 ? entry.genres : undefined,
      bytes: async () => new Uint8Array(await readFile(path)),
      convert: () => importScriptFile(path, { parse: parseFountain })
    }
  }
}

function genreSkipReason(genres: string[] | undefined, wanted: readonly string[]): string | null {
  if (wanted.length === 0) return null
  const filter = wanted.join(', ')
  if (!genres) {
    return `no genres are known for it, and only ${filter} were asked for (add it to a manifest.jsonl or MANIFEST.tsv beside it, or clear the genre filter)`
  }
  if (!genresMatch(genres, wanted)) {
    return `its genres (${genres.join(', ')}) are not among ${filter}`
  }
  return null
}

export async function prepareDataset(
  paths: readonly string[],
  tokenizer: Tokenizer,
  options: PrepareOptions = {}
): Promise<PreparedDataset> {
  const skipped: SkippedScript[] = []
  const converted: Converted[] = []
  const wanted = (options.genres ?? []).map((genre) => genre.trim()).filter(Boolean)
  const cache = options.cacheDir ? new TokenCache(options.cacheDir) : null
  const tokenizerId = cache ? tokenizerFingerprint(tokenizer) : ''
  const contextLength = options.contextLength ?? 1024
  const genresFound = new Set<string>()
  const counts = { hits: 0, misses: 0 }
  let done = 0
  for await (const input of scriptInputs(paths, skipped)) {
    options.signal?.throwIfAborted()
    done += 1
    options.onProgress?.(done, Math.max(done, paths.length))
    for (const genre of input.genres ?? []) genresFound.add(genre)
    const genreReason = genreSkipReason(input.genres, wanted)
    if (genreReason) {
      skipped.push({ path: input.path, reason: genreReason })
      continue
    }
    let script: Converted | null = null
    let key: string | null = null
    if (cache) {
      try {
        key = cacheKey({ bytes: await input.bytes(), tokenizerId, contextLength })
        const hit = cache.get(key)
        if (hit) {
          const format = (input.format ?? hit.format) as Converted['format']
          script = {
            input,
            text: hit.text,
            words: hit.words,
            tokens: hit.tokens,
            format,
            cached: true
          }
        }
      } catch {
        key = null // unreadable file: the import below says why
      }
    }
    if (!script) {
      const imported = await input.convert()
      if (!imported.ok) {
        skipped.push({ path: input.path, reason: imported.error.message })
        continue
      }
      const text = screenplayToModelText(imported.value.screenplay)
      const words = text.split(/\s+/).filter(Boolean).length
      const tokens = Int32Array.from(tokenizer.encode(text))
      script = {
        input,
        text,
        tokens,
        words,
        format: input.format ?? imported.value.format,
        cached: false
      }
      if (cache && key) cache.put(key, { text, words, tokens, format: script.format })
    }
    counts[script.cached ? 'hits' : 'misses'] += 1
    if (script.words < (options.minimumWords ?? DEFAULT_MINIMUM_WORDS)) {
      skipped.push({
        path: input.path,
        reason: `only ${script.words} words of screenplay were found in it`
      })
      continue
    }
    converted.push(script)
  }
  const separator = tokenizer.eosTokenId ?? 50256
  const share = options.validationShare ?? DEFAULT_VALIDATION_SHARE
  const scripts: PreparedScript[] = converted.map((script, index) => ({
    name: script.input.name,
    path: script.input.path,
    tokens: script.tokens.length,
    words: script.words,
    split: chooseSplit(index, converted.length, share),
    ...(script.format ? { format: script.format } : {}),
    ...(script.input.genres ? { genres: script.input.genres } : {}),
    ...(cache ? { cached: script.cached } : {})
  }))
  const bySplit = (split: PreparedScript['split']) =>
    converted.filter((_, index) => scripts[index].split === split)
  return {
    scripts,
    skipped,
    trainTokens: joinWithSeparator(
      bySplit('train').map((script) => script.tokens),
      separator
    ),
    validationTokens: joinWithSeparator(
      bySplit('validation').map((script) => script.tokens),
      separator
    ),
    validationTexts: bySplit('validation').map((script) => script.text),
    trainTexts: bySplit('train').map((script) => script.text),
    sample: converted[0]?.text.slice(0, SAMPLE_CHARACTERS) ?? '',
    cache: counts,
    genresFound: [...genresFound].sort()
  }
}
