/// Copy detection for suggestions: a sorted set of hashed word 12-grams of the training scripts,
/// and a search for runs of 12 or more consecutive words of a suggestion found in it.
///
/// Words are runs of letters and digits (inner apostrophes kept, typographic ’ read as '),
/// lowercased; punctuation and layout are ignored. An n-gram's key is the 64-bit FNV-1a hash of
/// its words' UTF-8 bytes joined by single spaces. Keys live in a sorted, de-duplicated
/// BigUint64Array and are compared as two 32-bit halves, so no BigInt is made per lookup.
///
/// File format (little-endian): magic 'SBNG' (u32 0x474e4253), version u32 = 1, n u32, texts u32
/// (how many texts were indexed), count u64, then `count` u64 keys in ascending order.

/// Words per n-gram.
export const NGRAM_WORDS = 12
export const NGRAM_MAGIC = 0x474e4253
export const NGRAM_VERSION = 1
const HEADER_BYTES = 24

export interface NgramIndex {
  /// Words per n-gram.
  n: number
  /// How many texts went into the index.
  texts: number
  /// Sorted, unique 64-bit keys.
  keys: BigUint64Array
}

/// A run of a suggestion found in the index: `text.slice(start, end)` spans `words` words.
export interface CopiedRun {
  start: number
  end: number
  words: number
}

interface Word {
  word: string
  start: number
  end: number
}

const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu

/// The words of `text` with their offsets.
export function wordsOf(text: string): Word[] {
  const words: Word[] = []
  for (const match of text.matchAll(wordPattern)) {
    words.push({
      word: match[0].toLowerCase().replace(/’/g, "'"),
      start: match.index,
      end: match.index + match[0].length
    })
  }
  return words
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
const LOW = LITTLE_ENDIAN ? 0 : 1
const HIGH = 1 - LOW

/// 64-bit FNV-1a of a string's UTF-8 bytes, as [high, low] 32-bit halves.
export function fnv1a64(text: string): [number, number] {
  let high = 0xcbf29ce4
  let low = 0x84222325
  const mix = (byte: number): void => {
    low ^= byte
    // × 0x100000001b3 = × 0x1b3 + (× 1 << 40), in 32-bit halves
    const product = (low >>> 0) * 0x1b3
    const carry = Math.floor(product / 0x100000000)
    high = (Math.imul(high, 0x1b3) + carry + (low << 8)) >>> 0
    low = product >>> 0
  }
  for (let index = 0; index < text.length; index++) {
    let code = text.codePointAt(index)!
    if (code > 0xffff) index++
    if (code < 0x80) mix(code)
    else if (code < 0x800) {
      mix(0xc0 | (code >> 6))
      mix(0x80 | (code & 63))
    } else if (code < 0x10000) {
      if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd
      mix(0xe0 | (code >> 12))
      mix(0x80 | ((code >> 6) & 63))
      mix(0x80 | (code & 63))
    } else {
      mix(0xf0 | (code >> 18))
      mix(0x80 | ((code >> 12) & 63))
      mix(0x80 | ((code >> 6) & 63))
      mix(0x80 | (code & 63))
    }
  }
  return [high >>> 0, low >>> 0]
}

/// Keys of every n-gram of `words`, as [high, low] halves appended to `into` (2 numbers each).
function appendKeys(words: readonly string[], n: number, into: number[]): void {
  for (let start = 0; start + n <= words.length; start++) {
    const [high, low] = fnv1a64(words.slice(start, start + n).join(' '))
    into.push(high, low)
  }
}

/// Collects n-gram keys text by text, then sorts them into an index.
export class NgramIndexBuilder {
  private readonly chunks: Uint32Array[] = []
  private count = 0
  private texts = 0

  constructor(readonly n: number = NGRAM_WORDS) {}

  add(text: string): void {
    const halves: number[] = []
    appendKeys(
      wordsOf(text).map((item) => item.word),
      this.n,
      halves
    )
    this.chunks.push(Uint32Array.from(halves))
    this.count += halves.length / 2
    this.texts++
  }

  build(): NgramIndex {
    const keys = new BigUint64Array(this.count)
    const view = new Uint32Array(keys.buffer)
    let at = 0
    for (const chunk of this.chunks) {
      for (let index = 0; index < chunk.length; index += 2) {
        view[2 * at + HIGH] = chunk[index]
        view[2 * at + LOW] = chunk[index + 1]
        at++
      }
    }
    this.chunks.length = 0
    keys.sort()
    let unique = 0
    for (let index = 0; index < keys.length; index++) {
      if (index === 0 || keys[index] !== keys[unique - 1]) keys[unique++] = keys[index]
    }
    return { n: this.n, texts: this.texts, keys: keys.slice(0, unique) }
  }
}

/// Builds an index over `texts`.
export function buildNgramIndex(texts: Iterable<string>, n = NGRAM_WORDS): NgramIndex {
  const builder = new NgramIndexBuilder(n)
  for (const text of texts) builder.add(text)
  return builder.build()
}

/// Whether the index holds the n-gram with these key halves (binary search).
function holds(index: NgramIndex, high: number, low: number): boolean {
  const view = new Uint32Array(index.keys.buffer, index.keys.byteOffset, index.keys.length * 2)
  let lowIndex = 0
  let highIndex = index.keys.length - 1
  while (lowIndex <= highIndex) {
    const middle = (lowIndex + highIndex) >>> 1
    const keyHigh = view[2 * middle + HIGH]
    const keyLow = view[2 * middle + LOW]
    if (keyHigh === high && keyLow === low) return true
    if (keyHigh < high || (keyHigh === high && keyLow < low)) lowIndex = middle + 1
    else highIndex = middle - 1
  }
  return false
}

/// Runs of at least `index.n` consecutive words of `text` whose every n-gram is in the index;
/// overlapping or touching n-gram hits merge into one run. (Two hits from different scripts can
/// merge, so a run says "each 12 words of it were seen", not "all of it was seen in one place".)
export function findCopiedRuns(text: string, index: NgramIndex): CopiedRun[] {
  const words = wordsOf(text)
  const runs: CopiedRun[] = []
  let runFirst = -1
  let runLast = -1
  const close = (): void => {
    if (runFirst < 0) return
    runs.push({
      start: words[runFirst].start,
      end: words[runLast].end,
      words: runLast - runFirst + 1
    })
    runFirst = -1
  }
  for (let start = 0; start + index.n <= words.length; start++) {
    const gram = words
      .slice(start, start + index.n)
      .map((item) => item.word)
      .join(' ')
    const [high, low] = fnv1a64(gram)
    if (!holds(index, high, low)) continue
    if (runFirst >= 0 && start > runLast + 1) close()
    if (runFirst < 0) runFirst = start
    runLast = start + index.n - 1
  }
  close()
  return runs
}

/// The index as bytes (see the file format above).
export function serialiseNgramIndex(index: NgramIndex): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + index.keys.length * 8)
  const view = new DataView(bytes.buffer)
  view.setUint32(0, NGRAM_MAGIC, true)
  view.setUint32(4, NGRAM_VERSION, true)
  view.setUint32(8, index.n, true)
  view.setUint32(12, index.texts, true)
  view.setBigUint64(16, BigInt(index.keys.length), true)
  if (LITTLE_ENDIAN) {
    bytes.set(new Uint8Array(index.keys.buffer, index.keys.byteOffset, index.keys.byteLength), 24)
  } else {
    index.keys.forEach((key, at) => view.setBigUint64(HEADER_BYTES + 8 * at, key, true))
  }
  return bytes
}

