import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadEngine, type Engine } from '../../../../training/inference/engine'
import { generate, resolveGenerationConfig } from '../../../../src/shared/generation'
import { referenceForward } from '../../../../training/model/reference-forward'
import { unwrap } from '../../../../src/shared/result'
import { createTinyGPT2, writeTinyGPT2Folder } from '../../../fixtures/models/tiny-gpt2'

const root = mkdtempSync(join(tmpdir(), 'engine-test-'))
const model = createTinyGPT2({ seed: 5, contextLength: 32 })
const folder = join(root, 'tiny')
writeTinyGPT2Folder(folder, model, { tokenizer: true })

/// Reference loss: every token after the first, in non-overlapping windows of `context` inputs.
function referenceNats(ids: number[], context: number): number {
  let total = 0
  for (let begin = 0; begin < ids.length - 1; begin += context) {
    const end = Math.min(begin + context, ids.length - 1)
    const logits = referenceForward(model.config, model.weights, ids.slice(begin, end))
    const V = model.config.vocabSize
    for (let t = 0; t < end - begin; t++) {
      const row = logits.subarray(t * V, (t + 1) * V)
      const max = Math.max(...row)
      const sum = row.reduce((acc, x) => acc + Math.exp(x - max), 0)
      total += max + Math.log(sum) - row[ids[begin + t + 1]]
    }
  }
  return total
}

describe('inference engine (tiny model, character tokenizer)', () => {
  let engine: Engine
  beforeAll(async () => {
    engine = unwrap(await loadEngine(folder, { precision: 'fp32', threads: 1 }))
  })
  afterAll(async () => {
    await engine?.release()
    rmSync(root, { recursive: true, force: true })
  })

  it('compiles on first use and reports the provider', () => {
    // The graph that keeps the KV cache in the engine's buffers (sequence-first-decode-model.ts).
    expect(engine.onnxPath).toBe(join(folder, 'onnx', 'model.seqkv.onnx'))
    expect(engine.kvLayout).toBe('sequence-first')
    expect(engine.provider).toBe('cpu')
    expect(engine.config.contextLength).toBe(32)
  })

  it('evaluates nats/token and bits/word like the reference, with any stride', async () => {
    const texts = [
      'INT. ROOM - DAY\n\nShe waits by the window.',
      'EXT. ROAD - NIGHT\n\nRain on the car roof.'
    ]
    const ids = [
      ...engine.tokenizer.encode(texts[0]),
      model.config.eosTokenId,
      ...engine.tokenizer.encode(texts[1])
    ]
    const expected = referenceNats(ids, 16)
    const result = await engine.evaluate(texts, { contextLength: 16 })
    expect(result.tokens).toBe(ids.length - 1)
    expect(result.words).toBe(18)
    expect(result.totalNats).toBeCloseTo(expected, 2)
    expect(result.natsPerToken).toBeCloseTo(expected / (ids.length - 1), 4)
    expect(result.bitsPerWord).toBeCloseTo(expected / Math.LN2 / 18, 3)
    // Overlapping windows give every token more context, so a different (but finite) total.
    const strided = await engine.evaluate(texts, { contextLength: 16, stride: 8 })
    expect(strided.tokens).toBe(ids.length - 1)
    expect(Number.isFinite(strided.natsPerToken)).toBe(true)
    expect(strided.totalNats).not.toBeCloseTo(expected, 2)
  })

  it('samples reproducibly from a seed through the shared decode loop', async () => {
    const prompt = engine.tokenizer.encode('INT. ')
    const run = async (seed: number) => {
      const config = unwrap(
        resolveGenerationConfig({
          alternatives: 2,
          maxNewTokens: 8,
          seed,
          topK: 10,
          temperature: 0.8,
          eosTokenId: null
        })
      )
      return (await generate(engine.model, engine.tokenizer, prompt, config)).alternatives.map(
        (alternative) => alternative.tokenIds
      )
    }
    const first = await run(11)
    expect(await run(11)).toEqual(first)
    expect(first[0]).toHaveLength(8)
    expect(await run(12)).not.toEqual(first)
  })

  it('reports a bad model folder', async () => {
    const result = await loadEngine(join(root, 'nothing'))
    expect(!result.ok && result.error.message).toMatch(/does not exist/)
  })
})

describe('inference engine window', () => {
  it("keeps prompt and output inside the manifest's trained context, not all of n_positions", async () => {
    const trained = join(root, 'trained-at-16')
    writeTinyGPT2Folder(trained, model, { tokenizer: true })
    writeFileSync(join(trained, 'script-buddy.json'), JSON.stringify({ trainedContextLength: 16 }))
    const engine = unwrap(await loadEngine(trained, { precision: 'fp32', threads: 1 }))
    try {
      expect(engine.config.contextLength).toBe(16)
      expect(engine.model.contextLength).toBe(16)
      // A budget past the window is cut to it: 10 prompt tokens leave room for 6.
      const config = unwrap(
        resolveGenerationConfig({ maxNewTokens: 30, eosTokenId: null, seed: 1 })
      )
      const result = await generate(
        engine.model,
        engine.tokenizer,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        config
      )
      expect(result.alternatives[0].tokenIds).toHaveLength(6)
    } finally {
      await engine.release()
    }
  })
})
