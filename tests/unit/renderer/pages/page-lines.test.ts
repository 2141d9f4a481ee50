import { describe, expect, it } from 'vitest'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'
import { paginate } from '../../../../src/shared/pagination/paginate'
import { A4, LETTER } from '../../../../src/shared/pagination/profile'
import { placePage, sheetsOf } from '../../../../src/renderer/src/pages/page-lines'

const speech = 'Words and more words, on and on, until the page runs out of room. '.repeat(30)
const script = `Title: Sheets
Author: Script Buddy Tests

INT. ATTIC - NIGHT #4#

Dust everywhere.

NORA
(whispering)
${speech}

BEN
Left side.

ANNA ^
Right side.

CUT TO:
`

describe('sheetsOf', () => {
  const pagination = paginate(parseFountain(script), LETTER)
  const sheets = sheetsOf(pagination)

  it('puts the title page first, then one sheet per page', () => {
    expect(sheets.map((sheet) => sheet.number)).toEqual([
      0,
      ...pagination.pages.map((page) => page.number)
    ])
    expect(sheets[0].name).toBe('Title page')
    expect(sheets[0].texts.map((text) => text.text)).toContain('Sheets')
    expect(sheets[1].name).toBe('Page 1')
    expect(pagination.pages.length).toBeGreaterThan(1)
  })

  it('places rows at the column indents: 1.5 in action, 3.7 in cue, 2.5 in dialogue', () => {
    const page1 = sheets[1].texts
    const first = (kind: string) => page1.find((text) => text.kind === kind)!
    expect(first('scene-heading')).toMatchObject({ text: 'INT. ATTIC - NIGHT', x: 1.5, y: 1 })
    expect(first('action').x).toBeCloseTo(1.5)
    expect(first('character').x).toBeCloseTo(3.7)
    expect(first('parenthetical').x).toBeCloseTo(3.1)
    expect(first('dialogue').x).toBeCloseTo(2.5)
    // Rows are 1/6 in apart: the action sits two rows under the heading (one blank between).
    expect(first('action').y).toBeCloseTo(1 + 2 / 6)
  })

  it('prints the page number top right from page 2, and none on page 1', () => {
    expect(sheets[1].texts.some((text) => text.kind === 'page-number')).toBe(false)
    const number = sheets[2].texts.find((text) => text.kind === 'page-number')!
    expect(number.text).toBe('2.')
    expect(number.y).toBe(0.5)
    // Flush to the right margin (7.5 in): two characters of 0.1 in end there.
    expect(number.x + 0.2).toBeCloseTo(7.5)
  })

  it("shows (MORE) at the cue indent and the CONT'D cue where the speech breaks", () => {
    const more = sheets[1].texts.find((text) => text.kind === 'more')!
    expect(more).toMatchObject({ text: '(MORE)' })
    expect(more.x).toBeCloseTo(3.7)
    const contd = sheets[2].texts.find((text) => text.kind === 'character')!
    expect(contd.text).toBe("NORA (CONT'D)")
  })

  it('prints scene numbers in both margins and dual dialogue side by side', () => {
    const numbers = sheets[1].texts.filter((text) => text.kind === 'scene-number')
    expect(numbers.map((text) => text.text)).toEqual(['4', '4'])
    expect(numbers[0].x).toBeLessThan(1.5)
    expect(numbers[1].x).toBeGreaterThan(7.5)
    const all = sheets.flatMap((sheet) => sheet.texts)
    const ben = all.find((text) => text.text === 'BEN')!
    const anna = all.find((text) => text.text === 'ANNA')!
    expect(anna.y).toBe(ben.y)
    expect(anna.x).toBeGreaterThan(ben.x)
  })

  it('uses the profile: A4 pages are taller and hold more rows', () => {
    const a4 = paginate(parseFountain(script), A4)
    const rows = placePage(a4.pages[0], A4).filter((text) => text.kind !== 'page-number')
    const lastY = Math.max(...rows.map((text) => text.y))
    expect(lastY).toBeLessThanOrEqual(A4.marginTop + (A4.linesPerPage - 1) / 6 + 1e-9)
  })

  it('has no title sheet without title page entries', () => {
    const plain = sheetsOf(paginate(parseFountain('INT. A - DAY\n\nB.\n'), LETTER))
    expect(plain.map((sheet) => sheet.name)).toEqual(['Page 1'])
  })
})
