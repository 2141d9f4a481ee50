import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { readSafetensorsFolder } from '../../../../training/model/safetensors'
import { retrain, type RetrainOptions } from '../../../../training/retrain/run-retraining'
import { loadBestWeights } from '../../../../training/train/checkpoint'
import { createTinyGPT2, writeTinyGPT2Folder } from '../../../fixtures/models/tiny-gpt2'

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

  it('a training backend asked for that is not installed, before any work', async () => {
    const events: string[] = []
    const result = await retrain(options({ backend: 'tfjs-node-gpu' }), {
      onEvent: (event) => events.push(event.type)
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input' } })
    if (!result.ok) {
      expect(result.error.message).toMatch(/npm install @tensorflow\/tfjs-node-gpu.*backend auto/)
    }
    expect(events).toEqual([])
  })

  it('paths that hold no script files at all', async () => {
    const result = await retrain(options({ scripts: [join(tmpdir(), 'sb-does-not-exist')] }))
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input' } })
    if (!result.ok) expect(result.error.message).toMatch(/No script files were found/)
  })
})

// A tiny model (character tokenizer) so a whole run takes seconds: the learning rate is far too
// high, so the held-out loss rises after its first validations and early stopping ends the run.
describe('a retraining run that overshoots', () => {
  it("stops early and writes the best step's weights, with that step in the provenance", async () => {
    const tiny = mkdtempSync(join(tmpdir(), 'sb-tiny-base-'))
    writeTinyGPT2Folder(tiny, createTinyGPT2({ vocabSize: 101, contextLength: 64 }), {
      tokenizer: true
    })
    const events: string[] = []
    let chosen: { name: string; reason: string } | undefined
    const run = options({
      baseModel: tiny,
      steps: 60,
      learningRate: 0.01,
      batchSize: 2,
      contextLength: 32,
      evaluationInterval: 2,
      checkpointInterval: 10,
      sampleInterval: 0,
      earlyStoppingPatience: 2
    })
    const result = await retrain(run, {
      onEvent: (event) => {
        events.push(event.type)
        if (event.type === 'backends') chosen = event.chosen
      }
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.stoppedEarly).toBe(true)
    expect(result.value.steps).toBeLessThan(60)
    expect(result.value.bestStep).toBe((result.value.steps as number) - 4)
    expect(events[0]).toBe('backends')
    // tfjs-node-gpu is not installed here, so 'auto' (the default) trains on onnxruntime
    expect(chosen).toMatchObject({ name: 'onnxruntime-cpu', reason: /^auto: tfjs-node-gpu is/ })
    const manifest = JSON.parse(readFileSync(join(run.outputDir, 'script-buddy.json'), 'utf8'))
    expect(manifest.training).toMatchObject({
      steps: result.value.steps,
      bestStep: result.value.bestStep,
      stoppedEarly: true,
      validationBefore: result.value.validationBefore,
      validationAfter: result.value.validationAfter
    })
    // The model folder holds exactly the best step's weights, not the last step's.
    const best = await loadBestWeights(join(run.outputDir, 'checkpoint'))
    const model = readSafetensorsFolder(run.outputDir)
    expect(model.ok && best).toBeTruthy()
    if (!model.ok || !best) return
    expect(best.step).toBe(result.value.bestStep)
    for (const name of ['transformer.wte.weight', 'transformer.h.1.mlp.c_fc.weight']) {
      expect(model.value.float32(name)).toEqual(best.weights.get(name))
    }
  }, 120_000)
})

describe('starting afresh under the name of an earlier run', () => {
  it('drops the earlier checkpoints, so a later resume continues the new run', async () => {
    const tiny = mkdtempSync(join(tmpdir(), 'sb-tiny-base-'))
    writeTinyGPT2Folder(tiny, createTinyGPT2({ vocabSize: 101, contextLength: 64 }), {
      tokenizer: true
    })
    const run = options({
      baseModel: tiny,
      steps: 8,
      learningRate: 1e-3,
      batchSize: 2,
      contextLength: 32,
      checkpointInterval: 4,
      sampleInterval: 0
    })
    expect((await retrain(run)).ok).toBe(true)
    expect((await retrain({ ...run, steps: 4 })).ok).toBe(true)
    const resumed: number[] = []
    const result = await retrain(
      { ...run, steps: 6, resume: true },
      { onEvent: (event) => (event.type === 'resumed' ? resumed.push(event.step) : undefined) }
    )
    expect(resumed).toEqual([4])
    expect(result).toMatchObject({ ok: true, value: { steps: 6 } })
  }, 120_000)

  it('continues a run paused on onnxruntime on the TensorFlow.js backend', async () => {
    const tiny = mkdtempSync(join(tmpdir(), 'sb-tiny-base-'))
    writeTinyGPT2Folder(tiny, createTinyGPT2({ vocabSize: 101, contextLength: 64 }), {
      tokenizer: true
    })
    const run = options({
      baseModel: tiny,
      steps: 4,
      learningRate: 1e-3,
      batchSize: 2,
      contextLength: 32,
      checkpointInterval: 4,
      sampleInterval: 0,
      backend: 'onnxruntime-cpu'
    })
    expect((await retrain(run)).ok).toBe(true)
    const seen: { resumed?: number; chosen?: string } = {}
    const result = await retrain(
      { ...run, steps: 6, resume: true, backend: 'tfjs-cpu' },
      {
        onEvent: (event) => {
          if (event.type === 'resumed') seen.resumed = event.step
          if (event.type === 'backends') seen.chosen = event.chosen?.name
        }
      }
    )
    expect(seen).toEqual({ resumed: 4, chosen: 'tfjs-cpu' })
    expect(result).toMatchObject({
      ok: true,
      value: { steps: 6, status: 'done', backend: 'tfjs-cpu' }
    })
  }, 120_000)
})
