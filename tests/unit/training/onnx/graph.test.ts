import { describe, expect, it } from 'vitest'
import * as ort from 'onnxruntime-node'
import { attribute, encodeModel, GraphBuilder } from '../../../../training/onnx/graph'
import { encodeVarint } from '../../../../training/onnx/protobuf'

async function run(
  model: Uint8Array,
  feeds: Record<string, ort.Tensor>
): Promise<ort.InferenceSession.ReturnType> {
  const session = await ort.InferenceSession.create(model)
  try {
    return await session.run(feeds)
  } finally {
    await session.release()
  }
}

describe('protobuf varints', () => {
  it('encodes the spec examples', () => {
    expect([...encodeVarint(1n)]).toEqual([1])
    expect([...encodeVarint(150n)]).toEqual([0x96, 0x01])
    expect([...encodeVarint(300n)]).toEqual([0xac, 0x02])
    // Negative int64 is ten bytes of two's complement.
    expect(encodeVarint(-1n).byteLength).toBe(10)
  })
})

describe('ONNX graph builder', () => {
  it('writes a model onnxruntime runs: MatMul + bias + attributes + symbolic dims', async () => {
    const graph = new GraphBuilder('tiny')
    const x = graph.input('x', 'float', ['batch', 2])
    const weight = graph.initializer('w', 'float', [2, 3], Float32Array.from([1, 2, 3, 4, 5, 6]))
    const bias = graph.constFloat('b', [0.5, -0.5, 1])
    const projected = graph.op('Add', [graph.op('MatMul', [x, weight]), bias])
    const softmax = graph.op('Softmax', [projected], { axis: attribute.int(-1) })
    const scaled = graph.op('LeakyRelu', [projected], { alpha: attribute.float(0.25) })
    graph.node('Identity', [softmax], { outputs: ['probabilities'] })
    graph.node('Identity', [scaled], { outputs: ['leaky'] })
    graph.output('probabilities', 'float', ['batch', 3])
    graph.output('leaky', 'float', ['batch', 3])

    const result = await run(encodeModel(graph, { metadata: { purpose: 'test' } }), {
      x: new ort.Tensor('float32', Float32Array.from([1, 0, -1, -1]), [2, 2])
    })
    // Row 0: [1,0]·W + b = [1.5, 1.5, 4]; row 1: [-1,-1]·W + b = [-4.5, -7.5, -8].
    expect([...(result.leaky.data as Float32Array)]).toEqual([
      1.5,
      1.5,
      4,
      -4.5 * 0.25,
      -7.5 * 0.25,
      -8 * 0.25
    ])
    const probabilities = result.probabilities.data as Float32Array
    expect(probabilities[0] + probabilities[1] + probabilities[2]).toBeCloseTo(1, 6)
    expect(probabilities[2]).toBeGreaterThan(probabilities[0])
  })

  it('passes int64 constants and ints attributes (Reshape, Transpose)', async () => {
    const graph = new GraphBuilder('shapes')
    const x = graph.input('x', 'float', [2, 3])
    const reshaped = graph.op('Reshape', [x, graph.constInt64('shape', [3, 2])])
    graph.node('Transpose', [reshaped], {
      outputs: ['y'],
      attributes: { perm: attribute.ints([1, 0]) }
    })
    graph.output('y', 'float', [2, 3])
    const result = await run(encodeModel(graph), {
      x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3])
    })
    expect(result.y.dims).toEqual([2, 3])
    expect([...(result.y.data as Float32Array)]).toEqual([1, 3, 5, 2, 4, 6])
  })

  it('refuses a value name used twice', () => {
    const graph = new GraphBuilder('dup')
    graph.input('x', 'float', [1])
    expect(() => graph.input('x', 'float', [1])).toThrow(/used twice/)
  })
})
