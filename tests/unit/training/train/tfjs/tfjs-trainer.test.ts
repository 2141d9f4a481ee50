// The TensorFlow.js backend against the ONNX one: from the same weights and batches, the same
// losses, gradient norms and weights step after step; a checkpoint written by either resumes on
// the other. Pure @tensorflow/tfjs on its CPU backend, tiny model: the same code runs on
// @tensorflow/tfjs-node-gpu where a writer installed it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BatchSampler } from '../../../../../training/train/batches'
import { loadCheckpoint, saveCheckpoint } from '../../../../../training/train/checkpoint'
import { initialWeights } from '../../../../../training/train/initial-weights'
import type {
  ModelTrainer,
  StepResult,
  TrainerSetup
} from '../../../../../training/train/model-trainer'
import { TfjsTrainer } from '../../../../../training/train/tfjs/tfjs-trainer'
import { Trainer } from '../../../../../training/train/trainer'
import { randomWeights, relativeError, TINY, TINY_BATCH } from '../fixtures'

// float32 on both sides with different summation orders. Measured here over 5 steps: losses agree
// to 2.4e-7, gradient norms to 1.7e-7 relative, every weight and moment tensor to 2e-5 of its
// largest value, except the key biases (below); the tolerances leave a margin for other CPUs.
const LOSS_TOLERANCE = 1e-5
const NORM_TOLERANCE = 1e-5
const WEIGHT_TOLERANCE = 1e-4
// The key bias adds the same q·b_k to every score of a row, which softmax ignores: its exact
// gradient is zero, so both backends' gradients there are rounding noise (its moments are noise,
// and are not compared), which AdamW's m/√v turns into updates of up to the learning rate.
// Measured: key biases agree to 4e-5 of the tensor's largest value.
const KEY_BIAS_TOLERANCE = 1e-3
const STEPS = 5

const PHRASE = [3, 14, 15, 9, 26, 5, 35, 8, 9, 7, 21, 30]
const TOKENS = Array.from({ length: 400 }, (_, i) => PHRASE[(i * 7) % PHRASE.length] + (i % 3))

const directories: string[] = []
beforeAll(async () => {
  await tf.setBackend('cpu')
})
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true })
})

function batches(count: number, seed: number): BigInt64Array[] {
  const sampler = new BatchSampler(TOKENS, TINY_BATCH, 'random', seed)
  return Array.from({ length: count }, () => sampler.next())
}

async function run(
  trainer: ModelTrainer,
  microBatches: BigInt64Array[],
  learningRate = 3e-3
): Promise<StepResult[]> {
  const results: StepResult[] = []
  const A = trainer.accumulationSteps
  for (let i = 0; i < microBatches.length; i += A) {
    results.push(await trainer.trainStep(microBatches.slice(i, i + A), learningRate))
  }
  return results
}

function expectSameSteps(actual: StepResult[], expected: StepResult[]): void {
  expect(actual).toHaveLength(expected.length)
  actual.forEach((step, i) => {
    expect(Math.abs(step.loss - expected[i].loss)).toBeLessThan(LOSS_TOLERANCE)
    expect(Math.abs(step.gradNorm - expected[i].gradNorm) / expected[i].gradNorm).toBeLessThan(
      NORM_TOLERANCE
    )
  })
}

function expectSameWeights(actual: ModelTrainer, expected: ModelTrainer): void {
  const a = actual.state()
  const b = expected.state()
  expect(a.step).toBe(b.step)
  const C = TINY.n_embd
  for (const key of ['parameters', 'firstMoments', 'secondMoments'] as const) {
    for (const [name, values] of b[key]) {
      const other = a[key].get(name) as Float32Array
      const label = `${key} ${name}`
      if (!name.endsWith('attn.c_attn.bias')) {
        expect(relativeError(other, values), label).toBeLessThan(WEIGHT_TOLERANCE)
        continue
      }
      // (3C) = query, key, value biases
      const parts = (data: Float32Array): Float32Array[] => [
        Float32Array.from([...data.subarray(0, C), ...data.subarray(2 * C)]),
        data.subarray(C, 2 * C)
      ]
      const [queryValue, keyBias] = parts(values)
      const [otherQueryValue, otherKeyBias] = parts(other)
      expect(relativeError(otherQueryValue, queryValue), label).toBeLessThan(WEIGHT_TOLERANCE)
      if (key !== 'parameters') continue
      expect(relativeError(otherKeyBias, keyBias), `${label} (key)`).toBeLessThan(
        KEY_BIAS_TOLERANCE
      )
    }
  }
}

