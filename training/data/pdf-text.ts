/// PDF screenplay → indented plain text (IMSDb layout): pdf.js gives each text run with its
/// position; runs on one baseline become one line, their x becomes a character column and the
/// vertical gaps become blank lines, so the indent-based converter (`imsdbToScreenplay`) can tell
/// action, cues, parentheticals and dialogue apart exactly as it does for IMSDb transcripts.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Screenplay } from '../../src/shared/fountain/elements'
import { imsdbToScreenplay } from '../../src/shared/formats/imsdb'
import { isFurniture } from '../../src/shared/formats/imsdb-lines'
import { err, errorFromException, ok, type Result } from '../../src/shared/result'

/// One text run on a page: its text, left edge and baseline in points (y grows downwards here).
export interface PdfTextRun {
  text: string
  x: number
  y: number
  /// Advance width of the run in points (0 when pdf.js does not know it).
  width: number
}

const NO_TEXT_LAYER =
  'has no text layer (it is scanned or made of pictures). Export it as text, Fountain or Final ' +
  'Draft from your writing program, or run it through OCR first.'

// pdf.js reads Courier's and the other standard fonts' metrics from its own data folder; without
// it the widths of runs in the built-in fonts are unknown.
function standardFontDataUrl(): string {
  const require = createRequire(import.meta.url)
  const folder = join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')
  return `${pathToFileURL(folder).href}/`
}

/// Reads every page's text runs. Errors say what to do: password-protected, damaged, no text.
export async function readPdfRuns(
  bytes: Uint8Array,
  name: string
): Promise<Result<PdfTextRun[][]>> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: standardFontDataUrl(),
    verbosity: 0,
    isEvalSupported: false
  })
  try {
    const pdf = await task.promise
    const pages: PdfTextRun[][] = []
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number)
      const height = page.view[3]
      const content = await page.getTextContent()
      const runs: PdfTextRun[] = []
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue
        runs.push({
          text: item.str,
          x: item.transform[4],
          y: height - item.transform[5],
          width: item.width
        })
      }
      pages.push(runs)
      page.cleanup()
    }
    await pdf.destroy()
    if (pages.every((runs) => runs.length === 0)) {
      return err('bad-input', `${name} ${NO_TEXT_LAYER}`)
    }
    return ok(pages)
  } catch (exception) {
    await task.destroy().catch(() => undefined)
    const kind = (exception as { name?: string }).name
    if (kind === 'PasswordException') {
      return err(
        'bad-input',
        `${name} is protected by a password. Save an unprotected copy (or export it as Fountain or Final Draft) and import that.`
      )
    }
    if (
      kind === 'InvalidPDFException' ||
      kind === 'FormatError' ||
      kind === 'UnknownErrorException'
    ) {
      return err(
        'bad-input',
        `${name} is not a readable PDF (it is damaged or not a PDF at all). Export the script again from your writing program.`
      )
    }
    return {
      ok: false,
      error: errorFromException(
        exception,
        'bad-input',
        `${name} could not be read as a PDF. Export the script again, or as Fountain or Final Draft.`
      )
    }
  }
}

interface Row {
  y: number
  runs: PdfTextRun[]
}

function median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

// Runs whose baselines are within a third of a line of each other share a row.
function rowsOf(runs: readonly PdfTextRun[], tolerance: number): Row[] {
  const rows: Row[] = []
  for (const run of [...runs].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const last = rows[rows.length - 1]
    if (last && Math.abs(run.y - last.y) <= tolerance) last.runs.push(run)
    else rows.push({ y: run.y, runs: [run] })
  }
  for (const row of rows) row.runs.sort((a, b) => a.x - b.x)
  return rows
}

/// The layout of a whole document: character width and line height in points, and the left edge.
interface Grid {
  characterWidth: number
  lineHeight: number
  left: number
}

