import { describe, expect, it } from 'vitest'
import {
  buildNgramIndex,
  deserialiseNgramIndex,
  findCopiedRuns,
  fnv1a64,
  NGRAM_MAGIC,
  serialiseNgramIndex,
  wordsOf
} from '../../../../src/shared/ai/provenance'

// Reference FNV-1a 64 over UTF-8 with BigInt, to check the 32-bit-halves arithmetic.
function referenceFnv(text: string): bigint {
  let hash = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte)
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return hash
}
const asBig = ([high, low]: [number, number]): bigint => (BigInt(high) << 32n) | BigInt(low)

// Invented training texts.
const training = [
  'The keeper climbs the spiral stairs every night at nine and lights the great lamp for the ships ' +
    'that pass the reef below the tower.',
  'Marta counts the gulls on the pier while the ferry horn sounds twice across the grey harbour ' +
    'and nobody answers the bell.'
]
const index = buildNgramIndex(training)

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    expect(asBig(fnv1a64(''))).toBe(0xcbf29ce484222325n)
    expect(asBig(fnv1a64('a'))).toBe(0xaf63dc4c8601ec8cn)
    expect(asBig(fnv1a64('foobar'))).toBe(0x85944171f73967e8n)
  })

  it('matches a BigInt reference on long and non-ASCII text', () => {
    for (const text of [
      'the keeper climbs the spiral stairs',
      'café naïve — 東京 🎬 ok',
      'x'.repeat(300)
    ]) {
      expect(asBig(fnv1a64(text))).toBe(referenceFnv(text))
    }
  })
})

describe('wordsOf', () => {
  it("lowercases words, keeps inner apostrophes, reads ’ as ' and skips punctuation", () => {
    expect(wordsOf("Don’t -- STOP, it's 9 o'clock!").map((item) => item.word)).toEqual([
      "don't",
      'stop',
      "it's",
      '9',
      "o'clock"
    ])
  })
})

describe('findCopiedRuns', () => {
  it('flags a run of 12 or more words found in the index, with its offsets and length', () => {
    const copied = 'climbs the spiral stairs every night at nine and lights the great lamp'
    const suggestion = `She waits. Then she ${copied}, slowly.`
    const runs = findCopiedRuns(suggestion, index)
    expect(runs).toEqual([
      { start: suggestion.indexOf('climbs'), end: suggestion.indexOf(', slowly'), words: 13 }
    ])
  })

  it('ignores case, punctuation and line breaks', () => {
    const suggestion = 'MARTA COUNTS THE GULLS... on the pier,\nwhile the ferry horn sounds twice!'
    expect(findCopiedRuns(suggestion, index)).toHaveLength(1)
    expect(findCopiedRuns(suggestion, index)[0].words).toBe(13)
  })

  it('does not flag 11 copied words, nor 12 words spliced from two texts', () => {
    expect(
      findCopiedRuns('the keeper climbs the spiral stairs every night at nine and', index)
    ).toEqual([])
    expect(
      findCopiedRuns(
        'the ships that pass the reef below the tower and nobody answers the bell',
        index
      )
    ).toEqual([])
  })

  it('reports two separate runs separately', () => {
    const first = 'the keeper climbs the spiral stairs every night at nine and lights the'
    const second = 'the ferry horn sounds twice across the grey harbour and nobody answers'
    const runs = findCopiedRuns(`${first} -- something new happens here -- ${second}`, index)
    expect(runs.map((run) => run.words)).toEqual([13, 12])
  })

  it('finds nothing in an empty index or a short text', () => {
    expect(findCopiedRuns(training[0], buildNgramIndex([]))).toEqual([])
    expect(findCopiedRuns('too short', index)).toEqual([])
  })
})

describe('index building and the file format', () => {
  it('stores sorted unique keys: one per distinct 12-gram', () => {
    const words = wordsOf(training[0]).length + wordsOf(training[1]).length
    expect(index.keys.length).toBe(words - 2 * 11)
    const doubled = buildNgramIndex([...training, training[0]])
    expect(doubled.keys.length).toBe(index.keys.length)
    expect(doubled.texts).toBe(3)
    for (let at = 1; at < index.keys.length; at++) {
      expect(index.keys[at] > index.keys[at - 1]).toBe(true)
    }
  })

  it('round-trips through bytes, also from a view into a larger buffer', () => {
    const bytes = serialiseNgramIndex(index)
    expect(new DataView(bytes.buffer).getUint32(0, true)).toBe(NGRAM_MAGIC)
    expect(bytes.byteLength).toBe(24 + 8 * index.keys.length)
    const padded = new Uint8Array(bytes.byteLength + 13)
    padded.set(bytes, 5)
    for (const view of [bytes, padded.subarray(5, 5 + bytes.byteLength)]) {
      const back = deserialiseNgramIndex(view)
      expect(back.n).toBe(12)
      expect(back.texts).toBe(2)
      expect([...back.keys]).toEqual([...index.keys])
    }
  })

  it('refuses a wrong magic number, another version and a truncated file', () => {
    const bytes = serialiseNgramIndex(index)
    const wrongMagic = bytes.slice()
    wrongMagic[0] ^= 1
    expect(() => deserialiseNgramIndex(wrongMagic)).toThrow(/magic/)
    const otherVersion = bytes.slice()
    new DataView(otherVersion.buffer).setUint32(4, 2, true)
    expect(() => deserialiseNgramIndex(otherVersion)).toThrow(/version 2/)
    expect(() => deserialiseNgramIndex(bytes.slice(0, bytes.length - 8))).toThrow(/truncated/)
    expect(() => deserialiseNgramIndex(bytes.slice(0, 10))).toThrow(/header/)
  })
})
