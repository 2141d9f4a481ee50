import { describe, expect, it } from 'vitest'
import type { Screenplay } from '../../../../src/shared/fountain/elements'
import {
  A4,
  LETTER,
  checkPagination,
  formatEighths,
  paginate,
  pageCount,
  pageOfElement,
  sceneLengths,
  scriptLength
} from '../../../../src/shared/pagination'
import {
  action,
  cue,
  heading,
  pageBreak,
  paren,
  screenplay,
  sentences,
  speech,
  transition
} from './screenplay-builder'

// Seeded random scripts with every kind of block, long speeches and long paragraphs included.
function randomScript(seed: number, scenes: number): Screenplay {
  let state = seed
  const next = (range: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state % range
  }
  const drafts = []
  for (let scene = 0; scene < scenes; scene += 1) {
    drafts.push(heading(`INT. ROOM ${scene} - DAY`))
    const blocks = 2 + next(8)
    for (let block = 0; block < blocks; block += 1) {
      const kind = next(10)
      if (kind < 4) drafts.push(action(sentences(1 + next(next(6) === 0 ? 30 : 5), next(1000))))
      else if (kind < 9) {
        drafts.push(cue(next(4) === 0 ? 'ANNA (O.S.)' : 'BEN', next(12) === 0))
        if (next(3) === 0) drafts.push(paren('(quietly)'))
        drafts.push(speech(sentences(1 + next(next(5) === 0 ? 40 : 4), next(1000))))
        if (next(4) === 0) {
          drafts.push(paren('(beat)'))
          drafts.push(speech(sentences(1 + next(6), next(1000))))
        }
      } else drafts.push(next(2) ? transition('CUT TO:') : pageBreak())
    }
  }
  return screenplay(drafts)
}

function printedWords(script: Screenplay, result: ReturnType<typeof paginate>): [string, string] {
  const printed = result.pages
    .flatMap((page) => page.lines.flatMap((line) => (line.right ? [line, line.right] : [line])))
    .filter((line) => !['blank', 'more', 'character'].includes(line.type))
    .map((line) => line.text)
    .join(' ')
  const source = script.elements
    .filter((element) => !['page-break', 'character'].includes(element.type))
    .map((element) => element.text)
    .join(' ')
  const words = (text: string): string => text.split(/\s+/).filter(Boolean).sort().join(' ')
  return [words(printed), words(source)]
}

describe('pagination on random scripts', () => {
  it('keeps every word, fills no page beyond its length and breaks no rule', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const script = randomScript(seed, 20)
      for (const profile of [LETTER, A4]) {
        const result = paginate(script, profile)
        expect(checkPagination(result.pages, profile.linesPerPage), `seed ${seed}`).toEqual([])
        const [printed, source] = printedWords(script, result)
        expect(printed).toBe(source)
      }
    }
  })

  it('paginates a 120-page script quickly (time printed, not asserted)', () => {
    const script = randomScript(7, 300)
    const started = performance.now()
    const result = paginate(script)
    const elapsed = performance.now() - started
    console.log(
      `[pagination] ${script.elements.length} elements → ${result.pages.length} pages in ${elapsed.toFixed(1)} ms`
    )
    expect(result.pages.length).toBeGreaterThan(100)
  })
})

describe('timing in pages and eighths', () => {
  it('formats eighths like Final Draft', () => {
    expect(formatEighths(20)).toBe('2 4/8')
    expect(formatEighths(3)).toBe('3/8')
    expect(formatEighths(16)).toBe('2')
    expect(formatEighths(0)).toBe('0')
  })

  it('measures the script and each scene', () => {
    // Scene 1: heading + blank + 26 one-row paragraphs with blanks = 53 rows; scene 2 starts on page 2.
    const filler = Array.from({ length: 26 }, (_, index) => action(`Beat ${index}.`))
    const result = paginate(
      screenplay([heading('INT. A - DAY'), ...filler, heading('INT. B - DAY'), action('Short.')])
    )
    expect(result.pages).toHaveLength(2)
    const scenes = sceneLengths(result)
    expect(scenes.map((scene) => scene.page)).toEqual([1, 2])
    expect(scenes[0].rows).toBe(53)
    expect(scenes[0].eighths).toBe(Math.round((53 * 8) / 55))
    expect(scenes[1]).toMatchObject({ rows: 3, eighths: 1, label: '1/8' })
    expect(scriptLength(result)).toEqual({ eighths: 9, label: '1 1/8' })
    expect(pageCount(screenplay([heading('INT. A - DAY'), ...filler, ...filler]))).toBe(2)
    expect(pageOfElement(result, 0)).toBe(1)
    expect(pageOfElement(result, 27)).toBe(2) // the second heading
    expect(pageOfElement(result, 28)).toBe(2)
  })
})
