import { describe, expect, it } from 'vitest'
import {
  A4,
  checkPagination,
  paginate,
  type LaidOutLine,
  type Page
} from '../../../../src/shared/pagination'
import {
  action,
  centered,
  cue,
  heading,
  pageBreak,
  paren,
  screenplay,
  sentences,
  speech,
  transition
} from './screenplay-builder'

const oneLine = (index: number): ReturnType<typeof action> => action(`Beat ${index}.`)
// `count` one-row action paragraphs take 2 * count - 1 rows (a blank row between them).
const filler = (count: number): ReturnType<typeof action>[] =>
  Array.from({ length: count }, (_, index) => oneLine(index))
const content = (page: Page): LaidOutLine[] => page.lines.filter((line) => line.type !== 'blank')

describe('element layout (format doc §4.2)', () => {
  const pages = paginate(
    screenplay([
      heading('INT. KITCHEN - NIGHT'),
      action(sentences(4, 3)),
      cue('MARGARET (V.O.)'),
      paren('(whispering to nobody in particular, then louder)'),
      speech(sentences(5, 9)),
      transition('CUT TO:'),
      centered('THE END')
    ])
  ).pages
  const lines = pages[0].lines

  it('wraps each element within its column', () => {
    const widths = { action: 60, dialogue: 35, parenthetical: 26, 'scene-heading': 60 }
    for (const line of lines) {
      const width = widths[line.type as keyof typeof widths]
      if (width) expect(line.text.length, line.text).toBeLessThanOrEqual(width)
    }
    expect(lines.filter((line) => line.type === 'action').length).toBeGreaterThan(1)
    expect(lines.filter((line) => line.type === 'dialogue').length).toBeGreaterThan(2)
    expect(lines.filter((line) => line.type === 'parenthetical').length).toBe(2)
  })

  it('puts each element at its indent: cue 22, parenthetical 16, dialogue 10, transition flush right', () => {
    const indentOf = (type: string): number[] => [
      ...new Set(lines.filter((line) => line.type === type).map((line) => line.indent))
    ]
    expect(indentOf('scene-heading')).toEqual([0])
    expect(indentOf('action')).toEqual([0])
    expect(indentOf('character')).toEqual([22])
    expect(indentOf('parenthetical')).toEqual([16])
    expect(indentOf('dialogue')).toEqual([10])
    const cut = lines.find((line) => line.type === 'transition')!
    expect(cut.indent + cut.text.length).toBe(60)
    const end = lines.find((line) => line.type === 'centered')!
    expect(end.indent).toBe(Math.floor((60 - 'THE END'.length) / 2))
  })

  it('puts one blank row between elements and none inside a dialogue block', () => {
    const types = lines.map((line) => line.type)
    const compact = types.filter((type, index) => type !== types[index - 1])
    expect(compact).toEqual([
      'scene-heading',
      'blank',
      'action',
      'blank',
      'character',
      'parenthetical',
      'dialogue',
      'blank',
      'transition',
      'blank',
      'centered'
    ])
  })
})

describe('page length', () => {
  it('fills exactly 55 rows on Letter and 57 on A4', () => {
    expect(paginate(screenplay(filler(28))).pages).toHaveLength(1)
    expect(paginate(screenplay(filler(29))).pages).toHaveLength(2)
    expect(paginate(screenplay(filler(28))).pages[0].lines).toHaveLength(55)
    expect(paginate(screenplay(filler(29)), A4).pages).toHaveLength(1)
    expect(paginate(screenplay(filler(30)), A4).pages).toHaveLength(2)
  })

  it('numbers pages from page 2 as "N." and drops blank rows at the top of a page', () => {
    const result = paginate(screenplay(filler(80)))
    expect(result.pages.map((page) => page.label)).toEqual([null, '2.', '3.'])
    for (const page of result.pages) expect(page.lines[0].type).not.toBe('blank')
  })

  it('prints no sections, synopses, notes or boneyard', () => {
    const hidden = ['section', 'synopsis', 'note', 'boneyard'].map((type) => ({
      type,
      text: 'HIDDEN'
    }))
    const result = paginate(screenplay([oneLine(1), ...(hidden as never[]), oneLine(2)]))
    expect(result.pages[0].lines.map((line) => line.text)).toEqual(['Beat 1.', '', 'Beat 2.'])
  })

  it('starts a new page at a forced page break', () => {
    const result = paginate(screenplay([oneLine(1), pageBreak(), oneLine(2), pageBreak()]))
    expect(result.pages).toHaveLength(2)
    expect(result.pages[0].forcedBreak).toBe(true)
    expect(result.pages[1].lines.map((line) => line.text)).toEqual(['Beat 2.'])
  })

  it('lays the title page out on its own, unnumbered', () => {
    const result = paginate(
      screenplay(
        [oneLine(1)],
        [
          ['Title', ['THE LONG NIGHT']],
          ['Credit', ['written by']],
          ['Author', ['Ann Example']],
          ['Draft date', ['1 May 2026']],
          ['Notes', ['First draft']]
        ]
      )
    )
    const title = result.titlePage!
    expect(result.pages).toHaveLength(1)
    expect(result.pages[0].label).toBeNull()
    const titleLine = title.find((line) => line.text === 'THE LONG NIGHT')!
    expect(titleLine.row).toBe(15) // 3.5 in from the top edge, 1 in top margin, 6 rows per inch
    expect(titleLine.indent).toBe(Math.floor((60 - 14) / 2))
    const date = title.find((line) => line.text === '1 May 2026')!
    expect(date.indent + date.text.length).toBe(60)
    expect(date.row).toBe(54)
    expect(title.find((line) => line.text === 'First draft')!.indent).toBe(0)
    expect(paginate(screenplay([oneLine(1)])).titlePage).toBeNull()
  })
})

