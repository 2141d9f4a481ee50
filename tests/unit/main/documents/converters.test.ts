import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createDocumentConverters } from '../../../../src/main/documents/converters'
import { DocumentService } from '../../../../src/main/documents/document-service'
import { RecentFiles } from '../../../../src/main/documents/recent-files'
import { RecoveryStore } from '../../../../src/main/documents/recovery-store'
import { parseFountain } from '../../../../src/shared/fountain'

const FIXTURE = fileURLToPath(
  new URL('../../../fixtures/scripts/lighthouse.fountain', import.meta.url)
)

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'sb-convert-'))
  const service = new DocumentService(
    createDocumentConverters(),
    new RecentFiles(join(dir, 'data')),
    new RecoveryStore(join(dir, 'data'))
  )
  return { dir, service }
}

const summary = (text: string) =>
  parseFountain(text).elements.map((element) => [element.type, element.text])

// An invented scene in IMSDb's indented plain-text layout, with page furniture to drop.
const IMSDB_TEXT = [
  'INT. BOATHOUSE - NIGHT',
  '',
  'Rain drums on the tin roof. NORA hauls a rope.',
  '',
  '                         NORA',
  '               Hand me the lantern.',
  '',
  '                         TOMAS',
  '                    (hesitating)',
  '               The oil is nearly',
  '               gone.',
  '',
  '                                                   12.',
  '',
  '                                              CUT TO:',
  ''
].join('\n')

describe('document conversion', () => {
  it('opens IMSDb-style plain text as Fountain elements, without page furniture', async () => {
    const { dir, service } = setup()
    const path = join(dir, 'boathouse.txt')
    writeFileSync(path, IMSDB_TEXT)
    const opened = await service.open(path)
    expect(opened.ok).toBe(true)
    if (!opened.ok) return
    expect(opened.value.sourceFormat).toBe('imsdb-text')
    // Converted documents are saved under a new name, never over the source.
    expect(opened.value.path).toBeNull()
    expect(summary(opened.value.text)).toEqual([
      ['scene-heading', 'INT. BOATHOUSE - NIGHT'],
      ['action', 'Rain drums on the tin roof. NORA hauls a rope.'],
      ['character', 'NORA'],
      ['dialogue', 'Hand me the lantern.'],
      ['character', 'TOMAS'],
      ['parenthetical', '(hesitating)'],
      ['dialogue', 'The oil is nearly gone.'],
      ['transition', 'CUT TO:']
    ])
  })

  it('exports FDX that opens again to the same elements, and an industry PDF', async () => {
    const { dir, service } = setup()
    const text = readFileSync(FIXTURE, 'utf8')
    const fdxPath = join(dir, 'lighthouse.fdx')
    expect(await service.export(fdxPath, text, 'fdx')).toEqual({
      ok: true,
      value: { path: fdxPath }
    })
    expect(readFileSync(fdxPath, 'utf8')).toContain('<FinalDraft')
    const reopened = await service.open(fdxPath)
    expect(reopened.ok).toBe(true)
    if (reopened.ok) {
      expect(reopened.value.sourceFormat).toBe('fdx')
      expect(summary(reopened.value.text)).toEqual(summary(text))
    }

    const pdfPath = join(dir, 'lighthouse.pdf')
    expect((await service.export(pdfPath, text, 'pdf')).ok).toBe(true)
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-')
    // Nothing half-written is left beside the exports.
    expect(readdirSync(dir).filter((name) => name.includes('partial'))).toEqual([])
  })

  it('refuses malformed FDX with a message and keeps nothing half-open', async () => {
    const { dir, service } = setup()
    const path = join(dir, 'broken.fdx')
    writeFileSync(
      path,
      '<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Action"><Text>Half'
    )
    const result = await service.open(path)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      // Names the file (the XML parser's message only says "this file") and where it breaks.
      expect(result.error.message).toMatch(/^broken\.fdx: .*not well-formed XML.*line 1/)
    }
  })

  it('reports an export into a folder that does not exist', async () => {
    const { dir, service } = setup()
    const result = await service.export(join(dir, 'missing', 'x.pdf'), 'INT. A - DAY\n', 'pdf')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/does not exist|could not be saved|x\.pdf/)
  })
})
