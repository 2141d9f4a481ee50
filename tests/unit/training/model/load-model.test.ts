import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadModel } from '../../../../training/model/load-model'
import { createTinyGPT2, writeTinyGPT2Folder } from '../../../fixtures/models/tiny-gpt2'

const root = mkdtempSync(join(tmpdir(), 'load-model-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function messageOf(folder: string): string {
  const result = loadModel(folder)
  return result.ok ? 'ok' : result.error.message
}

describe('loadModel', () => {
  it('loads config, weights and tokenizer from a model folder', () => {
    const folder = join(root, 'good')
    writeTinyGPT2Folder(folder, createTinyGPT2(), { tokenizer: true, dtype: 'F16' })
    const model = loadModel(folder)
    expect(model.ok).toBe(true)
    if (model.ok) {
      expect(model.value.config.layers).toBe(2)
      expect(model.value.tokenizer.decode(model.value.tokenizer.encode('INT. HOUSE'))).toBe(
        'INT. HOUSE'
      )
    }
  })

  it('gives one message per missing or broken file', () => {
    expect(messageOf(join(root, 'nowhere'))).toMatch(/does not exist/)
    const folder = join(root, 'partial')
    writeTinyGPT2Folder(folder, createTinyGPT2(), { tokenizer: true })
    rmSync(join(folder, 'tokenizer.json'))
    expect(messageOf(folder)).toMatch(/has no tokenizer\.json/)
    rmSync(join(folder, 'model.safetensors'))
    expect(messageOf(folder)).toMatch(/No model\.safetensors/)
    writeFileSync(join(folder, 'config.json'), '{ not json')
    expect(messageOf(folder)).toMatch(/config\.json is not valid JSON/)
    rmSync(join(folder, 'config.json'))
    expect(messageOf(folder)).toMatch(/has no config\.json/)
  })
})