function gridOf(pages: readonly PdfTextRun[][]): Grid {
  const all = pages.flat()
  const widths = all
    .filter((run) => run.width > 0 && run.text.length >= 3)
    .map((run) => run.width / run.text.length)
  // Screenplays are set in 12 pt Courier: 10 characters per inch, 6 lines per inch.
  const characterWidth = median(widths) || 7.2
  const gaps: number[] = []
  for (const runs of pages) {
    const rows = rowsOf(runs, 2)
    for (let index = 1; index < rows.length; index += 1) {
      const gap = rows[index].y - rows[index - 1].y
      if (gap > 2) gaps.push(gap)
    }
  }
  // The smallest common gap is one line (the median would be two: blank lines are common).
  const sortedGaps = gaps.sort((a, b) => a - b)
  const lineHeight = sortedGaps[Math.floor(sortedGaps.length * 0.1)] ?? 12
  return { characterWidth, lineHeight, left: Math.min(...all.map((run) => run.x)) }
}

function rowText(row: Row, grid: Grid): string {
  let line = ''
  for (const run of row.runs) {
    const column = Math.max(0, Math.round((run.x - grid.left) / grid.characterWidth))
    if (line.length < column) line += ' '.repeat(column - line.length)
    else if (line.length > 0 && !line.endsWith(' ') && !run.text.startsWith(' ')) {
      // Two runs that meet exactly (one styled word after another) join without a space.
      const previousEnd = row.runs[row.runs.indexOf(run) - 1]
      const touching = previousEnd && previousEnd.x + previousEnd.width >= run.x - 1
      if (!touching) line += ' '
    }
    line += run.text
  }
  return line.trimEnd()
}

/// One page as lines of text with blank lines where the page has vertical space.
function pageLines(runs: readonly PdfTextRun[], grid: Grid): string[] {
  const lines: string[] = []
  let previous: number | null = null
  for (const row of rowsOf(runs, grid.lineHeight / 3)) {
    if (previous !== null) {
      const blanks = Math.round((row.y - previous) / grid.lineHeight) - 1
      for (let blank = 0; blank < Math.min(blanks, 3); blank += 1) lines.push('')
    }
    lines.push(rowText(row, grid))
    previous = row.y
  }
  return lines
}

const isPageNumber = (line: string): boolean => /^\s*(page\s+)?\d{1,3}[A-Z]?\.?\s*$/i.test(line)
// What programs print where a scene runs over a page: `CONTINUED:` (or `CONTINUED: (2)`) at the
// top and `(CONTINUED)` at the foot, with the scene number beside them in a shooting script.
const isContinued = (line: string): boolean => /CONTINUED/i.test(line) && isFurniture(line.trim())
// A page's top and foot: blank lines, its number and the CONTINUED lines (not `(MORE)`: it says
// that the speech goes on over the page).
const isPageEdge = (line: string): boolean =>
  line.trim() === '' || isPageNumber(line) || isContinued(line)
