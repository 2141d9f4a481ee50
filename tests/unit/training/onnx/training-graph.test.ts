// Gradient parity: the hand-written backward in the ONNX training graph against TensorFlow.js
// autodiff of an independently written GPT-2 forward (the TensorFlow.js backend's model,
// training/train/tfjs/gpt2-loss.ts), on a tiny seeded model.
import { beforeAll, describe, expect, it } from 'vitest'
import * as tf from '@tensorflow/tfjs'
import type * as ort from 'onnxruntime-node'
import {
  buildGradientGraph,
  buildLossGraph,
  optimizerNames,
  trainingNames
} from '../../../../training/onnx/training-graph'
import { parameterSpecs } from '../../../../training/train/gpt2-shapes'
import { createTrainingSession } from '../../../../training/train/session'
import { gpt2Loss, gpt2Parameters, tokenIds } from '../../../../training/train/tfjs/gpt2-loss'
import {
  randomTokens,
  randomWeights,
  relativeError,
  TINY,
  TINY_BATCH,
  tokenTensor,
  weightFeeds
} from '../train/fixtures'

// float32 on both sides, different summation orders: 1e-3 of the tensor's largest gradient.
const TOLERANCE = 1e-3

const weights = randomWeights(TINY, 7)
const tokens = randomTokens(TINY, TINY_BATCH.batchSize, TINY_BATCH.sequenceLength, 11)
// a repeated token inside one row and across rows, so the embedding scatter must add, not assign
tokens[0][3] = tokens[0][1]
tokens[1][2] = tokens[0][1]

let reference: { loss: number; gradients: Float32Array[] }

beforeAll(async () => {
  await tf.setBackend('cpu')
  const parameters = gpt2Parameters(tf, TINY, weights)
  const { value, grads } = tf.tidy(() => {
    const ids = tokenIds(tf, tokens)
    const lossOf = (...tensors: tf.Tensor[]): tf.Scalar => gpt2Loss(tf, TINY, ids, tensors)
    const gradients = tf.grads(lossOf)(parameters)
    return { value: lossOf(...parameters), grads: gradients }
  })
  reference = {
    loss: (await value.data())[0],
    gradients: await Promise.all(grads.map(async (grad) => (await grad.data()) as Float32Array))
  }
  tf.dispose([value, ...grads, ...parameters])
})

async function runGradients(
  accumulated?: ort.InferenceSession.OnnxValueMapType,
  headChunkRows?: number
): Promise<ort.InferenceSession.OnnxValueMapType> {
  const model = buildGradientGraph(TINY, TINY_BATCH, {
    accumulate: accumulated !== undefined,
    ...(headChunkRows ? { headChunkRows } : {})
  })
  const session = await createTrainingSession(model)
  const feeds: Record<string, ort.OnnxValue> = {
    ...weightFeeds(TINY, weights),
    [trainingNames.inputIds]: tokenTensor(tokens)
  }
  for (const spec of parameterSpecs(TINY)) {
    if (accumulated) {
      feeds[trainingNames.accumulatedGradient(spec.name)] =
        accumulated[optimizerNames.gradient(spec.name)]
    }
  }
  try {
    return await session.run(feeds)
  } finally {
    await session.release()
  }
}

describe('GPT-2 training graph against TensorFlow.js autodiff', () => {
  it('computes the same mean cross-entropy', async () => {
    const results = await runGradients()
    const loss = results[trainingNames.loss].data[0] as number
    expect(Math.abs(loss - reference.loss)).toBeLessThan(1e-4)
    // a random tiny model predicts near-uniformly: the loss is near ln(V), not a fluke value
    expect(Math.abs(loss - Math.log(TINY.vocab_size))).toBeLessThan(1.5)
  })

  // 16 rows: one head chunk by default; 5 rows per chunk gives chunks of 5, 5, 5 and 1
  for (const headChunkRows of [undefined, 5]) {
    const chunks = headChunkRows ? `head in chunks of ${headChunkRows} rows` : 'head in one chunk'
    it(`matches every parameter's gradient (relative error < ${TOLERANCE}), ${chunks}`, async () => {
      const results = await runGradients(undefined, headChunkRows)
      expect(
        Math.abs((results[trainingNames.loss].data[0] as number) - reference.loss)
      ).toBeLessThan(1e-4)
      const errors = parameterSpecs(TINY).map((spec, index) => {
        const gradient = results[optimizerNames.gradient(spec.name)].data as Float32Array
        const expected = reference.gradients[index]
        // a gradient of all zeros would pass a relative check against zeros: make sure it is not
        expect(Math.max(...expected.map(Math.abs)), spec.name).toBeGreaterThan(1e-6)
        return { name: spec.name, error: relativeError(gradient, expected) }
      })
      for (const { name, error } of errors) expect(error, name).toBeLessThan(TOLERANCE)
    })
  }

  it('leaves the position-embedding rows past T with zero gradient', async () => {
    const results = await runGradients()
    const gradient = results[optimizerNames.gradient('transformer.wpe.weight')].data as Float32Array
    const C = TINY.n_embd
    const rest = gradient.subarray(TINY_BATCH.sequenceLength * C)
    expect(rest.length).toBe((TINY.n_positions - TINY_BATCH.sequenceLength) * C)
    expect(rest.every((value) => value === 0)).toBe(true)
  })

  it('at T = n_positions gives the same gradients as with spare position rows', async () => {
    const T = TINY_BATCH.sequenceLength
    const full = { ...TINY, n_positions: T }
    const fullWeights = new Map(weights)
    const wpe = weights.get('transformer.wpe.weight') as Float32Array
    fullWeights.set('transformer.wpe.weight', wpe.subarray(0, T * TINY.n_embd))
    const session = await createTrainingSession(
      buildGradientGraph(full, TINY_BATCH, { accumulate: false })
    )
    const results = await session.run({
      ...weightFeeds(full, fullWeights),
      [trainingNames.inputIds]: tokenTensor(tokens)
    })
    await session.release()
    const padded = await runGradients()
    for (const spec of parameterSpecs(full)) {
      const name = optimizerNames.gradient(spec.name)
      const expected = (padded[name].data as Float32Array).subarray(0, results[name].data.length)
      expect(relativeError(results[name].data as Float32Array, expected), name).toBeLessThan(1e-6)
    }
  })

  it('accumulates: fed its own gradients back, the gradient graph outputs twice them', async () => {
    const first = await runGradients()
    const second = await runGradients(first)
    for (const spec of parameterSpecs(TINY)) {
      const once = first[optimizerNames.gradient(spec.name)].data as Float32Array
      const twice = second[optimizerNames.gradient(spec.name)].data as Float32Array
      expect(
        relativeError(
          twice,
          once.map((value) => 2 * value)
        ),
        spec.name
      ).toBeLessThan(1e-6)
    }
  })

  it('the forward-only loss graph gives the same loss', async () => {
    const session = await createTrainingSession(buildLossGraph(TINY, TINY_BATCH))
    const results = await session.run({
      ...weightFeeds(TINY, weights),
      [trainingNames.inputIds]: tokenTensor(tokens)
    })
    await session.release()
    expect(Math.abs((results.loss.data[0] as number) - reference.loss)).toBeLessThan(1e-4)
  })
})
