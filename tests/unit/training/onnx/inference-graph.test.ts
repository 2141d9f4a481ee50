import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as ort from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { referenceForward } from '../../../../training/model/reference-forward'
import { buildInferenceModel } from '../../../../training/onnx/inference-graph'
import { compileModel } from '../../../../training/onnx/compile'
import { loadConfigAndWeights } from '../../../../training/model/load-model'
import { unwrap } from '../../../../src/shared/result'
import { createTinyGPT2 } from '../../../fixtures/models/tiny-gpt2'

// Tolerances: fp32 graph vs the TypeScript reference differ only in summation order.
const FP32_TOLERANCE = 1e-4
// int8 weights (per-channel) with dynamically quantized activations: a few percent of the logit range.
const INT8_MAX_TOLERANCE = 0.6
const INT8_MEAN_TOLERANCE = 0.12

const { config, weights } = createTinyGPT2({ seed: 42 })
const H = config.heads
const D = config.embeddingSize / H
const V = config.vocabSize
const ids = [5, 17, 99, 3, 42, 7, 0, 100, 64, 64, 12, 8]
const reference = referenceForward(config, weights, ids) // (T, V)

interface Run {
  logits: Float32Array
  dims: readonly number[]
  present: ort.Tensor[]
}

async function run(
  session: ort.InferenceSession,
  rows: number[][],
  options: {
    past?: ort.Tensor[]
    pastLength?: number
    keep?: number
    mask?: number[][]
    positions?: number[][]
  } = {}
): Promise<Run> {
  const B = rows.length
  const T = rows[0].length
  const pastLength = options.pastLength ?? 0
  const mask = options.mask ?? rows.map(() => Array(pastLength + T).fill(1))
  const positions = options.positions ?? rows.map(() => rows[0].map((_, t) => pastLength + t))
  const int64 = (values: number[][], dims: number[]) =>
    new ort.Tensor('int64', BigInt64Array.from(values.flat(), BigInt), dims)
  const feeds: Record<string, ort.Tensor> = {
    input_ids: int64(rows, [B, T]),
    attention_mask: int64(mask, [B, mask[0].length]),
    position_ids: int64(positions, [B, T]),
    num_logits_to_keep: new ort.Tensor('int64', BigInt64Array.of(BigInt(options.keep ?? 0)), [])
  }
  for (let i = 0; i < config.layers; i++) {
    for (const [j, kind] of ['key', 'value'].entries()) {
      feeds[`past_key_values.${i}.${kind}`] =
        options.past?.[2 * i + j] ?? new ort.Tensor('float32', new Float32Array(0), [B, H, 0, D])
    }
  }
  const output = await session.run(feeds)
  const present: ort.Tensor[] = []
  for (let i = 0; i < config.layers; i++) {
    present.push(output[`present.${i}.key`], output[`present.${i}.value`])
  }
  return { logits: output.logits.data as Float32Array, dims: output.logits.dims, present }
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length)
  let max = 0
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]))
  return max
}

