/// Which text format a model folder reads and writes: manifests on disk in a temporary folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  readModelTextFormat,
  readTrainedContextLength
} from '../../../../training/inference/model-text-format'

const folders: string[] = []
function folderWith(manifest?: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'sb-format-'))
  folders.push(folder)
  if (manifest !== undefined) writeFileSync(join(folder, 'script-buddy.json'), manifest)
  return folder
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

describe('readModelTextFormat', () => {
  it('reads the embedded model as compact Fountain', () => {
    const embedded = new URL('../../../../resources/models/screenplay-gpt2-30m', import.meta.url)
    expect(readModelTextFormat(embedded.pathname)).toEqual({ format: 'fountain-compact' })
  })

  it('reads a manifest that names the IMSDb layout', () => {
    const folder = folderWith(JSON.stringify({ name: 'x', textFormat: 'imsdb-indented' }))
    expect(readModelTextFormat(folder)).toEqual({ format: 'imsdb-indented' })
  })

  it('reads a hub download without a manifest as compact Fountain, quietly', () => {
    expect(readModelTextFormat(folderWith())).toEqual({ format: 'fountain-compact' })
    expect(readModelTextFormat(folderWith('{"name":"x"}'))).toEqual({ format: 'fountain-compact' })
  })

  it('falls back to compact Fountain and says why for a broken or unknown manifest', () => {
    const broken = readModelTextFormat(folderWith('{not json'))
    expect(broken.format).toBe('fountain-compact')
    expect(broken.warning).toMatch(/script-buddy\.json is not valid JSON/)
    const unknown = readModelTextFormat(folderWith('{"textFormat":"fdx"}'))
    expect(unknown.format).toBe('fountain-compact')
    expect(unknown.warning).toMatch(/unknown textFormat "fdx".*imsdb-indented/)
  })
})

describe('readTrainedContextLength', () => {
  it('reads the embedded model as trained at 512 of its 1024 positions', () => {
    const embedded = new URL('../../../../resources/models/screenplay-gpt2-30m', import.meta.url)
    expect(readTrainedContextLength(embedded.pathname)).toBe(512)
  })

  it('is null without a manifest, without the field, or with a value that is not a length', () => {
    expect(readTrainedContextLength(folderWith())).toBeNull()
    expect(readTrainedContextLength(folderWith('{"name":"x"}'))).toBeNull()
    expect(readTrainedContextLength(folderWith('{"trainedContextLength":"512"}'))).toBeNull()
    expect(readTrainedContextLength(folderWith('{"trainedContextLength":0}'))).toBeNull()
    expect(readTrainedContextLength(folderWith('{not json'))).toBeNull()
  })
})
