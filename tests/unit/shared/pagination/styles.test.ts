import { describe, expect, it } from 'vitest'
import { paginate } from '../../../../src/shared/pagination'
import { action, cue, screenplay, speech } from './screenplay-builder'

describe('emphasis on laid-out rows', () => {
  it('marks bold, italic and underlined stretches at their printed offsets', () => {
    const result = paginate(
      screenplay([action('He *runs*  to the **big** _red_ door [[fix]] now.')])
    )
    const line = result.pages[0].lines[0]
    expect(line.text).toBe('He runs to the big red door now.')
    expect(line.styles).toEqual([
      { from: 3, to: 7, italic: true },
      { from: 15, to: 18, bold: true },
      { from: 19, to: 22, underline: true }
    ])
  })

  it('follows a style across wrapped rows and across a dialogue page break', () => {
    const words = Array.from({ length: 90 }, (_, index) => `w${index}.`).join(' ')
    const filler = Array.from({ length: 24 }, (_, index) => action(`Beat ${index}.`))
    const result = paginate(screenplay([...filler, cue('ANNA'), speech(`**${words}**`)]))
    const speechRows = result.pages
      .flatMap((page) => page.lines)
      .filter((line) => line.type === 'dialogue')
    expect(speechRows.length).toBeGreaterThan(3)
    expect(result.pages[0].lines.at(-1)!.more).toBe(true)
    for (const row of speechRows) {
      expect(row.styles).toEqual([{ from: 0, to: row.text.length, bold: true }])
    }
    const plain = paginate(screenplay([action('No markup here.')]))
    expect(plain.pages[0].lines[0].styles).toBeUndefined()
  })
})
