import { EditorState, type ChangeSpec } from '@codemirror/state'
import { describe, expect, it } from 'vitest'
import { screenplayField } from '../../../../src/renderer/src/editor/screenplay-state'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'
import {
  readFixture,
  readSample,
  samplesFolder,
  samplesPresent
} from '../../shared/fountain/fixture-files'

// A small seeded generator so failures reproduce.
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 0x100000000
  }
}

const insertions = [
  'a',
  'B',
  '\n',
  '\n\n',
  ' ',
  'JOE',
  '(',
  ')',
  'INT. ',
  '@',
  '!',
  '>',
  '/*',
  '*/',
  '[[',
  ']]',
  '#',
  '=',
  '~',
  'TO:'
]

function randomEdit(doc: string, next: () => number): ChangeSpec {
  const from = Math.floor(next() * (doc.length + 1))
  const remove = next() < 0.4 ? Math.floor(next() * 12) : 0
  const to = Math.min(doc.length, from + remove)
  const insert = next() < 0.8 ? insertions[Math.floor(next() * insertions.length)] : ''
  return { from, to, insert }
}

describe('screenplayField', () => {
  it('always equals a full parse after random edits', () => {
    const base = ['title-page', 'dialogue', 'structure', 'transitions', 'action']
      .map((name) => readFixture(`${name}.fountain`))
      .join('\n')
    const next = random(20261125)
    let state = EditorState.create({ doc: base, extensions: screenplayField })
    for (let step = 0; step < 600; step++) {
      state = state.update({ changes: randomEdit(state.doc.toString(), next) }).state
      const expected = parseFountain(state.doc.toString())
      const actual = state.field(screenplayField)
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        expect(actual, `after edit ${step}`).toEqual(expected)
      }
    }
  })
})

describe.skipIf(!samplesPresent)('screenplayField on a feature-length script', () => {
  if (!samplesPresent) console.warn(`skipping the keystroke timing: ${samplesFolder} is absent`)

  it('re-parses a keystroke in a fraction of a full parse (prints the times)', () => {
    const source = readSample('big-fish.fountain')
    let state = EditorState.create({ doc: source, extensions: screenplayField })
    const position = Math.floor(source.length / 2)
    const insertAt = source.indexOf('\n\n', position) - 1
    const times: number[] = []
    for (let key = 0; key < 200; key++) {
      const start = performance.now()
      state = state.update({ changes: { from: insertAt + key, insert: 'x' } }).state
      state.field(screenplayField)
      times.push(performance.now() - start)
    }
    const warm = times.slice(50).sort((a, b) => a - b)
    const fullTimes: number[] = []
    for (let run = 0; run < 40; run++) {
      const start = performance.now()
      parseFountain(state.doc.toString())
      fullTimes.push(performance.now() - start)
    }
    fullTimes.sort((a, b) => a - b)
    const at = (sorted: number[], share: number): string =>
      sorted[Math.floor(sorted.length * share)].toFixed(3)
    console.log(
      `keystroke update on big-fish (${source.length} chars): median ${at(warm, 0.5)} ms, ` +
        `95th percentile ${at(warm, 0.95)} ms; full parse median ${at(fullTimes, 0.5)} ms`
    )
    expect(state.field(screenplayField)).toEqual(parseFountain(state.doc.toString()))
  })
})
