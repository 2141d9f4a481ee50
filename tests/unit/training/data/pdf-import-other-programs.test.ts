// PDFs laid out the way other screenwriting programs print them, drawn here with pdfkit (the text
// is invented): a Final Draft–style Letter script with scene numbers in both margins, CONTINUED:
// headers, (CONTINUED) footers, (MORE) and automatic (CONT'D), "2." page numbers, a title page; and
// a Highland / Fade In–style A4 script in an embedded Courier Prime with curly apostrophes, bold
// headings and flush-right transitions. The import must give the same elements from both, with
// the page furniture gone.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { unwrap } from '../../../../src/shared/result'
import { importScriptFile } from '../../../../training/data/import-script-file'
import { elementSummary, writePdf } from './pdf-fixtures'

const folder = mkdtempSync(join(tmpdir(), 'script-buddy-pdf-programs-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const POINTS = 72
const LINE = 12

/// A printed line's kind decides its column; `number` is a scene number (headings, CONTINUED:).
type Kind =
  | 'heading'
  | 'action'
  | 'cue'
  | 'parenthetical'
  | 'dialogue'
  | 'transition'
  /// (MORE) under a speech broken by the page
  | 'more'
  /// CONTINUED: at the top of a page whose scene began on an earlier one
  | 'continued'
  /// (CONTINUED) at the foot of a page whose scene goes on
  | 'continues'
type Line = { kind: Kind; text: string; number?: string } | null

const line = (kind: Kind, text = '', number?: string): Line => ({ kind, text, number })

// The title page: rows from the top margin, centred or at the left or right margin.
const TITLE_PAGE: [row: number, align: 'center' | 'left' | 'right', text: string][] = [
  [18, 'center', 'THE KEEPER OF THE POINT'],
  [21, 'center', 'Written by'],
  [23, 'center', 'Ada Marsh'],
  [46, 'right', 'First draft, March 2026'],
  [47, 'left', '12 Harbour Row'],
  [48, 'left', 'Gull Haven']
]

// Two pages of script; a speech breaks across the page, and NORA speaks again after action.
const PAGES: Line[][] = [
  [
    line('heading', 'INT. BOATHOUSE - NIGHT', '1'),
    null,
    line('action', 'Rain drums on the tin roof. NORA (60s), in an oilskin'),
    line('action', 'coat, bails out a dinghy with a saucepan.'),
    null,
    line('cue', 'NORA'),
    line('parenthetical', '(without looking up)'),
    line('dialogue', "If you've come about the boat, it"),
    line('dialogue', "isn't for sale."),
    null,
    line('action', 'BEN (30s) shakes the water off his hat in the doorway.'),
    null,
    line('cue', 'BEN'),
    line('dialogue', 'I came about the light on the point.'),
    line('dialogue', 'Somebody has been keeping it lit.'),
    null,
    line('cue', 'NORA'),
    line('dialogue', 'Somebody has. Forty years this'),
    line('dialogue', 'winter, and not once did the'),
    line('more', '(MORE)'),
    null,
    line('continues', '(CONTINUED)')
  ],
  [
    line('continued', 'CONTINUED:', '1'),
    null,
    line('cue', "NORA (CONT'D)"),
    line('dialogue', 'council send so much as a postcard.'),
    null,
    line('action', 'She drops the saucepan. It rings on the hull.'),
    null,
    line('cue', "NORA (CONT'D)"),
    line('parenthetical', '(quietly)'),
    line('dialogue', 'Go home, Mr. Hale.'),
    null,
    line('transition', 'CUT TO:'),
    null,
    line('heading', 'EXT. JETTY - CONTINUOUS', '2'),
    null,
    line('action', 'Ben walks the planks back to his car. Behind him the'),
    line('action', 'lamp on the point turns once, and goes dark.'),
    null,
    line('cue', 'BEN (V.O.)'),
    line('dialogue', 'She knew my name.'),
    null,
    line('transition', 'FADE OUT.')
  ]
]

const EXPECTED = [
  'scene-heading: INT. BOATHOUSE - NIGHT',
  'action: Rain drums on the tin roof. NORA (60s), in an oilskin coat, bails out a dinghy with a saucepan.',
  'character: NORA',
  'parenthetical: (without looking up)',
  "dialogue: If you've come about the boat, it isn't for sale.",
  'action: BEN (30s) shakes the water off his hat in the doorway.',
  'character: BEN',
  'dialogue: I came about the light on the point. Somebody has been keeping it lit.',
  'character: NORA',
  'dialogue: Somebody has. Forty years this winter, and not once did the council send so much as a postcard.',
  'action: She drops the saucepan. It rings on the hull.',
  'character: NORA',
  'parenthetical: (quietly)',
  'dialogue: Go home, Mr. Hale.',
  'transition: CUT TO:',
  'scene-heading: EXT. JETTY - CONTINUOUS',
  'action: Ben walks the planks back to his car. Behind him the lamp on the point turns once, and goes dark.',
  'character: BEN (V.O.)',
  'dialogue: She knew my name.',
  'transition: FADE OUT.'
]

/// How a program prints: paper, fonts, columns (inches from the page's left edge) and furniture.
interface Program {
  size: [number, number]
  fonts: { regular: string; bold: string }
  columns: Record<'action' | 'dialogue' | 'parenthetical' | 'cue', number>
  /// Transitions start at this column, or end at the right margin ('right').
  transition: number | 'right'
  rightMargin: number
  top: number
  pageNumberTop: number
  /// `2.` or `2`, top right from the second page of script.
  pageNumber: (page: number) => string
  /// Pages printed from the middle of a script: the first page's number (printed, unlike page 1's),
  /// and no title page.
  firstPage?: number
  /// Scene numbers left and right of headings and CONTINUED: lines; none when absent.
  sceneNumbers?: { left: number; right: number }
  /// CONTINUED: / (CONTINUED) lines are printed.
  continueds: boolean
  boldHeadings: boolean
  apostrophe: string
}

async function printScript(path: string, program: Program): Promise<void> {
  await writePdf(path, { size: program.size, margin: 0 }, (document) => {
    if (program.fonts.regular === 'CourierPrime') {
      const fonts = fileURLToPath(
        new URL('../../../../node_modules/@fontsource/courier-prime/files/', import.meta.url)
      )
      document.registerFont('CourierPrime', join(fonts, 'courier-prime-latin-400-normal.woff'))
      document.registerFont('CourierPrime-Bold', join(fonts, 'courier-prime-latin-700-normal.woff'))
    }
    document.font(program.fonts.regular).fontSize(12)
    const [width] = program.size
    const right = width - program.rightMargin * POINTS
    const at = (text: string, inches: number | 'right' | 'center', y: number): void => {
      const textWidth = document.widthOfString(text)
      const x =
        inches === 'right'
          ? right - textWidth
          : inches === 'center'
            ? (width - textWidth) / 2
            : inches * POINTS
      document.text(text, x, y, { lineBreak: false })
    }
    // 1. the title page
    const firstPage = program.firstPage ?? 1
    if (firstPage === 1) {
      for (const [row, align, text] of TITLE_PAGE) {
        const where = align === 'left' ? program.columns.action : align
        at(text, where, program.top * POINTS + row * LINE)
      }
    }
    // 2. the script pages, numbered from the second
    PAGES.forEach((lines, index) => {
      if (firstPage === 1 || index > 0) document.addPage({ size: program.size, margin: 0 })
      const page = firstPage + index
      if (page > 1) at(program.pageNumber(page), 'right', program.pageNumberTop * POINTS)
      let row = 0
      for (const printed of lines) {
        const y = program.top * POINTS + row * LINE
        row += 1
        if (!printed) continue
        const text = printed.text.replace(/'/g, program.apostrophe)
        const { kind } = printed
        if ((kind === 'continued' || kind === 'continues') && !program.continueds) continue
        if (kind === 'heading' && program.boldHeadings) document.font(program.fonts.bold)
        if (kind === 'continues') at(text, 'right', y)
        else if (kind === 'transition') at(text, program.transition, y)
        else if (kind === 'more') at(text, program.columns.cue, y)
        else if (kind === 'heading' || kind === 'continued') at(text, program.columns.action, y)
        else at(text, program.columns[kind], y)
        document.font(program.fonts.regular)
        if (printed.number && program.sceneNumbers) {
          at(printed.number, program.sceneNumbers.left, y)
          at(printed.number, program.sceneNumbers.right, y)
        }
      }
    })
  })
}

const numberedScenes = EXPECTED.map((element) =>
  element === 'scene-heading: INT. BOATHOUSE - NIGHT'
    ? `${element} #1`
    : element === 'scene-heading: EXT. JETTY - CONTINUOUS'
      ? `${element} #2`
      : element
)

const FINAL_DRAFT: Program = {
  size: [8.5 * POINTS, 11 * POINTS],
  fonts: { regular: 'Courier', bold: 'Courier-Bold' },
  columns: { action: 1.5, dialogue: 2.5, parenthetical: 3.0, cue: 3.5 },
  transition: 6.0,
  rightMargin: 1,
  top: 1,
  pageNumberTop: 0.5,
  pageNumber: (page) => `${page}.`,
  sceneNumbers: { left: 0.75, right: 7.4 },
  continueds: true,
  boldHeadings: false,
  apostrophe: "'"
}

const HIGHLAND_A4: Program = {
  size: [595.28, 841.89],
  fonts: { regular: 'CourierPrime', bold: 'CourierPrime-Bold' },
  columns: { action: 1.5, dialogue: 2.5, parenthetical: 3.1, cue: 3.7 },
  transition: 'right',
  rightMargin: 1,
  top: 1.1,
  pageNumberTop: 0.6,
  pageNumber: (page) => `${page}`,
  continueds: false,
  boldHeadings: true,
  apostrophe: '’'
}

describe('PDF import from other screenwriting programs', () => {
  it('reads a Final Draft–style PDF: scene numbers, CONTINUED, (MORE), (CONT’D) and page numbers go', async () => {
    const path = join(folder, 'keeper-final-draft.pdf')
    await printScript(path, FINAL_DRAFT)
    const imported = unwrap(await importScriptFile(path))
    expect(imported.format).toBe('pdf')
    expect(elementSummary(imported.screenplay)).toEqual(numberedScenes)
    // The rebuilt text keeps a cue's (CONT'D) (the converter drops it), but no furniture.
    expect(imported.text).not.toMatch(/CONTINUED|\(MORE\)|^\s*2\.\s*$/m)
    expect(imported.screenplay.titlePage.map((entry) => [entry.key, entry.lines])).toEqual([
      ['Title', ['THE KEEPER OF THE POINT']],
      ['Credit', ['Written by']],
      ['Author', ['Ada Marsh']],
      ['Draft date', ['First draft, March 2026']],
      ['Contact', ['12 Harbour Row', 'Gull Haven']]
    ])
  })

  it('reads pages 11–12 printed from the middle of a Final Draft script ("12." page numbers)', async () => {
    const path = join(folder, 'keeper-pages-11-12.pdf')
    await printScript(path, { ...FINAL_DRAFT, firstPage: 11 })
    const imported = unwrap(await importScriptFile(path))
    expect(elementSummary(imported.screenplay)).toEqual(numberedScenes)
    expect(imported.text).not.toMatch(/CONTINUED|\(MORE\)|^\s*1[12]\.\s*$/m)
    expect(imported.screenplay.titlePage).toEqual([])
  })

  it('reads a Highland / Fade In–style A4 PDF in Courier Prime with curly apostrophes', async () => {
    const path = join(folder, 'keeper-highland.pdf')
    await printScript(path, HIGHLAND_A4)
    const imported = unwrap(await importScriptFile(path))
    expect(elementSummary(imported.screenplay)).toEqual(
      EXPECTED.map((element) => element.replace(/'/g, '’'))
    )
    expect(imported.text).not.toMatch(/\(MORE\)|^\s*2\s*$/m)
    expect(imported.screenplay.titlePage.map((entry) => entry.key)).toEqual([
      'Title',
      'Credit',
      'Author',
      'Draft date',
      'Contact'
    ])
  })
})
