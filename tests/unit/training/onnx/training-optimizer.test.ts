// AdamW and global-norm clipping inside the graphs, against a float64 reference written here
// from the PyTorch formulas (torch.optim.AdamW, torch.nn.utils.clip_grad_norm_).
import { beforeAll, describe, expect, it } from 'vitest'
import * as ort from 'onnxruntime-node'
import {
  buildGradientGraph,
  buildOptimizerGraph,
  buildTrainingStepGraph,
  optimizerInputs,
  optimizerNames,
  trainingNames
} from '../../../../training/onnx/training-graph'
import { parameterSpecs, type ParameterSpec } from '../../../../training/train/gpt2-shapes'
import { SeededRandom } from '../../../../training/train/random'
import { createTrainingSession } from '../../../../training/train/session'
import {
  randomTokens,
  randomWeights,
  relativeError,
  TINY,
  TINY_BATCH,
  tokenTensor,
  weightFeeds
} from '../train/fixtures'

const specs = parameterSpecs(TINY)
const weights = randomWeights(TINY, 3)
const tokens = tokenTensor(randomTokens(TINY, TINY_BATCH.batchSize, TINY_BATCH.sequenceLength, 5))
const hyper = { lr: 0.01, wd: 0.1, beta1: 0.9, beta2: 0.95, eps: 1e-8, step: 3 }
const TOKEN_EMBEDDING = 'transformer.wte.weight'

// moments as they might be after a few steps: m around 0, v positive
const random = new SeededRandom(9)
const firstMoments = new Map(
  specs.map((spec) => [spec.name, weights.get(spec.name)!.map(() => 0.01 * random.normal())])
)
const secondMoments = new Map(
  specs.map((spec) => [spec.name, weights.get(spec.name)!.map(() => 1e-4 * random.next())])
)

let gradients: Map<string, Float32Array>
let norm: number

beforeAll(async () => {
  const session = await createTrainingSession(
    buildGradientGraph(TINY, TINY_BATCH, { accumulate: false })
  )
  const results = await session.run({ ...weightFeeds(TINY, weights), input_ids: tokens })
  await session.release()
  gradients = new Map(
    specs.map((spec) => [
      spec.name,
      results[optimizerNames.gradient(spec.name)].data as Float32Array
    ])
  )
  norm = Math.sqrt(
    [...gradients.values()].reduce((sum, g) => sum + g.reduce((s, x) => s + x * x, 0), 0)
  )
})

function scalar(value: number): ort.Tensor {
  return new ort.Tensor('float32', Float32Array.of(value), [])
}

function stateFeeds(maxGradNorm: number, embeddingScale = 1): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = weightFeeds(TINY, weights)
  for (const spec of specs) {
    const shape = [...spec.shape]
    feeds[optimizerNames.firstMoment(spec.name)] = new ort.Tensor(
      'float32',
      firstMoments.get(spec.name)!,
      shape
    )
    feeds[optimizerNames.secondMoment(spec.name)] = new ort.Tensor(
      'float32',
      secondMoments.get(spec.name)!,
      shape
    )
  }
  feeds[optimizerInputs.learningRate] = scalar(hyper.lr)
  feeds[optimizerInputs.weightDecay] = scalar(hyper.wd)
  feeds[optimizerInputs.beta1] = scalar(hyper.beta1)
  feeds[optimizerInputs.beta2] = scalar(hyper.beta2)
  feeds[optimizerInputs.epsilon] = scalar(hyper.eps)
  feeds[optimizerInputs.biasCorrection1] = scalar(1 - hyper.beta1 ** hyper.step)
  feeds[optimizerInputs.biasCorrection2] = scalar(1 - hyper.beta2 ** hyper.step)
  feeds[optimizerInputs.maxGradNorm] = scalar(maxGradNorm)
  feeds[optimizerInputs.embeddingLearningRateScale] = scalar(embeddingScale)
  return feeds
}

/// PyTorch AdamW in float64, one parameter.
function referenceAdamW(spec: ParameterSpec, clip: number, embeddingScale = 1) {
  const lr = spec.name === TOKEN_EMBEDDING ? hyper.lr * embeddingScale : hyper.lr
  const p = weights.get(spec.name)!
  const g = gradients.get(spec.name)!
  const m0 = firstMoments.get(spec.name)!
  const v0 = secondMoments.get(spec.name)!
  const bc1 = 1 - hyper.beta1 ** hyper.step
  const bc2 = 1 - hyper.beta2 ** hyper.step
  const m = new Float64Array(p.length)
  const v = new Float64Array(p.length)
  const delta = new Float64Array(p.length)
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] * clip
    m[i] = hyper.beta1 * m0[i] + (1 - hyper.beta1) * gi
    v[i] = hyper.beta2 * v0[i] + (1 - hyper.beta2) * gi * gi
    const decayed = spec.decay ? p[i] * (1 - lr * hyper.wd) : p[i]
    const update = (lr / bc1) * (m[i] / (Math.sqrt(v[i] / bc2) + hyper.eps))
    delta[i] = decayed - update - p[i]
  }
  return { m, v, delta }
}