describe('break rules (format doc §4.4–4.5)', () => {
  it('never ends a page on a scene heading: the heading moves with its action', () => {
    // 27 one-row paragraphs fill rows 0–52; the heading would sit on row 54.
    const result = paginate(
      screenplay([...filler(27), heading('INT. ATTIC - DAY'), action(sentences(1))])
    )
    expect(content(result.pages[0]).at(-1)!.type).toBe('action')
    expect(result.pages[1].lines[0].text).toBe('INT. ATTIC - DAY')
    expect(checkPagination(result.pages, 55)).toEqual([])
  })

  // 26 one-row paragraphs use 51 rows: 3 rows remain after the blank row, too few for a cue, two
  // speech rows and (MORE).
  it('never leaves a cue alone, or a cue with only its parenthetical, at the bottom', () => {
    for (const extra of [[], [paren('(beat)')]]) {
      const result = paginate(
        screenplay([...filler(26), cue('JOHN'), ...extra, speech(sentences(4, 7))])
      )
      const last = content(result.pages[0]).at(-1)!
      expect(last.type).toBe('action')
      expect(result.pages[1].lines[0].text).toBe('JOHN')
      expect(checkPagination(result.pages, 55)).toEqual([])
    }
  })

  it("splits dialogue at a sentence end with (MORE) and a (CONT'D) cue, merging extensions", () => {
    const result = paginate(screenplay([...filler(20), cue('JOHN (V.O.)'), speech(sentences(30))]))
    const first = result.pages[0].lines
    const more = first.at(-1)!
    expect(more).toMatchObject({ text: '(MORE)', type: 'more', indent: 22, more: true })
    expect(first.at(-2)!.text).toMatch(/\.$/)
    expect(first.filter((line) => line.type === 'dialogue').length).toBeGreaterThanOrEqual(2)
    expect(first.length).toBeLessThanOrEqual(55)
    const top = result.pages[1].lines[0]
    expect(top).toMatchObject({ text: "JOHN (V.O.; CONT'D)", type: 'character', contd: true })
    expect(result.pages[1].lines[1].type).toBe('dialogue')
    expect(checkPagination(result.pages, 55)).toEqual([])
    // No words lost or repeated across the break.
    const words = [...first, ...result.pages[1].lines]
      .filter((line) => line.type === 'dialogue')
      .map((line) => line.text)
      .join(' ')
    expect(words).toBe(sentences(30))
  })

  it('does not split dialogue without a sentence end: the block moves whole', () => {
    const longSentence = `${'word '.repeat(60).trim()}.`
    const result = paginate(screenplay([...filler(24), cue('ANNA'), speech(longSentence)]))
    expect(result.pages[0].lines.some((line) => line.more)).toBe(false)
    expect(result.pages[1].lines[0].text).toBe('ANNA')
  })

  it('breaks before a parenthetical, never right after one', () => {
    const block = [
      cue('ANNA'),
      speech('I waited for you all night by the door, and you never came home.'),
      paren('(turning away)'),
      speech(`${'nothing '.repeat(30).trim()}.`)
    ]
    // 24 filler paragraphs use 47 rows; 8 rows remain after the blank row.
    const result = paginate(screenplay([...filler(24), ...block]))
    const first = result.pages[0].lines
    expect(first.at(-1)!.more).toBe(true)
    expect(first.at(-2)!.type).toBe('dialogue')
    expect(result.pages[1].lines[1].type).toBe('parenthetical')
    expect(checkPagination(result.pages, 55)).toEqual([])
  })

  it('splits action only at a sentence end with at least two rows on each page', () => {
    const long = action(sentences(12, 5))
    const result = paginate(screenplay([...filler(24), long]))
    const head = result.pages[0].lines.filter(
      (line) => line.type === 'action' && !/^Beat/.test(line.text)
    )
    const tail = result.pages[1].lines
    expect(head.length).toBeGreaterThanOrEqual(2)
    expect(head.at(-1)!.text).toMatch(/\.$/)
    expect(tail.length).toBeGreaterThanOrEqual(2)
    // A one-sentence paragraph moves whole.
    const single = paginate(screenplay([...filler(24), action(`${'still '.repeat(120).trim()}.`)]))
    expect(single.pages[1].lines[0].text.startsWith('still')).toBe(true)
    expect(single.pages[0].lines.at(-1)!.text).toBe('Beat 23.')
  })

  it('never starts a page with a transition: the element before it moves along', () => {
    const result = paginate(screenplay([...filler(27), oneLine(99), transition('CUT TO:')]))
    expect(result.pages[1].lines[0].text).toBe('Beat 99.')
    expect(result.pages[1].lines[2].type).toBe('transition')
    expect(checkPagination(result.pages, 55)).toEqual([])
  })

  it('lays out dual dialogue side by side within the page width', () => {
    const result = paginate(
      screenplay([
        cue('BRICK'),
        speech(sentences(3, 1)),
        cue('STEEL', true),
        paren('(at the same time)'),
        speech(sentences(2, 2))
      ])
    )
    const rows = result.pages[0].lines
    expect(rows[0].text).toBe('BRICK')
    expect(rows[0].right!.text).toBe('STEEL')
    expect(rows[0].right!.indent).toBeGreaterThanOrEqual(30)
    for (const row of rows) {
      expect(row.indent + row.text.length).toBeLessThanOrEqual(30)
      if (row.right) expect(row.right.indent + row.right.text.length).toBeLessThanOrEqual(60)
    }
    expect(rows.some((row) => row.right?.type === 'parenthetical')).toBe(true)
  })
})