/// Reads an index written by `serialiseNgramIndex`; throws a RangeError that says what is wrong.
export function deserialiseNgramIndex(bytes: Uint8Array): NgramIndex {
  if (bytes.byteLength < HEADER_BYTES) {
    throw new RangeError('Not an n-gram index: the file is shorter than its header. Rebuild it.')
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0, true) !== NGRAM_MAGIC) {
    throw new RangeError('Not an n-gram index (wrong magic number). Rebuild it.')
  }
  const version = view.getUint32(4, true)
  if (version !== NGRAM_VERSION) {
    throw new RangeError(
      `The n-gram index has format version ${version}; this build reads ${NGRAM_VERSION}. Rebuild it.`
    )
  }
  const count = Number(view.getBigUint64(16, true))
  if (bytes.byteLength !== HEADER_BYTES + count * 8) {
    throw new RangeError(
      `The n-gram index is truncated or padded: ${count} keys need ${HEADER_BYTES + count * 8} bytes, the file has ${bytes.byteLength}. Rebuild it.`
    )
  }
  let keys: BigUint64Array
  if (LITTLE_ENDIAN) {
    // A copy: `bytes` may be a view into a larger (or unaligned) buffer, as Node's Buffers are.
    const copy = new Uint8Array(count * 8)
    copy.set(bytes.subarray(HEADER_BYTES))
    keys = new BigUint64Array(copy.buffer)
  } else {
    keys = new BigUint64Array(count)
    for (let at = 0; at < count; at++) keys[at] = view.getBigUint64(HEADER_BYTES + 8 * at, true)
  }
  return { n: view.getUint32(8, true), texts: view.getUint32(12, true), keys }
}
