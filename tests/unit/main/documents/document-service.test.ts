import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDocumentConverters } from '../../../../src/main/documents/converters'
import {
  DocumentService,
  MAX_DOCUMENT_BYTES
} from '../../../../src/main/documents/document-service'
import { RecentFiles } from '../../../../src/main/documents/recent-files'
import { RecoveryStore } from '../../../../src/main/documents/recovery-store'

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'sb-docs-'))
  const userData = join(dir, 'user-data')
  const service = new DocumentService(
    createDocumentConverters(),
    new RecentFiles(userData),
    new RecoveryStore(userData)
  )
  return { dir, service }
}

const SCENE = 'INT. KITCHEN - DAY\n\nMARA\nWho left the stove on?\n'

describe('DocumentService', () => {
  it('writes the AI-text record beside the script, reads it back on open, removes it on null', async () => {
    const { dir, service } = setup()
    const path = join(dir, 'kitchen.fountain')
    const sidecar = `${path}.scriptbuddy.json`
    expect((await service.save(path, SCENE, '{"record":1}')).ok).toBe(true)
    expect(readFileSync(sidecar, 'utf8')).toBe('{"record":1}')
    expect(await service.open(path)).toMatchObject({
      ok: true,
      value: { provenance: '{"record":1}' }
    })
    // Absent: left alone. Null: removed (no record any more).
    expect((await service.save(path, SCENE)).ok).toBe(true)
    expect(readdirSync(dir)).toContain('kitchen.fountain.scriptbuddy.json')
    expect((await service.save(path, SCENE, null)).ok).toBe(true)
    expect(readdirSync(dir)).not.toContain('kitchen.fountain.scriptbuddy.json')
    const opened = await service.open(path)
    expect(opened.ok && opened.value.provenance).toBeUndefined()
  })

  it('opens a Fountain file, remembers it, saves it atomically and reads it back', async () => {
    const { dir, service } = setup()
    const path = join(dir, 'kitchen.fountain')
    writeFileSync(path, SCENE.replace(/\n/g, '\r\n'))
    const opened = await service.open(path)
    expect(opened).toMatchObject({
      ok: true,
      value: { path, name: 'kitchen.fountain', text: SCENE, sourceFormat: 'fountain', warnings: [] }
    })
    expect((await service.recentFiles()).map((file) => file.path)).toEqual([path])

    const saved = await service.save(path, `${SCENE}\nShe turns it off.\n`)
    expect(saved.ok).toBe(true)
    expect(readFileSync(path, 'utf8')).toBe(`${SCENE}\nShe turns it off.\n`)
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('refuses a missing file, a folder, a binary file and a file over 50 MB, saying what to do', async () => {
    const { dir, service } = setup()
    const missing = await service.open(join(dir, 'nope.fountain'))
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } })
    const folder = await service.open(dir)
    expect(folder).toMatchObject({ ok: false, error: { code: 'bad-input' } })

    const binary = join(dir, 'picture.fountain')
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]))
    const binaryResult = await service.open(binary)
    expect(binaryResult).toMatchObject({ ok: false, error: { code: 'bad-input' } })
    if (!binaryResult.ok) {
      expect(binaryResult.error.message).toMatch(
        /is a binary file.*Import a .fountain, .txt or .fdx file/
      )
    }

    const huge = join(dir, 'huge.fountain')
    writeFileSync(huge, '')
    truncateSync(huge, MAX_DOCUMENT_BYTES + 1) // sparse: no 50 MB written
    const hugeResult = await service.open(huge)
    expect(hugeResult).toMatchObject({ ok: false, error: { code: 'too-large' } })
    if (!hugeResult.ok) expect(hugeResult.error.message).toMatch(/over 50 MB/)
  })

  it('opens invalid UTF-8 as Windows-1252 and warns', async () => {
    const { dir, service } = setup()
    const path = join(dir, 'cafe.fountain')
    writeFileSync(
      path,
      Buffer.concat([Buffer.from('INT. CAF'), Buffer.from([0xc9]), Buffer.from(' - NIGHT\n')])
    )
    const opened = await service.open(path)
    expect(opened.ok).toBe(true)
    if (!opened.ok) return
    expect(opened.value.text).toBe('INT. CAFÉ - NIGHT\n')
    expect(opened.value.warnings[0]).toMatch(
      /not valid UTF-8 \(first bad byte at offset 8\).*Windows-1252/
    )
  })

  it('reports an unwritable path and leaves the old file intact', async () => {
    const { dir, service } = setup()
    const blocker = join(dir, 'not-a-folder')
    writeFileSync(blocker, 'x')
    const result = await service.save(join(blocker, 'script.fountain'), SCENE)
    expect(result).toMatchObject({ ok: false, error: { code: 'io-error' } })
    if (!result.ok) {
      expect(result.error.message).toMatch(/part of that path is a file.*still open here/)
    }
    expect(readFileSync(blocker, 'utf8')).toBe('x')
  })

  it('keeps recovery snapshots until discarded, newest first', async () => {
    const { service } = setup()
    await service.writeRecovery({
      documentId: 'doc-1',
      path: null,
      name: 'Untitled',
      text: 'first'
    })
    await new Promise((resolve) => setTimeout(resolve, 5))
    await service.writeRecovery({
      documentId: 'doc-2',
      path: '/x.fountain',
      name: 'x.fountain',
      text: 'second'
    })
    await service.writeRecovery({
      documentId: 'doc-1',
      path: null,
      name: 'Untitled',
      text: 'first, edited'
    })
    const entries = await service.listRecovery()
    expect(entries.map((entry) => [entry.documentId, entry.text])).toEqual([
      ['doc-1', 'first, edited'],
      ['doc-2', 'second']
    ])
    await service.discardRecovery('doc-1')
    expect((await service.listRecovery()).map((entry) => entry.documentId)).toEqual(['doc-2'])
  })

  it('never lets a recovery id name a path', async () => {
    const { service } = setup()
    const result = await service.writeRecovery({
      documentId: '../../escape',
      path: null,
      name: 'x',
      text: 'x'
    })
    expect(result.ok).toBe(false)
  })
})