const isMore = (line: string): boolean => /^\s*\(\s*MORE\s*\)\s*$/i.test(line)
const hasContd = (line: string): boolean => /\((CONT['’]?D|CONTINUED)\)\s*$/i.test(line)

// A title page: the first page of several, with no scene heading or transition on it.
function isTitlePage(lines: readonly string[], pageCount: number): boolean {
  if (pageCount < 2) return false
  return !lines.some((line) => /^\s*(\d+[A-Z]?\s+)?(INT|EXT|I\/E)[./ ]/.test(line))
}

const indentOf = (line: string): number => line.length - line.trimStart().length

// The action column: the most common indent of the document's lines.
function actionIndent(pages: readonly string[][]): number {
  const counts = new Map<number, number>()
  for (const line of pages.flat()) {
    if (line.trim() !== '') counts.set(indentOf(line), (counts.get(indentOf(line)) ?? 0) + 1)
  }
  let best = 0
  for (const [indent, count] of counts) if (count > (counts.get(best) ?? 0)) best = indent
  return best
}

/// Joins the pages into one text. Page numbers and CONTINUED lines go; a speech broken by
/// `(MORE)` / `NAME (CONT'D)` across a page is joined back into one speech, and so is a speech
/// that simply runs on at the same dialogue indent (a plain-text script printed to PDF).
export function pdfRunsToText(runs: readonly PdfTextRun[][]): string {
  return pdfRunsToScript(runs).text
}

/// A title page's lines as Fountain title-page keys: the first line is the title, a `by` /
/// `Written by` line is the credit and the lines after it the author, a date is the draft date,
/// and anything else is contact detail.
function titlePageEntries(lines: readonly string[]): { key: string; lines: string[] }[] {
  const entries: { key: string; lines: string[] }[] = []
  const add = (key: string, line: string) => {
    const found = entries.find((entry) => entry.key === key)
    if (found) found.lines.push(line)
    else entries.push({ key, lines: [line] })
  }
  // After a credit line, the next paragraph (often a few blank lines below) is the author.
  let expectAuthor = false
  let authorParagraph = false
  for (const line of lines.map((text) => text.trim())) {
    if (line === '') {
      authorParagraph = false
      continue
    }
    if (entries.length === 0) add('Title', line)
    else if (/^(written\s+|screenplay\s+|story\s+)?by:?$/i.test(line)) {
      add('Credit', line)
      expectAuthor = true
    } else if (expectAuthor || authorParagraph) {
      add('Author', line)
      expectAuthor = false
      authorParagraph = true
    } else if (/\b(19|20)\d\d\b|draft/i.test(line)) add('Draft date', line)
    else add('Contact', line)
  }
  return entries
}

/// The script text, and the title page (when the PDF starts with one) as Fountain keys.
export function pdfRunsToScript(runs: readonly PdfTextRun[][]): {
  text: string
  titlePage: { key: string; lines: string[] }[]
} {
  const grid = gridOf(runs)
  const pages = runs.map((page) => pageLines(page, grid))
  const action = actionIndent(pages)
  const out: string[] = []
  let titlePage: { key: string; lines: string[] }[] = []
  pages.forEach((lines, index) => {
    if (index === 0 && isTitlePage(lines, pages.length)) {
      titlePage = titlePageEntries(lines)
      return
    }
    // Page number and CONTINUED lines at the top and foot of the page.
    while (lines.length > 0 && isPageEdge(lines[0])) lines.shift()
    while (lines.length > 0 && isPageEdge(lines.at(-1)!)) lines.pop()
    const lastOut = out.filter((line) => line.trim() !== '').at(-1)
    if (lastOut !== undefined && isMore(lastOut) && lines.length > 0 && hasContd(lines[0])) {
      // The speech goes on: drop `(MORE)` and the repeated cue, and join the speech.
      while (out.length > 0 && !isMore(out.at(-1)!)) out.pop()
      out.pop()
      lines.shift()
    } else if (
      lastOut !== undefined &&
      lines.length > 0 &&
      out.at(-1)?.trim() !== '' &&
      indentOf(lastOut) >= action + 5 &&
      indentOf(lines[0]) === indentOf(lastOut)
    ) {
      // Dialogue runs on at the same indent: no blank line, so it stays one speech.
    } else if (out.length > 0) out.push('')
    out.push(...lines)
  })
  return { text: `${out.join('\n')}\n`, titlePage }
}

/// PDF bytes → indented plain text for `imsdbToScreenplay` and the title page, or a message
/// saying what to do.
export async function pdfToIndentedText(
  bytes: Uint8Array,
  name: string
): Promise<Result<{ text: string; titlePage: { key: string; lines: string[] }[] }>> {
  const pages = await readPdfRuns(bytes, name)
  if (!pages.ok) return pages
  return ok(pdfRunsToScript(pages.value))
}

/// PDF bytes → screenplay elements (indent-based, as IMSDb text) with its title page.
export async function pdfToScreenplay(
  bytes: Uint8Array,
  name: string
): Promise<Result<{ screenplay: Screenplay; text: string }>> {
  const script = await pdfToIndentedText(bytes, name)
  if (!script.ok) return script
  const screenplay = imsdbToScreenplay(script.value.text)
  if (screenplay.elements.length === 0) {
    return err(
      'bad-input',
      `No screenplay text was found in ${name}. Export it as Fountain or Final Draft from your writing program.`
    )
  }
  screenplay.titlePage = script.value.titlePage.map((entry) => ({ ...entry, from: 0, to: 0 }))
  return ok({ screenplay, text: script.value.text })
}
