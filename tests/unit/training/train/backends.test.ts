import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import {
  detectTfjsNodeGpu,
  loadTfjsBackend,
  trainingBackends
} from '../../../../training/train/backends'

describe('training backends', () => {
  it('finds tfjs-node-gpu absent here (it is optional and not a dependency) and says how to get it', async () => {
    const backend = await detectTfjsNodeGpu()
    expect(backend).toMatchObject({ name: 'tfjs-node-gpu', available: false })
    expect(backend.detail).toMatch(/not installed.*npm install @tensorflow\/tfjs-node-gpu/)
  })

  // Fake importers (this test's own): the ways an installed copy can turn out. The one that
  // loads is the real pure-JS @tensorflow/tfjs API dressed as tfjs-node-gpu's native backend.
  it('uses an installed copy that loads, and reports one that fails or is not TensorFlow.js', async () => {
    const working = await detectTfjsNodeGpu(async () => ({
      ...tf,
      version: { 'tfjs-core': '4.22.0' },
      getBackend: () => 'tensorflow'
    }))
    expect(working).toEqual({
      name: 'tfjs-node-gpu',
      available: true,
      detail: "TensorFlow.js 4.22.0 on backend 'tensorflow'"
    })
    const broken = await detectTfjsNodeGpu(async () => {
      throw new Error('libcudart.so.11.0: cannot open shared object file')
    })
    expect(broken.available).toBe(false)
    expect(broken.detail).toMatch(/installed but it does not load: libcudart/)
    const noGpu = await detectTfjsNodeGpu(async () => ({
      default: { ...tf, ready: async () => Promise.reject(new Error('no CUDA device')) }
    }))
    expect(noGpu.detail).toMatch(/backend does not start: no CUDA device/)
    const other = await detectTfjsNodeGpu(async () => ({
      getBackend: () => 'tensorflow',
      ready: async () => undefined
    }))
    expect(other).toMatchObject({ available: false, detail: /not a TensorFlow.js build/ })
  })

  it('loads pure @tensorflow/tfjs (a development dependency) on its CPU backend', async () => {
    const loaded = await loadTfjsBackend('tfjs-cpu')
    expect(loaded.backend).toMatchObject({ name: 'tfjs-cpu', available: true })
    expect(loaded.backend.detail).toMatch(/^TensorFlow.js 4\.\d+\.\d+ on backend 'cpu'$/)
    expect(loaded.tf?.getBackend()).toBe('cpu')
  })

  it('always offers onnxruntime on the CPU first', async () => {
    const backends = await trainingBackends()
    expect(backends[0]).toMatchObject({ name: 'onnxruntime-cpu', available: true })
    expect(backends.map((b) => b.name)).toEqual(['onnxruntime-cpu', 'tfjs-node-gpu'])
  })
})