describe('checkPagination finds violations', () => {
  const line = (
    type: LaidOutLine['type'],
    text: string,
    extra: Partial<LaidOutLine> = {}
  ): LaidOutLine => ({
    text,
    type,
    indent: 0,
    elementIndex: 0,
    ...extra
  })
  const page = (number: number, lines: LaidOutLine[]): Page => ({
    number,
    label: number === 1 ? null : `${number}.`,
    lines,
    forcedBreak: false
  })
  const kinds = (pages: Page[]): string[] => checkPagination(pages, 55).map((found) => found.kind)

  it('reports each broken rule', () => {
    const tail = page(2, [line('action', 'Next.')])
    expect(kinds([page(1, [line('scene-heading', 'INT. X - DAY')]), tail])).toEqual([
      'ends-on-heading'
    ])
    expect(kinds([page(1, [line('character', 'JOHN')]), tail])).toEqual(['ends-on-cue'])
    expect(
      kinds([page(1, [line('character', 'JOHN'), line('parenthetical', '(beat)')]), tail])
    ).toEqual(['ends-on-cue'])
    expect(
      kinds([
        page(1, [line('character', 'JOHN'), line('dialogue', 'One.'), line('dialogue', 'Two.')]),
        page(2, [line('dialogue', 'Three.')])
      ])
    ).toEqual(['split-without-more'])
    expect(
      kinds([
        page(1, [
          line('character', 'JOHN'),
          line('dialogue', 'One.'),
          line('dialogue', 'Two.'),
          line('more', '(MORE)')
        ]),
        page(2, [line('dialogue', 'Three.')])
      ])
    ).toEqual(['more-without-contd'])
    expect(
      kinds([
        page(
          1,
          Array.from({ length: 56 }, () => line('action', 'x'))
        )
      ])
    ).toEqual(['over-full'])
    expect(
      kinds([page(1, [line('action', 'x')]), page(2, [line('transition', 'CUT TO:')])])
    ).toEqual(['starts-with-transition'])
  })
})
