import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { A4, LETTER } from '../../../../src/shared/pagination'
import { unwrap } from '../../../../src/shared/result'
import { exportPdf } from '../../../../training/data/export-pdf'
import {
  action,
  cue,
  heading,
  screenplay,
  sentences,
  speech
} from '../../shared/pagination/screenplay-builder'

// pdf.js reads Courier's metrics from its standard font data.
const standardFontDataUrl = fileURLToPath(
  new URL('../../../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url)
)
const folder = mkdtempSync(join(tmpdir(), 'script-buddy-pdf-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

async function pageTexts(path: string): Promise<string[]> {
  const data = new Uint8Array(readFileSync(path))
  const pdf = await getDocument({ data, standardFontDataUrl }).promise
  const texts: string[] = []
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number)
    const content = await page.getTextContent()
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'))
  }
  await pdf.destroy()
  return texts
}

// A title page, then enough action and one long speech to break dialogue across pages.
const script = screenplay(
  [
    heading('INT. PRINT SHOP - DAY', '1'),
    action('The press is *very* **loud** and _old_.'),
    ...Array.from({ length: 22 }, (_, index) => action(sentences(2, index + 1))),
    cue('ODETTE (V.O.)'),
    speech(sentences(60, 77)),
    ...Array.from({ length: 40 }, (_, index) => action(sentences(2, index + 50)))
  ],
  [
    ['Title', ['THE PROOF']],
    ['Author', ['Ann Example']]
  ]
)

describe('PDF export', () => {
  it('writes one PDF page per laid-out page plus the title page, numbered from page 2', async () => {
    const path = join(folder, 'letter.pdf')
    const result = unwrap(await exportPdf(script, LETTER, path))
    const texts = await pageTexts(path)
    expect(result.pagination.pages.length).toBeGreaterThanOrEqual(3)
    expect(texts).toHaveLength(result.pagination.pages.length + 1)
    expect(texts[0]).toContain('THE PROOF')
    expect(texts[1]).not.toMatch(/^1\.$/m)
    expect(texts[2]).toMatch(/^2\.$/m)
    expect(texts[3]).toMatch(/^3\.$/m)
    const joined = texts.join('\n')
    expect(joined).toContain('(MORE)')
    expect(joined).toContain("ODETTE (V.O.; CONT'D)")
    const raw = readFileSync(path, 'latin1')
    for (const font of ['/Courier', '/Courier-Bold', '/Courier-Oblique']) {
      expect(raw).toContain(font)
    }
  })

  it('uses the A4 paper size for the A4 profile', async () => {
    const path = join(folder, 'a4.pdf')
    unwrap(await exportPdf(script, A4, path))
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(path)), standardFontDataUrl })
      .promise
    const page = await pdf.getPage(1)
    const [, , width, height] = page.view
    expect(Math.round(width)).toBe(Math.round(8.27 * 72))
    expect(Math.round(height)).toBe(Math.round(11.69 * 72))
    await pdf.destroy()
  })

  it('reports an unwritable path as an error result', async () => {
    const result = await exportPdf(script, LETTER, join(folder, 'missing', 'deeper', 'x.pdf'))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('io-error')
  })
})
