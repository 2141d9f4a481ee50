import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import {
  chooseTrainingBackend,
  TrainingBackendUnavailableError
} from '../../../../training/train/backend-choice'
import type { ModuleImporter } from '../../../../training/train/backends'
import { fineTune, type UsedBackend } from '../../../../training/train/fine-tune'
import { initialWeights } from '../../../../training/train/initial-weights'
import { TINY, TINY_BATCH } from './fixtures'

// Fake importers, this test's own. `standIn` plays an installed @tensorflow/tfjs-node-gpu: it is
// the real pure-JS @tensorflow/tfjs (the same API tfjs-node-gpu re-exports) on its CPU backend,
// counting the gradient computations it is asked for, so a test can see TensorFlow.js trained.
function standIn(): { importer: ModuleImporter; names: string[]; gradients: () => number } {
  const names: string[] = []
  let gradients = 0
  const module = {
    ...tf,
    valueAndGrads: ((f) => {
      gradients++
      return tf.valueAndGrads(f)
    }) as typeof tf.valueAndGrads
  }
  return {
    importer: async (name) => {
      names.push(name)
      if (name !== '@tensorflow/tfjs-node-gpu') throw new Error(`unexpected import ${name}`)
      await tf.setBackend('cpu')
      return module
    },
    names,
    gradients: () => gradients
  }
}

const notInstalled: ModuleImporter = async (name) => {
  throw Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' })
}

describe('choosing the training backend', () => {
  it("'auto' trains on tfjs-node-gpu where it is installed and starts, and says so", async () => {
    const gpu = standIn()
    const chosen = await chooseTrainingBackend('auto', gpu.importer)
    expect(gpu.names).toEqual(['@tensorflow/tfjs-node-gpu'])
    expect(chosen.name).toBe('tfjs-node-gpu')
    expect(chosen.reason).toMatch(
      /^auto: @tensorflow\/tfjs-node-gpu is installed and starts \(TensorFlow.js .* on backend 'cpu'\)$/
    )
    expect(chosen.tf?.getBackend()).toBe('cpu')
  })

  it("'auto' falls back to onnxruntime on the CPU, saying why", async () => {
    const chosen = await chooseTrainingBackend('auto', notInstalled)
    expect(chosen).toEqual({
      name: 'onnxruntime-cpu',
      reason:
        'auto: tfjs-node-gpu is unavailable (not installed; optional, for NVIDIA GPUs on Linux: ' +
        'npm install @tensorflow/tfjs-node-gpu), so onnxruntime-node training graphs on the CPU'
    })
    // and here, with the real importer: not installed, so onnxruntime
    expect((await chooseTrainingBackend('auto')).name).toBe('onnxruntime-cpu')
  })

  it('refuses tfjs-node-gpu asked for by name where it is missing, saying what to do', async () => {
    const asked = chooseTrainingBackend('tfjs-node-gpu')
    await expect(asked).rejects.toBeInstanceOf(TrainingBackendUnavailableError)
    await expect(asked).rejects.toThrow(
      /tfjs-node-gpu training backend is unavailable here: not installed.*npm install @tensorflow\/tfjs-node-gpu\..*CUDA 11.2.*train with the backend auto or onnxruntime-cpu/
    )
  })

  it('fineTune on auto trains with TensorFlow.js where tfjs-node-gpu loads, and reports it', async () => {
    const gpu = standIn()
    const reported: UsedBackend[] = []
    const losses: number[] = []
    const phrase = [4, 21, 30, 2, 17, 9, 13, 2, 33]
    const result = await fineTune(
      {
        config: TINY,
        weights: initialWeights(TINY, 4),
        trainTokens: Array.from({ length: 300 }, (_, i) => phrase[i % phrase.length]),
        batch: TINY_BATCH,
        schedule: { learningRate: 1e-2, minLearningRate: 1e-3, warmupSteps: 2, decaySteps: 12 },
        // From random weights: the token embedding trains too.
        adamW: { weightDecay: 0, embeddingLearningRateScale: 1 },
        maxSteps: 12,
        seed: 5,
        backend: 'auto',
        importModule: gpu.importer
      },
      { onBackend: (backend) => reported.push(backend), onProgress: (p) => losses.push(p.loss) }
    )
    expect(reported).toEqual([result.backend])
    expect(result.backend.name).toBe('tfjs-node-gpu')
    expect(gpu.gradients()).toBe(12)
    expect(result.state.step).toBe(12)
    expect(losses[0]).toBeGreaterThan(3)
    expect(result.lastLoss).toBeLessThan(losses[0] - 1)
  })
})
