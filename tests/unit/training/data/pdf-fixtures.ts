/// What the PDF import tests share: drawing a PDF with pdfkit, and the part of the elements read
/// back that a test compares (type, text, scene number).
import { createWriteStream } from 'node:fs'
import PDFDocument from 'pdfkit'
import type { Screenplay } from '../../../../src/shared/fountain/elements'

/// Each element as `type: text #scene`, page breaks left out.
export function elementSummary(screenplay: Screenplay): string[] {
  return screenplay.elements
    .filter((element) => element.type !== 'page-break')
    .map((element) => {
      const number =
        'sceneNumber' in element && element.sceneNumber ? ` #${element.sceneNumber}` : ''
      return `${element.type}: ${element.text}${number}`
    })
}

/// Draws with pdfkit and waits for the file.
export async function writePdf(
  path: string,
  options: PDFKit.PDFDocumentOptions,
  draw: (document: PDFKit.PDFDocument) => void
): Promise<void> {
  const document = new PDFDocument(options)
  const finished = new Promise<void>((resolve, reject) => {
    const output = createWriteStream(path)
    output.on('finish', () => resolve())
    output.on('error', reject)
    document.pipe(output)
  })
  draw(document)
  document.end()
  await finished
}
