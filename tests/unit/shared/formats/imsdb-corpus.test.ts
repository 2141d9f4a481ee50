// Corpus-wide check of the IMSDb reader on the 40 validation scripts (read at run time from
// ../shared, never copied). Skips when ../shared is absent.
import { describe, expect, it } from 'vitest'
import { imsdbToScreenplay } from '../../../../src/shared/formats/imsdb'
import { screenplayToModelText } from '../../../../src/shared/formats/model-text'
import { corpusAvailable, readCorpus } from '../../../../training/data/corpus'
import { referenceCues } from './reference-cues'

const available = corpusAvailable()
if (!available) {
  console.warn('[imsdb-corpus] skipped: ../shared/data/screenplays/scripts.jsonl.gz is absent')
}

describe.skipIf(!available)('IMSDb reader on the validation split', () => {
  it('recognises at least 95% of the reference character cues as character elements', async () => {
    let reference = 0
    let recognised = 0
    let scripts = 0
    let words = 0
    const started = performance.now()
    for await (const script of readCorpus({ split: 'validation' })) {
      scripts += 1
      const screenplay = imsdbToScreenplay(script.text)
      words += screenplayToModelText(screenplay).split(/\s+/).filter(Boolean).length
      const starts = new Set(
        screenplay.elements
          .filter((element) => element.type === 'character')
          .map((element) => element.from)
      )
      const cues = referenceCues(script.text)
      reference += cues.length
      recognised += cues.filter((cue) => starts.has(cue.offset)).length
    }
    const share = recognised / reference
    console.log(
      `[imsdb-corpus] ${scripts} scripts: ${recognised}/${reference} reference cues recognised ` +
        `(${(share * 100).toFixed(2)}%) in ${((performance.now() - started) / 1000).toFixed(1)} s`
    )
    expect(scripts).toBe(40)
    expect(reference).toBeGreaterThan(10_000)
    expect(share).toBeGreaterThanOrEqual(0.95)
    // The model README reports 948,562 whitespace-separated words for the validation scripts in
    // its converted text; page furniture dropped by both converters makes the figures comparable.
    console.log(`[imsdb-corpus] model text: ${words} words (model README: 948,562)`)
    expect(Math.abs(words / 948_562 - 1)).toBeLessThan(0.01)
  }, 60_000)
})
