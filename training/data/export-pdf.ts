/// Screenplay → PDF with pdfkit, drawn from the pagination engine's pages (the same layout as the
/// page view and the page count): built-in Courier 12 pt, an unnumbered title page, page numbers
/// "2." top right from page 2, (MORE) and (CONT'D) where dialogue breaks.
import { createWriteStream } from 'node:fs'
import PDFDocument from 'pdfkit'
import type { Screenplay } from '../../src/shared/fountain/elements'
import { paginate } from '../../src/shared/pagination/paginate'
import type { PageProfile } from '../../src/shared/pagination/profile'
import type {
  LaidOutLine,
  LineSegment,
  Pagination,
  StyleSpan
} from '../../src/shared/pagination/types'
import { errorFromException, ok, type Result } from '../../src/shared/result'

const pointsPerInch = 72
const fontSize = 12

function drawPages(document: PDFKit.PDFDocument, pagination: Pagination): void {
  const profile = pagination.profile
  const left = profile.marginLeft * pointsPerInch
  const top = profile.marginTop * pointsPerInch
  const characterWidth = pointsPerInch / profile.charactersPerInch
  const rowHeight = pointsPerInch / profile.linesPerInch
  const rightEdge = (profile.pageWidth - profile.marginRight) * pointsPerInch
  const put = (text: string, indent: number, row: number): void => {
    if (text === '') return
    document.text(text, left + indent * characterWidth, top + row * rowHeight, { lineBreak: false })
  }
  const segment = (line: LineSegment, row: number): void => {
    if (!line.styles) {
      put(line.text, line.indent, row)
      return
    }
    // Courier is fixed-pitch: each styled stretch starts at its character column.
    let offset = 0
    const pieces: Array<{ from: number; to: number; span?: StyleSpan }> = []
    for (const span of line.styles) {
      if (span.from > offset) pieces.push({ from: offset, to: span.from })
      pieces.push({ from: span.from, to: span.to, span })
      offset = span.to
    }
    if (offset < line.text.length) pieces.push({ from: offset, to: line.text.length })
    for (const piece of pieces) {
      const text = line.text.slice(piece.from, piece.to)
      const bold = !!piece.span?.bold
      const italic = !!piece.span?.italic
      const font = `Courier${bold || italic ? '-' : ''}${bold ? 'Bold' : ''}${italic ? 'Oblique' : ''}`
      document.font(font)
      document.text(
        text,
        left + (line.indent + piece.from) * characterWidth,
        top + row * rowHeight,
        {
          lineBreak: false,
          underline: !!piece.span?.underline
        }
      )
    }
    document.font('Courier')
  }
  let first = true
  const newPage = (): void => {
    if (!first) document.addPage()
    first = false
  }
  if (pagination.titlePage) {
    newPage()
    for (const line of pagination.titlePage) put(line.text, line.indent, line.row)
  }
  for (const page of pagination.pages) {
    newPage()
    if (page.label) {
      const width = page.label.length * characterWidth
      document.text(page.label, rightEdge - width, profile.pageNumberTop * pointsPerInch, {
        lineBreak: false
      })
    }
    page.lines.forEach((line: LaidOutLine, row) => {
      segment(line, row)
      if (line.right) segment(line.right, row)
      if (line.sceneNumber) {
        // Scene numbers in both margins, as shooting scripts print them.
        put(line.sceneNumber, -6, row)
        put(line.sceneNumber, profile.bodyWidth + 2, row)
      }
    })
  }
}

/// Writes the screenplay as a PDF at `outPath`; returns the number of PDF pages (title page
/// included).
export async function exportPdf(
  screenplay: Screenplay,
  profile: PageProfile,
  outPath: string
): Promise<Result<{ pages: number; pagination: Pagination }>> {
  try {
    const pagination = paginate(screenplay, profile)
    const size: [number, number] = [
      profile.pageWidth * pointsPerInch,
      profile.pageHeight * pointsPerInch
    ]
    const document = new PDFDocument({
      size,
      margin: 0,
      autoFirstPage: true,
      info: { Creator: 'Script Buddy' }
    })
    document.font('Courier').fontSize(fontSize)
    const output = createWriteStream(outPath)
    const finished = new Promise<void>((resolve, reject) => {
      output.on('finish', () => resolve())
      output.on('error', reject)
      document.on('error', reject)
    })
    document.pipe(output)
    drawPages(document, pagination)
    document.end()
    await finished
    const pages = pagination.pages.length + (pagination.titlePage ? 1 : 0)
    return ok({ pages, pagination })
  } catch (exception) {
    return {
      ok: false,
      error: errorFromException(
        exception,
        'io-error',
        `The PDF could not be written to ${outPath}. Check that the folder exists and is writable.`
      )
    }
  }
}