function expectMatchesReference(
  results: ort.InferenceSession.ReturnType,
  clip: number,
  embeddingScale = 1
): void {
  for (const spec of specs) {
    const { m, v, delta } = referenceAdamW(spec, clip, embeddingScale)
    const updated = results[optimizerNames.updated(spec.name)].data as Float32Array
    const p = weights.get(spec.name)!
    const actualDelta = updated.map((value, i) => value - p[i])
    const first = optimizerNames.updated(optimizerNames.firstMoment(spec.name))
    const second = optimizerNames.updated(optimizerNames.secondMoment(spec.name))
    expect(relativeError(results[first].data as Float32Array, m), spec.name).toBeLessThan(1e-5)
    expect(relativeError(results[second].data as Float32Array, v), spec.name).toBeLessThan(1e-5)
    // the step is ~1e-2 of the weights: compare it, not the weights, to see float32 rounding only
    expect(relativeError(actualDelta, delta), spec.name).toBeLessThan(1e-3)
  }
}

describe('AdamW and clipping in the training-step graph', () => {
  let step: ort.InferenceSession
  beforeAll(async () => {
    step = await createTrainingSession(buildTrainingStepGraph(TINY, TINY_BATCH))
  })

  it('without clipping, matches PyTorch AdamW computed in float64', async () => {
    const results = await step.run({ ...stateFeeds(Infinity), input_ids: tokens })
    expect(results[optimizerNames.gradNorm].data[0]).toBeCloseTo(norm, 4)
    expectMatchesReference(results, 1)
  })

  it("scales the token embedding's learning rate alone; 0 freezes it", async () => {
    const half = await step.run({ ...stateFeeds(Infinity, 0.5), input_ids: tokens })
    expectMatchesReference(half, 1, 0.5)
    const frozen = await step.run({ ...stateFeeds(Infinity, 0), input_ids: tokens })
    expect(frozen[optimizerNames.updated(TOKEN_EMBEDDING)].data).toEqual(
      weights.get(TOKEN_EMBEDDING)
    )
    expectMatchesReference(frozen, 1, 0)
  })

  it('clips the global norm to max_grad_norm before the update', async () => {
    const results = await step.run({ ...stateFeeds(norm / 4), input_ids: tokens })
    // the reported norm is the one before clipping, as clip_grad_norm_ returns
    expect(results[optimizerNames.gradNorm].data[0]).toBeCloseTo(norm, 4)
    expectMatchesReference(results, norm / 4 / (norm + 1e-6))
  })

  it('does not decay biases or LayerNorm parameters (zero gradient, zero moments)', async () => {
    // with zero moments and a zero-gradient batch the only change left would be weight decay
    const session = await createTrainingSession(buildOptimizerGraph(TINY))
    const feeds = stateFeeds(Infinity)
    for (const spec of specs) {
      const zeros = new ort.Tensor('float32', new Float32Array(weights.get(spec.name)!.length), [
        ...spec.shape
      ])
      feeds[optimizerNames.gradient(spec.name)] = zeros
      feeds[optimizerNames.firstMoment(spec.name)] = zeros
      feeds[optimizerNames.secondMoment(spec.name)] = zeros
    }
    feeds[trainingNames.gradientScale] = scalar(1)
    const results = await session.run(feeds)
    await session.release()
    for (const spec of specs) {
      const before = weights.get(spec.name)!
      const after = results[optimizerNames.updated(spec.name)].data as Float32Array
      const factor = spec.decay ? 1 - hyper.lr * hyper.wd : 1
      expect(
        relativeError(
          after,
          before.map((x) => x * factor)
        ),
        spec.name
      ).toBeLessThan(1e-6)
    }
  })

  it('the separate optimizer graph on 2× gradients with gradient_scale ½ equals the fused step', async () => {
    const fused = await step.run({ ...stateFeeds(norm / 2), input_ids: tokens })
    const session = await createTrainingSession(buildOptimizerGraph(TINY))
    const feeds = stateFeeds(norm / 2)
    for (const spec of specs) {
      const doubled = gradients.get(spec.name)!.map((x) => 2 * x)
      feeds[optimizerNames.gradient(spec.name)] = new ort.Tensor('float32', doubled, [
        ...spec.shape
      ])
    }
    feeds[trainingNames.gradientScale] = scalar(0.5)
    const separate = await session.run(feeds)
    await session.release()
    expect(separate[optimizerNames.gradNorm].data[0]).toBeCloseTo(norm, 4)
    for (const name of Object.keys(fused).filter((key) => key.startsWith('updated.'))) {
      expect(
        relativeError(separate[name].data as Float32Array, fused[name].data as Float32Array),
        name
      ).toBeLessThan(1e-6)
    }
  })
})
