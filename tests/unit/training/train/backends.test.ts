import { describe, expect, it } from 'vitest'
import { detectTfjsNodeGpu, trainingBackends } from '../../../../training/train/backends'

describe('training backends', () => {
  it('finds tfjs-node-gpu absent here (it is optional and not a dependency) and says how to get it', async () => {
    const backend = await detectTfjsNodeGpu()
    expect(backend).toMatchObject({ name: 'tfjs-node-gpu', available: false })
    expect(backend.detail).toMatch(/not installed.*npm install @tensorflow\/tfjs-node-gpu/)
  })

  // Fake importers (this test's own): the three ways an installed copy can turn out.
  it('uses an installed copy that loads, and reports one whose native binding fails', async () => {
    const working = await detectTfjsNodeGpu(async () => ({
      version: { 'tfjs-core': '4.22.0' },
      getBackend: () => 'tensorflow',
      ready: async () => undefined
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
      default: {
        getBackend: () => 'tensorflow',
        ready: async () => Promise.reject(new Error('no CUDA device'))
      }
    }))
    expect(noGpu.detail).toMatch(/backend does not start: no CUDA device/)
  })

  it('always offers onnxruntime on the CPU first', async () => {
    const backends = await trainingBackends()
    expect(backends[0]).toMatchObject({ name: 'onnxruntime-cpu', available: true })
    expect(backends.map((b) => b.name)).toEqual(['onnxruntime-cpu', 'tfjs-node-gpu'])
  })
})
