import * as ort from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OnnxDecodeModel } from '../../../../training/inference/onnx-decode-model'
import { SequenceFirstDecodeModel } from '../../../../training/inference/sequence-first-decode-model'
import type { EngineModel } from '../../../../training/inference/engine'
import { createSession } from '../../../../training/inference/session'
import { referenceForward } from '../../../../training/model/reference-forward'
import { buildInferenceModel } from '../../../../training/onnx/inference-graph'
import { unwrap } from '../../../../src/shared/result'
import { createTinyGPT2 } from '../../../fixtures/models/tiny-gpt2'

const TOLERANCE = 1e-4
const { config, weights } = createTinyGPT2({ seed: 9, contextLength: 48 })
const V = config.vocabSize

/// The reference's next-token logits after `ids`.
function nextLogits(ids: readonly number[]): Float32Array {
  return referenceForward(config, weights, ids).subarray((ids.length - 1) * V)
}

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length)
  let max = 0
  for (let i = 0; i < actual.length; i++) max = Math.max(max, Math.abs(actual[i] - expected[i]))
  expect(max).toBeLessThan(TOLERANCE)
}

// The same behaviour with either cache layout: the whole cache returned every run (Optimum), or
// kept in the model's own buffers (sequence-first).
describe.each([
  ['OnnxDecodeModel (Optimum cache layout)', 'optimum'],
  ['SequenceFirstDecodeModel', 'sequence-first']
] as const)('%s', (_name, kvLayout) => {
  let session: ort.InferenceSession
  let model: EngineModel
  beforeAll(async () => {
    const created = unwrap(
      await createSession(buildInferenceModel(config, weights, 'fp32', { kvLayout }), {
        threads: 1
      })
    )
    session = created.session
    const shape = {
      layers: config.layers,
      heads: config.heads,
      headSize: config.embeddingSize / config.heads,
      vocabSize: V,
      contextLength: config.contextLength
    }
    model =
      kvLayout === 'optimum'
        ? new OnnxDecodeModel(session, shape)
        : new SequenceFirstDecodeModel(session, shape)
  })
  afterAll(async () => {
    await model?.release()
  })

  const prompt = [3, 14, 15, 92, 65, 35, 89, 79, 32, 38]

  it('prefills and steps several rows, matching the reference', async () => {
    model.clearCache()
    expectClose(await model.prefill(prompt, 3), nextLogits(prompt))
    expect(model.lastPrefill).toEqual({ promptTokens: 10, reusedTokens: 0, reusedFrom: 'none' })
    let rows = [[...prompt], [...prompt], [...prompt]]
    for (const tokens of [
      [1, 2, 3],
      [4, 4, 50]
    ]) {
      const logits = await model.step(tokens)
      rows = rows.map((row, i) => [...row, tokens[i]])
      rows.forEach((row, i) => expectClose(logits[i], nextLogits(row)))
    }
  })

  it('reuses the cached prompt when the new prompt extends it', async () => {
    model.clearCache()
    await model.prefill(prompt, 1)
    const longer = [...prompt, 7, 8, 9]
    expectClose(await model.prefill(longer, 1), nextLogits(longer))
    expect(model.lastPrefill).toEqual({ promptTokens: 13, reusedTokens: 10, reusedFrom: 'prompt' })
  })

  it('truncates the cache where the new prompt diverges inside it', async () => {
    model.clearCache()
    await model.prefill(prompt, 1)
    const diverged = [...prompt.slice(0, 6), 1, 2, 3]
    expectClose(await model.prefill(diverged, 2), nextLogits(diverged))
    expect(model.lastPrefill.reusedTokens).toBe(6)
    // Steps after a truncated, batch-expanded cache are still right.
    const logits = await model.step([11, 12])
    expectClose(logits[1], nextLogits([...diverged, 12]))
  })

  it('re-runs the last token when the prompt equals the cached one', async () => {
    model.clearCache()
    await model.prefill(prompt, 1)
    expectClose(await model.prefill(prompt, 1), nextLogits(prompt))
    expect(model.lastPrefill.reusedTokens).toBe(prompt.length - 1)
  })

  it("reuses a decoded row's cache (the writer accepted an alternative)", async () => {
    model.clearCache()
    await model.prefill(prompt, 2)
    await model.step([20, 30])
    await model.step([21, 31])
    // Row 1 now holds prompt + 30 + 31; the writer keeps it and types two more tokens.
    const next = [...prompt, 30, 31, 40, 41]
    expectClose(await model.prefill(next, 1), nextLogits(next))
    expect(model.lastPrefill).toEqual({ promptTokens: 14, reusedTokens: 12, reusedFrom: 'row' })
  })

  it("reuses a single row's decoded tokens, then the prompt cache, without mixing them up", async () => {
    model.clearCache()
    await model.prefill(prompt, 1)
    await model.step([20])
    await model.step([21])
    const kept = [...prompt, 20, 21, 22]
    expectClose(await model.prefill(kept, 1), nextLogits(kept))
    expect(model.lastPrefill).toEqual({ promptTokens: 13, reusedTokens: 12, reusedFrom: 'row' })
    const logits = await model.step([5])
    expectClose(logits[0], nextLogits([...kept, 5]))
    // Back to a prompt that parts from the decoded one inside the first prompt.
    const other = [...prompt.slice(0, 8), 1, 2]
    expectClose(await model.prefill(other, 2), nextLogits(other))
    const two = await model.step([3, 4])
    expectClose(two[0], nextLogits([...other, 3]))
    expectClose(two[1], nextLogits([...other, 4]))
  })

  it('prefills again with a different number of rows after decoding', async () => {
    model.clearCache()
    await model.prefill(prompt, 3)
    await model.step([5, 6, 7])
    const next = [...prompt, 6, 8]
    expectClose(await model.prefill(next, 2), nextLogits(next))
    const logits = await model.step([9, 10])
    expectClose(logits[0], nextLogits([...next, 9]))
    expectClose(logits[1], nextLogits([...next, 10]))
  })

  it('scores a whole window from scratch, leaving the caches alone', async () => {
    model.clearCache()
    await model.prefill(prompt, 2)
    const all = await model.logitsOf(prompt)
    expectClose(all.subarray((prompt.length - 1) * V), nextLogits(prompt))
    const logits = await model.step([1, 2])
    expectClose(logits[1], nextLogits([...prompt, 2]))
  })

  it('refuses misuse with clear errors', async () => {
    model.clearCache()
    await expect(model.step([1])).rejects.toThrow(/before prefill/)
    await expect(model.prefill([], 1)).rejects.toThrow(/at least one/)
    await expect(model.prefill(Array(config.contextLength + 1).fill(1), 1)).rejects.toThrow(
      /context is 48/
    )
    await model.prefill(prompt, 2)
    await expect(model.step([1])).rejects.toThrow(/1 tokens for 2 rows/)
    const controller = new AbortController()
    controller.abort()
    await expect(model.step([1, 2], controller.signal)).rejects.toThrow()
  })
})

describe('createSession', () => {
  it('falls back to the next provider and records why', async () => {
    const bytes = buildInferenceModel(config, weights, 'fp32')
    // 'cuda' loads only where CUDA is installed; on other machines the fallback reason is kept.
    const created = unwrap(
      await createSession(bytes, { executionProviders: ['cuda', 'cpu'], threads: 1 })
    )
    if (created.provider === 'cpu') {
      expect(created.fallbacks).toHaveLength(1)
      expect(created.fallbacks[0].provider).toBe('cuda')
      expect(created.fallbacks[0].reason.length).toBeGreaterThan(0)
    } else {
      expect(created.fallbacks).toEqual([])
    }
    await created.session.release()
  })
})