describe('GPT-2 inference graph (tiny random model)', () => {
  let fp32: ort.InferenceSession
  let int8: ort.InferenceSession
  beforeAll(async () => {
    fp32 = await ort.InferenceSession.create(buildInferenceModel(config, weights, 'fp32'))
    int8 = await ort.InferenceSession.create(buildInferenceModel(config, weights, 'int8'))
  })
  afterAll(async () => {
    await fp32?.release()
    await int8?.release()
  })

  it(`matches the reference forward within ${FP32_TOLERANCE} (all positions)`, async () => {
    const result = await run(fp32, [ids])
    expect(result.dims).toEqual([1, ids.length, V])
    expect(maxDifference(result.logits, reference)).toBeLessThan(FP32_TOLERANCE)
  })

  it('keeps only the last num_logits_to_keep positions', async () => {
    const result = await run(fp32, [ids], { keep: 2 })
    expect(result.dims).toEqual([1, 2, V])
    expect(maxDifference(result.logits, reference.subarray((ids.length - 2) * V))).toBeLessThan(
      FP32_TOLERANCE
    )
  })

  it('decodes with the KV cache: prefill, then several tokens after a cached prefix, then steps', async () => {
    const prefix = await run(fp32, [ids.slice(0, 5)])
    expect(prefix.present[0].dims).toEqual([1, H, 5, D])
    // seq > 1 with past > 0: the causal mask must offset by the cached length
    const middle = await run(fp32, [ids.slice(5, 9)], { past: prefix.present, pastLength: 5 })
    expect(maxDifference(middle.logits, reference.subarray(5 * V, 9 * V))).toBeLessThan(
      FP32_TOLERANCE
    )
    let past = middle.present
    for (let t = 9; t < ids.length; t++) {
      const step = await run(fp32, [[ids[t]]], { past, pastLength: t, keep: 1 })
      expect(maxDifference(step.logits, reference.subarray(t * V, (t + 1) * V))).toBeLessThan(
        FP32_TOLERANCE
      )
      past = step.present
    }
    expect(past[1].dims).toEqual([1, H, ids.length, D])
  })

  it('with a sequence-first cache, returns only the new keys and values, and decodes the same', async () => {
    const session = await ort.InferenceSession.create(
      buildInferenceModel(config, weights, 'fp32', { kvLayout: 'sequence-first' })
    )
    try {
      // The caller's cache: (L, B, H, D) per layer and kind, appended to after every run.
      const B = 2
      const rows = [ids.slice(0, 5), ids.slice(0, 5)]
      const cache: Float32Array[] = Array.from(
        { length: 2 * config.layers },
        () => new Float32Array(ids.length * B * H * D)
      )
      let length = 0
      const step = async (tokens: number[][], keep: number) => {
        const T = tokens[0].length
        const int64 = (values: number[], dims: number[]) =>
          new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims)
        const feeds: Record<string, ort.Tensor> = {
          input_ids: int64(tokens.flat(), [B, T]),
          attention_mask: int64(Array(B * (length + T)).fill(1), [B, length + T]),
          position_ids: int64(
            tokens.flatMap((row) => row.map((_, t) => length + t)),
            [B, T]
          ),
          num_logits_to_keep: int64([keep], [])
        }
        cache.forEach((buffer, index) => {
          const kind = index % 2 === 0 ? 'key' : 'value'
          feeds[`past_key_values.${index >> 1}.${kind}`] = new ort.Tensor(
            'float32',
            buffer.subarray(0, length * B * H * D),
            [length, B, H, D]
          )
        })
        const output = await session.run(feeds)
        cache.forEach((buffer, index) => {
          const kind = index % 2 === 0 ? 'key' : 'value'
          const fresh = output[`new.${index >> 1}.${kind}`]
          expect(fresh.dims).toEqual([T, B, H, D])
          buffer.set(fresh.data as Float32Array, length * B * H * D)
        })
        expect(Object.keys(output).some((name) => name.startsWith('present.'))).toBe(false)
        length += T
        return output.logits.data as Float32Array
      }
      const prefill = await step(rows, 0)
      for (const row of [0, 1]) {
        expect(
          maxDifference(
            prefill.subarray(row * 5 * V, (row + 1) * 5 * V),
            reference.subarray(0, 5 * V)
          )
        ).toBeLessThan(FP32_TOLERANCE)
      }
      for (let t = 5; t < ids.length; t++) {
        const logits = await step([[ids[t]], [ids[t]]], 1)
        for (const row of [0, 1]) {
          expect(
            maxDifference(
              logits.subarray(row * V, (row + 1) * V),
              reference.subarray(t * V, (t + 1) * V)
            )
          ).toBeLessThan(FP32_TOLERANCE)
        }
      }
    } finally {
      await session.release()
    }
  })

  it('ignores left padding through attention_mask (batch of two)', async () => {
    const short = ids.slice(0, 6)
    const padded = [0, 0, ...short]
    const result = await run(fp32, [ids.slice(0, 8), padded], {
      mask: [Array(8).fill(1), [0, 0, 1, 1, 1, 1, 1, 1]],
      positions: [
        [0, 1, 2, 3, 4, 5, 6, 7],
        [0, 0, 0, 1, 2, 3, 4, 5]
      ]
    })
    expect(result.dims).toEqual([2, 8, V])
    const second = result.logits.subarray(8 * V) // row 1, positions 0..7
    expect(maxDifference(second.subarray(2 * V), reference.subarray(0, 6 * V))).toBeLessThan(
      FP32_TOLERANCE
    )
    expect(
      maxDifference(result.logits.subarray(0, 8 * V), reference.subarray(0, 8 * V))
    ).toBeLessThan(FP32_TOLERANCE)
  })

  it(`int8 stays within ${INT8_MAX_TOLERANCE} (max) / ${INT8_MEAN_TOLERANCE} (mean) of the reference`, async () => {
    const result = await run(int8, [ids])
    let total = 0
    for (let i = 0; i < reference.length; i++) total += Math.abs(result.logits[i] - reference[i])
    expect(maxDifference(result.logits, reference)).toBeLessThan(INT8_MAX_TOLERANCE)
    expect(total / reference.length).toBeLessThan(INT8_MEAN_TOLERANCE)
    // The cached path stays within the same bounds (activation scales are per run, so it does
    // not reproduce the full pass bit for bit).
    const prefix = await run(int8, [ids.slice(0, 7)])
    const rest = await run(int8, [ids.slice(7)], { past: prefix.present, pastLength: 7 })
    expect(maxDifference(rest.logits, reference.subarray(7 * V))).toBeLessThan(INT8_MAX_TOLERANCE)
  })
})

