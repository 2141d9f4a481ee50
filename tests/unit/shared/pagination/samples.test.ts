// Page counts of the 10 Fountain samples in ../shared (read at run time, never copied).
// Needs the Fountain parser (src/shared/fountain/parse.ts, written on another branch): until it is
// merged this file skips with a printed reason.
//
// The ±1-page comparison with afterwriting's own engine is afterwriting-reference.test.ts; this
// file checks the break rules on every page and a second, independent plausibility bound:
// - big-fish.fountain: Highland / afterwriting print the Letter PDF at about 119–125 pages (the
//   figure given with the task for afterwriting-style rules: 55 lines, Courier 12, 1.5/1 in
//   margins). We accept 112–132 (±5% around that range) because the parsers may differ in small
//   ways (boneyard, notes, forced elements).
// - the other nine have no published page counts. Their reference is an independent estimate
//   computed below without the paginator: every printed element's rows at the format doc's
//   widths plus one blank row between elements, divided by 55, rounded up. Break rules can only
//   add space (moved headings, cues, dialogue tails, forced page breaks) and dual dialogue and
//   dropped blank rows at page tops save some, so the real count must lie between 85% of that
//   estimate and 15% + 1 page above it (plus one page per `===`).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  FOUNTAIN_SAMPLE_NAMES,
  fountainSamplesMissingReason,
  readFountainSample
} from '../../../support/fountain-samples'
import { describe, expect, it } from 'vitest'
import type { Screenplay } from '../../../../src/shared/fountain/elements'
import { LETTER, checkPagination, paginate, scriptLength } from '../../../../src/shared/pagination'

const PARSER = fileURLToPath(new URL('../../../../src/shared/fountain/', import.meta.url))
const parserFile = ['parse.ts', 'index.ts'].find((name) => existsSync(`${PARSER}${name}`))

const names = FOUNTAIN_SAMPLE_NAMES

const reason =
  fountainSamplesMissingReason !== null
    ? fountainSamplesMissingReason
    : !parserFile
      ? 'src/shared/fountain/parse.ts is not on this branch yet (the Fountain parser is merged later)'
      : null
if (reason) console.warn(`[pagination samples] skipped: ${reason}`)

// Independent row estimate: greedy word-wrap at the doc's widths, one blank row between elements.
function estimatePages(screenplay: Screenplay): number {
  const widths: Record<string, number> = {
    'scene-heading': 60,
    action: 60,
    character: 38,
    parenthetical: 26,
    dialogue: 35,
    lyrics: 35,
    transition: 60,
    centered: 60
  }
  let rows = 0
  let previous = ''
  for (const element of screenplay.elements) {
    const width = widths[element.type]
    if (!width) continue
    const inBlock = ['parenthetical', 'dialogue', 'lyrics'].includes(element.type)
    const followsCue = ['character', 'parenthetical', 'dialogue', 'lyrics'].includes(previous)
    if (rows > 0 && !(inBlock && followsCue)) rows += 1
    for (const hardLine of element.text.replace(/[*_]/g, '').split('\n')) {
      let length = 0
      let lineRows = 1
      for (const word of hardLine.split(/\s+/).filter(Boolean)) {
        if (length === 0) length = word.length
        else if (length + 1 + word.length <= width) length += 1 + word.length
        else {
          lineRows += 1
          length = word.length
        }
      }
      rows += lineRows
    }
    previous = element.type
  }
  return Math.max(1, Math.ceil(rows / LETTER.linesPerPage))
}

describe.skipIf(reason !== null)('page counts of the Fountain samples', () => {
  it('paginates every sample without breaking a rule, within the reference page counts', async () => {
    const specifier = `${PARSER}${parserFile}`
    const parser = (await import(/* @vite-ignore */ specifier)) as {
      parseFountain: (text: string) => Screenplay
    }
    const rows: string[] = []
    const checks: Array<() => void> = []
    for (const name of names) {
      const text = readFountainSample(name)
      const screenplay = parser.parseFountain(text)
      const started = performance.now()
      const pagination = paginate(screenplay, LETTER)
      const milliseconds = performance.now() - started
      const pages = pagination.pages.length
      const estimate = estimatePages(screenplay)
      const forcedBreaks = screenplay.elements.filter(
        (element) => element.type === 'page-break'
      ).length
      rows.push(
        `${name}: ${pages} pages (${scriptLength(pagination).label}), estimate ${estimate}, ` +
          `${milliseconds.toFixed(1)} ms`
      )
      checks.push(() => {
        expect(checkPagination(pagination.pages, LETTER.linesPerPage), name).toEqual([])
        if (name === 'big-fish') {
          expect(pages).toBeGreaterThanOrEqual(112)
          expect(pages).toBeLessThanOrEqual(132)
        } else {
          expect(pages, name).toBeGreaterThanOrEqual(Math.floor(estimate * 0.85))
          expect(pages, name).toBeLessThanOrEqual(Math.ceil(estimate * 1.15) + 1 + forcedBreaks)
        }
      })
    }
    console.log(`[pagination samples]\n  ${rows.join('\n  ')}`)
    for (const check of checks) check()
  })
})