describe('TfjsTrainer against the ONNX Trainer', () => {
  // Decay, clipping (max norm 0.5 is below every step's norm here) and the bias corrections all act;
  // with accumulation, the token embedding also trains at its own rate.
  const setup = (accumulationSteps: number): TrainerSetup => ({
    config: TINY,
    batch: TINY_BATCH,
    weights: randomWeights(TINY, 21, 0.05),
    adamW: {
      weightDecay: 0.1,
      maxGradNorm: 0.5,
      embeddingLearningRateScale: accumulationSteps > 1 ? 0.3 : 1
    },
    accumulationSteps
  })

  for (const accumulationSteps of [1, 2]) {
    it(`takes the same ${STEPS} steps from the same weights (${accumulationSteps} micro-batch${accumulationSteps > 1 ? 'es' : ''} a step)`, async () => {
      const data = batches(STEPS * accumulationSteps, 9)
      const onnx = await Trainer.create(setup(accumulationSteps))
      const tfjs = await TfjsTrainer.create({ ...setup(accumulationSteps), tf })
      const expected = await run(onnx, data)
      const actual = await run(tfjs, data)
      expect(expected.every((step) => step.gradNorm > 0.5)).toBe(true)
      expectSameSteps(actual, expected)
      expectSameWeights(tfjs, onnx)
      expect(await tfjs.evaluate(data[0])).toBeCloseTo(await onnx.evaluate(data[0]), 5)
      await onnx.dispose()
      await tfjs.dispose()
    })
  }

  it('keeps the same number of tensors alive from one step to the next (nothing leaks)', async () => {
    const tfjs = await TfjsTrainer.create({ ...setup(2), tf })
    const data = batches(6, 4)
    await run(tfjs, data.slice(0, 2))
    const before = tf.memory().numTensors
    await run(tfjs, data.slice(2))
    await tfjs.evaluate(data[0])
    expect(tf.memory().numTensors).toBe(before)
    await tfjs.dispose()
  })
})

describe('a checkpoint written on one backend', () => {
  const options = { config: TINY, batch: TINY_BATCH, weights: randomWeights(TINY, 3, 0.05) }

  for (const [from, to] of [
    ['onnxruntime', 'TensorFlow.js'],
    ['TensorFlow.js', 'onnxruntime']
  ] as const) {
    it(`resumes on the other (${from} → ${to}) with the same next losses`, async () => {
      const open = (name: string, start: Partial<TrainerSetup>): Promise<ModelTrainer> =>
        name === 'onnxruntime'
          ? Trainer.create({ ...options, ...start })
          : TfjsTrainer.create({ ...options, ...start, tf })
      const data = batches(6, 13)
      const writer = await open(from, {})
      await run(writer, data.slice(0, 4))
      const directory = await mkdtemp(join(tmpdir(), 'cross-backend-'))
      directories.push(directory)
      const saved = await saveCheckpoint(directory, {
        config: TINY,
        state: writer.state(),
        metadata: {}
      })
      const expected = await run(writer, data.slice(4))
      const checkpoint = await loadCheckpoint(saved)
      const resumed = await open(to, { state: checkpoint.state })
      expect(resumed.step).toBe(4)
      expectSameSteps(await run(resumed, data.slice(4)), expected)
      expectSameWeights(resumed, writer)
      await writer.dispose()
      await resumed.dispose()
    })
  }
})

describe('TfjsTrainer on its own', () => {
  it('drives the loss on a repetitive sequence far down in 60 steps', async () => {
    const tokens = Array.from({ length: 400 }, (_, i) => PHRASE[i % 10])
    const trainer = await TfjsTrainer.create({
      tf,
      config: TINY,
      batch: TINY_BATCH,
      weights: initialWeights(TINY, 1),
      adamW: { weightDecay: 0 }
    })
    const sampler = new BatchSampler(tokens, TINY_BATCH, 'random', 42)
    const losses: number[] = []
    for (let step = 0; step < 60; step++) {
      losses.push((await trainer.trainStep([sampler.next()], 3e-3)).loss)
    }
    await trainer.dispose()
    expect(trainer.step).toBe(60)
    // starts near ln(37) = 3.61; a model that learnt the phrase is well under 0.5
    expect(losses[0]).toBeGreaterThan(3)
    expect(Math.min(...losses.slice(-5))).toBeLessThan(0.5)
  })

  it('refuses a batch of the wrong size and the wrong number of micro-batches', async () => {
    const trainer = await TfjsTrainer.create({
      tf,
      config: TINY,
      batch: TINY_BATCH,
      weights: initialWeights(TINY, 1)
    })
    await expect(trainer.trainStep([new BigInt64Array(5)], 1e-3)).rejects.toThrow(/B·\(T\+1\)/)
    await expect(trainer.trainStep([], 1e-3)).rejects.toThrow(/expected 1 micro-batches/)
    await trainer.dispose()
  })
})