const SHARED_MODEL = fileURLToPath(
  new URL('../../../../../shared/models/screenplay-gpt2-30m', import.meta.url)
)
const hasShared = existsSync(join(SHARED_MODEL, 'model.safetensors'))
if (!hasShared) console.warn(`Skipping the embedded-model parity test: ${SHARED_MODEL} is absent.`)

describe.skipIf(!hasShared)('embedded model (screenplay-gpt2-30m)', () => {
  const output = mkdtempSync(join(tmpdir(), 'embedded-onnx-'))
  afterAll(() => rmSync(output, { recursive: true, force: true }))

  it('compiles and matches the reference forward on a short prompt', async () => {
    const compiled = unwrap(
      await compileModel(SHARED_MODEL, { outputDir: output, precisions: ['fp32'] })
    )
    const model = unwrap(loadConfigAndWeights(SHARED_MODEL))
    // "INT. DINER - NIGHT\n\nJANE\n" in the GPT-2 BPE
    const prompt = [12394, 13, 360, 1268, 1137, 532, 37707, 628, 41, 30525, 198]
    const expected = referenceForward(model.config, model.weights, prompt)
    const session = await ort.InferenceSession.create(compiled.files.fp32!)
    try {
      const T = prompt.length
      const feeds: Record<string, ort.Tensor> = {
        input_ids: new ort.Tensor('int64', BigInt64Array.from(prompt, BigInt), [1, T]),
        attention_mask: new ort.Tensor('int64', new BigInt64Array(T).fill(1n), [1, T]),
        position_ids: new ort.Tensor('int64', BigInt64Array.from(prompt.keys(), BigInt), [1, T]),
        num_logits_to_keep: new ort.Tensor('int64', BigInt64Array.of(0n), [])
      }
      for (let i = 0; i < model.config.layers; i++) {
        for (const kind of ['key', 'value']) {
          feeds[`past_key_values.${i}.${kind}`] = new ort.Tensor(
            'float32',
            new Float32Array(0),
            [1, 6, 0, 64]
          )
        }
      }
      const logits = (await session.run(feeds)).logits.data as Float32Array
      expect(maxDifference(logits, expected)).toBeLessThan(2e-3)
    } finally {
      await session.release()
    }
  })
})
