import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { compileModel, MANIFEST_NAME, sha256File } from '../../../../training/onnx/compile'
import { unwrap } from '../../../../src/shared/result'
import { createTinyGPT2, writeTinyGPT2Folder } from '../../../fixtures/models/tiny-gpt2'

const root = mkdtempSync(join(tmpdir(), 'compile-test-'))
afterAll(() => {
  chmodSync(join(root, 'readonly'), 0o755)
  rmSync(root, { recursive: true, force: true })
})

describe('compileModel', () => {
  it('writes fp32 and int8 graphs next to the model with a manifest of weight hashes', async () => {
    const folder = join(root, 'model')
    writeTinyGPT2Folder(folder, createTinyGPT2({ seed: 1 }))
    const first = unwrap(await compileModel(folder))
    expect(first.rebuilt).toBe(true)
    expect(first.onnxDir).toBe(join(folder, 'onnx'))
    expect(existsSync(join(folder, 'onnx', 'model.onnx'))).toBe(true)
    expect(existsSync(join(folder, 'onnx', 'model_quantized.onnx'))).toBe(true)
    const manifest = JSON.parse(readFileSync(join(folder, 'onnx', MANIFEST_NAME), 'utf8'))
    expect(manifest.weights).toEqual([
      { file: 'model.safetensors', sha256: await sha256File(join(folder, 'model.safetensors')) }
    ])
    // Unchanged weights: reused.
    expect(unwrap(await compileModel(folder)).rebuilt).toBe(false)
    // New weights: rebuilt.
    writeTinyGPT2Folder(folder, createTinyGPT2({ seed: 2 }))
    expect(unwrap(await compileModel(folder)).rebuilt).toBe(true)
  })

  it('compiles a read-only model folder into the cache folder', async () => {
    const folder = join(root, 'readonly')
    writeTinyGPT2Folder(folder, createTinyGPT2({ seed: 3 }))
    chmodSync(folder, 0o555)
    const cacheDir = join(root, 'cache')
    const compiled = unwrap(await compileModel(folder, { cacheDir, precisions: ['fp32'] }))
    expect(compiled.onnxDir.startsWith(cacheDir)).toBe(true)
    expect(existsSync(join(folder, 'onnx'))).toBe(false)
    expect(unwrap(await compileModel(folder, { cacheDir, precisions: ['fp32'] })).rebuilt).toBe(
      false
    )
  })

  it('passes weight errors through', async () => {
    const result = await compileModel(join(root, 'missing'))
    expect(result.ok).toBe(false)
  })
})
