// Corpus-wide check of the IMSDb reader on the 40 validation scripts (read at run time from
// ../shared, never copied). Skips when ../shared is absent.
import { describe, expect, it } from 'vitest'
import { imsdbToScreenplay } from '../../../../src/shared/formats/imsdb'
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
    const started = performance.now()
    for await (const script of readCorpus({ split: 'validation' })) {
      scripts += 1
      const starts = new Set(
        imsdbToScreenplay(script.text)
          .elements.filter((element) => element.type === 'character')
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
  }, 60_000)
})
