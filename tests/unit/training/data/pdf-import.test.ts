import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { Screenplay } from '../../../../src/shared/fountain/elements'
import { parseFountain } from '../../../../src/shared/fountain'
import { A4, LETTER } from '../../../../src/shared/pagination'
import { unwrap } from '../../../../src/shared/result'
import { exportPdf } from '../../../../training/data/export-pdf'
import { importScriptFile } from '../../../../training/data/import-script-file'
import { parseScriptPage } from '../../../../training/data/imsdb/imsdb-pages'
import { imsdbToScreenplay } from '../../../../src/shared/formats/imsdb'
import { readPdfRuns } from '../../../../training/data/pdf-text'
import { createDocumentConverters } from '../../../../src/main/documents/converters'
import { elementSummary, writePdf } from './pdf-fixtures'

const folder = mkdtempSync(join(tmpdir(), 'script-buddy-pdf-import-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const FERRY = fileURLToPath(
  new URL('../../../fixtures/scripts/pdf/ferry.fountain', import.meta.url)
)

describe('PDF import', () => {
  it('reads back our own PDF export as the same elements (scene numbers, a speech across a page)', async () => {
    const original = parseFountain(readFileSync(FERRY, 'utf8'))
    const path = join(folder, 'ferry.pdf')
    const exported = unwrap(await exportPdf(original, LETTER, path))
    expect(exported.pages).toBeGreaterThanOrEqual(3)

    // The PDF really has the furniture the importer must remove.
    const pages = unwrap(await readPdfRuns(new Uint8Array(readFileSync(path)), 'ferry.pdf'))
    const printed = pages.flat().map((run) => run.text.trim())
    expect(printed).toContain('(MORE)')
    expect(printed.some((text) => /\(CONT'D\)$/.test(text))).toBe(true)
    expect(printed).toContain('2.')
    expect(printed.filter((text) => text === '3').length).toBeGreaterThanOrEqual(2)

    const imported = unwrap(await importScriptFile(path))
    expect(imported.format).toBe('pdf')
    expect(elementSummary(imported.screenplay)).toEqual(elementSummary(original))
    expect(imported.text).not.toMatch(/\(MORE\)|CONT'D|The Night Ferry/)
    // The title page comes back as Fountain title-page keys.
    const titlePage = (screenplay: Screenplay) =>
      screenplay.titlePage.map((entry) => [entry.key, entry.lines])
    expect(titlePage(imported.screenplay)).toEqual(titlePage(original))
  })

  it('reads back an A4 export too (other margins and page length)', async () => {
    const original = parseFountain(readFileSync(FERRY, 'utf8'))
    const path = join(folder, 'ferry-a4.pdf')
    unwrap(await exportPdf(original, A4, path))
    expect(elementSummary(unwrap(await importScriptFile(path)).screenplay)).toEqual(
      elementSummary(original)
    )
  })

  it('reads a plain-text script printed to PDF (one text run per line, spaces for indents)', async () => {
    const text = parseScriptPage(
      readFileSync(
        fileURLToPath(
          new URL('../../../fixtures/imsdb/scripts/Harbour-Lights.html', import.meta.url)
        ),
        'utf8'
      )
    )!
    const path = join(folder, 'printed.pdf')
    const lines = text.split('\n')
    await writePdf(path, { size: 'LETTER', margin: 0 }, (document) => {
      document.font('Courier').fontSize(12)
      lines.forEach((line, index) => {
        if (index > 0 && index % 20 === 0) {
          document.addPage()
          document.text(`${index / 20 + 1}.`, 500, 36, { lineBreak: false })
        }
        if (line !== '') document.text(line, 54, 72 + (index % 20) * 12, { lineBreak: false })
      })
    })
    const imported = unwrap(await importScriptFile(path))
    expect(imported.format).toBe('pdf')
    const expected = elementSummary(imsdbToScreenplay(text))
    expect(elementSummary(imported.screenplay)).toEqual(expected)
    expect(expected.filter((line) => line.startsWith('character:'))).toHaveLength(3)
  })

  it('opens a PDF in the editor as Fountain text', async () => {
    const path = join(folder, 'ferry-editor.pdf')
    unwrap(await exportPdf(parseFountain(readFileSync(FERRY, 'utf8')), LETTER, path))
    const converted = unwrap(
      await createDocumentConverters().toFountain('ferry.pdf', new Uint8Array(readFileSync(path)))
    )
    expect(converted.sourceFormat).toBe('pdf')
    expect(converted.warnings[0]).toMatch(/rebuilt from the PDF/)
    expect(elementSummary(parseFountain(converted.text))).toEqual(
      elementSummary(parseFountain(readFileSync(FERRY, 'utf8')))
    )
  })

  it('says what to do with a damaged file, a password-protected PDF and a PDF without text', async () => {
    const damaged = join(folder, 'damaged.pdf')
    writeFileSync(damaged, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(400, 0x2a)]))
    const bad = await importScriptFile(damaged)
    expect(!bad.ok && bad.error.message).toMatch(/damaged.pdf is not a readable PDF.*Export/)

    const truncated = join(folder, 'truncated.pdf')
    unwrap(await exportPdf(parseFountain(readFileSync(FERRY, 'utf8')), LETTER, truncated))
    writeFileSync(truncated, readFileSync(truncated).subarray(0, 300))
    const cut = await importScriptFile(truncated)
    expect(cut.ok).toBe(false)
    if (!cut.ok) expect(cut.error.message).toMatch(/^truncated.pdf .*(readable|text layer)/)

    const locked = join(folder, 'locked.pdf')
    await writePdf(locked, { userPassword: 'open sesame', pdfVersion: '1.7' }, (document) => {
      document.font('Courier').text('INT. VAULT - NIGHT')
    })
    const password = await importScriptFile(locked)
    expect(!password.ok && password.error.message).toMatch(/locked.pdf is protected by a password/)

    const scanned = join(folder, 'scanned.pdf')
    await writePdf(scanned, {}, (document) => {
      // A "scan": shapes only, no text objects.
      for (let row = 0; row < 40; row += 1) document.rect(72, 72 + row * 14, 300, 8).fill('#333')
    })
    const image = await importScriptFile(scanned)
    expect(!image.ok && image.error.message).toMatch(/scanned.pdf has no text layer.*Fountain/)
  })
})
