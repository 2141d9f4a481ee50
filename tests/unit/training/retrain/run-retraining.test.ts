import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { retrain, type RetrainOptions } from '../../../../training/retrain/run-retraining'

const MODEL = fileURLToPath(
  new URL('../../../../resources/models/screenplay-gpt2-30m', import.meta.url)
)
const SCRIPTS = fileURLToPath(new URL('../../../fixtures/scripts/retrain', import.meta.url))

function options(overrides: Partial<RetrainOptions>): RetrainOptions {
  const root = mkdtempSync(join(tmpdir(), 'sb-retrain-'))
  return {
    baseModel: MODEL,
    scripts: [SCRIPTS],
    outputDir: join(root, 'out'),
    steps: 2,
    learningRate: 1e-4,
    batchSize: 1,
    contextLength: 32,
    ...overrides
  }
}

// Bad input never starts a run: each case ends with a message that says what to do.
describe('retraining refuses bad input with a clear message', () => {
  it('a base model whose weights are truncated', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'sb-broken-model-'))
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
      copyFileSync(join(MODEL, file), join(broken, file))
    }
    const weights = readFileSync(join(MODEL, 'model.safetensors'))
    writeFileSync(join(broken, 'model.safetensors'), weights.subarray(0, weights.byteLength / 2))
    const result = await retrain(options({ baseModel: broken }))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/base model cannot be used.*truncated/)
  })

  it('a folder with no usable scripts', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sb-no-scripts-'))
    mkdirSync(join(folder, 'notes'))
    writeFileSync(join(folder, 'cover.fountain'), Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10]))
    const result = await retrain(options({ scripts: [folder] }))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.message).toMatch(
        /not enough usable screenplay text.*cover\.fountain.*binary/
      )
    }
  })

  it('paths that hold no script files at all', async () => {
    const result = await retrain(options({ scripts: [join(tmpdir(), 'sb-does-not-exist')] }))
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input' } })
    if (!result.ok) expect(result.error.message).toMatch(/No script files were found/)
  })
})
