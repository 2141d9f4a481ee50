import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectModelFolder } from '../../../../training/model/inspect-model-folder'
import { createTinyGPT2, writeTinyGPT2Folder } from '../../../fixtures/models/tiny-gpt2'

function tinyFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'sb-inspect-'))
  writeTinyGPT2Folder(folder, createTinyGPT2(), { tokenizer: true })
  return folder
}

describe('inspecting a model folder for the model manager', () => {
  it('reports size, format and parameters of a complete folder', () => {
    const folder = tinyFolder()
    const summary = inspectModelFolder(folder)
    expect(summary.problem).toBeNull()
    expect(summary.format).toBe('safetensors F32')
    // 2 layers, C 32, V 101, context 64, tied output.
    const C = 32
    const block = 2 * C + C * 3 * C + 3 * C + C * C + C + 2 * C + C * 4 * C + 4 * C + 4 * C * C + C
    expect(summary.parameters).toBe(101 * C + 64 * C + 2 * block + 2 * C)
    expect(summary.sizeBytes).toBeGreaterThan(
      readFileSync(join(folder, 'model.safetensors')).length
    )
  })

  it('says a truncated weight file is truncated', () => {
    const folder = tinyFolder()
    const weights = readFileSync(join(folder, 'model.safetensors'))
    writeFileSync(join(folder, 'model.safetensors'), weights.subarray(0, weights.length - 100))
    expect(inspectModelFolder(folder).problem).toMatch(
      /model\.safetensors is truncated.*Download it again/
    )
  })

  it('names a missing tokenizer', () => {
    const folder = tinyFolder()
    rmSync(join(folder, 'tokenizer.json'))
    expect(inspectModelFolder(folder).problem).toMatch(/it has no tokenizer\.json/)
  })

  it('reads sharded weights through their index', () => {
    const folder = tinyFolder()
    copyFileSync(
      join(folder, 'model.safetensors'),
      join(folder, 'model-00001-of-00001.safetensors')
    )
    rmSync(join(folder, 'model.safetensors'))
    writeFileSync(
      join(folder, 'model.safetensors.index.json'),
      JSON.stringify({ weight_map: { 'wte.weight': 'model-00001-of-00001.safetensors' } })
    )
    const summary = inspectModelFolder(folder)
    expect(summary.problem).toBeNull()
    expect(summary.format).toBe('safetensors F32')
  })
})
