// Our page counts of the 10 Fountain samples against afterwriting's engine (aw-parser + aw-liner,
// see afterwriting-reference.ts), on US Letter (afterwriting's default) and A4. The issue asks for
// ±1 page. The samples are read from ../shared at run time, never copied into the repository.
import {
  FOUNTAIN_SAMPLE_NAMES,
  fountainSamplesMissingReason,
  readFountainSample
} from '../../../support/fountain-samples'
import { describe, expect, it } from 'vitest'
import { parseFountain } from '../../../../src/shared/fountain'
import { A4, LETTER, paginate } from '../../../../src/shared/pagination'
import { afterwritingPageCount } from './afterwriting-reference'

const names = FOUNTAIN_SAMPLE_NAMES

const reason = fountainSamplesMissingReason
if (reason) console.warn(`[afterwriting reference] skipped: ${reason}`)

describe.skipIf(reason !== null)('page counts against afterwriting', () => {
  for (const profile of [LETTER, A4]) {
    it(`every sample is within ±1 page of afterwriting on ${profile.name}`, () => {
      const rows: string[] = []
      const results: Array<{ name: string; ours: number; reference: number }> = []
      for (const name of names) {
        const text = readFountainSample(name)
        const ours = paginate(parseFountain(text), profile).pages.length
        const reference = afterwritingPageCount(text, profile.name)
        results.push({ name, ours, reference })
        rows.push(`${name.padEnd(26)} ours ${String(ours).padStart(4)}  afterwriting ${reference}`)
      }
      console.log(`[afterwriting reference, ${profile.name}]\n  ${rows.join('\n  ')}`)
      for (const { name, ours, reference } of results) {
        expect(
          Math.abs(ours - reference),
          `${name}: ours ${ours}, afterwriting ${reference}`
        ).toBeLessThanOrEqual(1)
      }
    })
  }

  it('the reference itself responds to the script: more text, more pages', () => {
    // Guards against a reference that returns a constant (e.g. a config the liner ignores).
    const scene = 'INT. KITCHEN - DAY\n\nShe waits by the window, counting the cars.\n\n'
    expect(afterwritingPageCount(scene, 'letter')).toBe(1)
    // 60 scenes of 4 rows (heading, blank, action, blank) = 240 rows: over 4 pages of 55.
    const long = scene.repeat(60)
    expect(afterwritingPageCount(long, 'letter')).toBeGreaterThan(4)
    expect(afterwritingPageCount(long, 'a4')).toBeLessThanOrEqual(
      afterwritingPageCount(long, 'letter')
    )
  })
})
