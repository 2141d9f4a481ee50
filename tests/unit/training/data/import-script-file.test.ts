import { copyFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { Screenplay } from '../../../../src/shared/fountain/elements'
import { unwrap } from '../../../../src/shared/result'
import { firstInvalidUtf8 } from '../../../../training/data/decode-text'
import {
  MAX_SCRIPT_BYTES,
  importScriptFile,
  sniffFormat
} from '../../../../training/data/import-script-file'

const folder = mkdtempSync(join(tmpdir(), 'script-buddy-import-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../../fixtures/formats/${name}`, import.meta.url))

// A fake Fountain parser (the real one lives on another branch): records what it was given.
const seen: string[] = []
const fakeParse = (text: string): Screenplay => {
  seen.push(text)
  return {
    titlePage: [],
    elements: [{ type: 'action', text: text.trim(), from: 0, to: text.length }]
  }
}

describe('importScriptFile', () => {
  it('imports Final Draft and IMSDb text by extension and content', async () => {
    const fdx = unwrap(await importScriptFile(fixture('sample.fdx')))
    expect(fdx.format).toBe('fdx')
    expect(fdx.screenplay.elements.some((element) => element.type === 'character')).toBe(true)
    const imsdb = unwrap(await importScriptFile(fixture('imsdb-sample.txt')))
    expect(imsdb.format).toBe('imsdb')
    expect(
      imsdb.screenplay.elements.filter((element) => element.type === 'character')
    ).toHaveLength(4)
    // FDX content in a .txt file is still recognised.
    const renamed = join(folder, 'script.txt')
    copyFileSync(fixture('sample.fdx'), renamed)
    expect(unwrap(await importScriptFile(renamed)).format).toBe('fdx')
  })

  it('hands Fountain text to the injected parser, and says so when there is none', async () => {
    const path = join(folder, 'scene.fountain')
    writeFileSync(path, 'Title: Test\r\n\r\nINT. ROOM - DAY\r\n')
    const imported = unwrap(await importScriptFile(path, { parse: fakeParse }))
    expect(imported.format).toBe('fountain')
    expect(seen.at(-1)).toBe('Title: Test\n\nINT. ROOM - DAY\n')
    const missing = await importScriptFile(path)
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.error.message).toMatch(/no Fountain parser/)
    expect(sniffFormat('INT. ROOM - DAY\n\nJOHN\nHello.\n')).toBe('fountain')
  })

  it('refuses binary files, huge files and damaged PDFs with clear messages', async () => {
    const binary = join(folder, 'image.txt')
    writeFileSync(binary, Buffer.from([0x49, 0x4e, 0x54, 0x00, 0x01]))
    const result = await importScriptFile(binary)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/binary file.*offset 3/)

    const huge = join(folder, 'huge.txt')
    writeFileSync(huge, '')
    truncateSync(huge, MAX_SCRIPT_BYTES + 1) // sparse: no 50 MB written to disk
    const large = await importScriptFile(huge)
    expect(large.ok).toBe(false)
    if (!large.ok) expect(large.error.code).toBe('too-large')

    const pdf = join(folder, 'script.pdf')
    writeFileSync(pdf, '%PDF-1.4')
    const refused = await importScriptFile(pdf)
    expect(!refused.ok && refused.error.message).toMatch(/not a readable PDF/)

    const absent = await importScriptFile(join(folder, 'nope.fdx'))
    expect(!absent.ok && absent.error.code).toBe('io-error')
  })

  it('reports the byte offset of invalid UTF-8 and decodes Windows-1252 on request', async () => {
    const path = join(folder, 'latin.txt')
    writeFileSync(
      path,
      Buffer.concat([Buffer.from('INT. CAF'), Buffer.from([0xc9]), Buffer.from(' - DAY\n')])
    )
    const refused = await importScriptFile(path, { parse: fakeParse })
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.error.message).toMatch(/byte offset 8/)
      expect(refused.error.message).toMatch(/Windows-1252/)
      expect(refused.error.detail).toBe('byteOffset=8')
    }
    const decoded = unwrap(
      await importScriptFile(path, { parse: fakeParse, encoding: 'windows-1252' })
    )
    expect(decoded.text).toBe('INT. CAFÉ - DAY\n')
  })

  it('finds the first invalid UTF-8 byte', () => {
    const bytes = (...values: number[]): Uint8Array => new Uint8Array(values)
    expect(firstInvalidUtf8(new TextEncoder().encode('é — 😀 ok'))).toBe(-1)
    expect(firstInvalidUtf8(bytes(0x41, 0xc0, 0x80))).toBe(1) // overlong
    expect(firstInvalidUtf8(bytes(0x41, 0x42, 0xed, 0xa0, 0x80))).toBe(2) // surrogate
    expect(firstInvalidUtf8(bytes(0x41, 0xe2, 0x82))).toBe(1) // truncated
    expect(firstInvalidUtf8(bytes(0x80))).toBe(0) // stray continuation
  })
})
