/// Terse ONNX (opset 17) operator helpers for the training graphs: one method per op the
/// forward, backward and optimizer use, with constants cached so each scalar exists once.
/// An optional `output` names the produced value (graph outputs are named at their producer, so
/// no Identity copy of a parameter-sized tensor is needed).
import { attribute, type Attribute, type GraphBuilder } from './graph'

export interface GemmOptions {
  transA?: boolean
  transB?: boolean
  alpha?: number
  beta?: number
}

export class TrainingOps {
  private readonly floats = new Map<string, string>()
  private readonly int64s = new Map<string, string>()

  constructor(readonly graph: GraphBuilder) {}

  /// A float32 scalar constant.
  scalar(value: number): string {
    const key = String(value)
    let name = this.floats.get(key)
    if (!name) {
      name = this.graph.constFloat('scalar', [value], [])
      this.floats.set(key, name)
    }
    return name
  }

  /// A 1-D int64 constant (shapes, axes, splits, pads).
  ints(values: readonly number[]): string {
    const key = values.join(',')
    let name = this.int64s.get(key)
    if (!name) {
      name = this.graph.constInt64('ints', values)
      this.int64s.set(key, name)
    }
    return name
  }

  op(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, Attribute> = {},
    output?: string
  ): string {
    if (output === undefined) return this.graph.op(opType, inputs, attributes)
    return this.graph.node(opType, inputs, { outputs: [output], attributes })[0]
  }

  add(a: string, b: string, output?: string): string {
    return this.op('Add', [a, b], {}, output)
  }

  sub(a: string, b: string, output?: string): string {
    return this.op('Sub', [a, b], {}, output)
  }

  mul(a: string, b: string, output?: string): string {
    return this.op('Mul', [a, b], {}, output)
  }

  div(a: string, b: string): string {
    return this.op('Div', [a, b])
  }

  sqrt(x: string): string {
    return this.op('Sqrt', [x])
  }

  /// Y = alpha · op(A) · op(B) + beta · bias, on 2-D operands; transposes are free in MLAS.
  gemm(a: string, b: string, options: GemmOptions = {}, bias?: string, output?: string): string {
    const attributes: Record<string, Attribute> = {}
    if (options.transA) attributes.transA = attribute.int(1)
    if (options.transB) attributes.transB = attribute.int(1)
    if (options.alpha !== undefined) attributes.alpha = attribute.float(options.alpha)
    if (options.beta !== undefined) attributes.beta = attribute.float(options.beta)
    return this.op('Gemm', bias ? [a, b, bias] : [a, b], attributes, output)
  }

  /// Batched MatMul; onnxruntime fuses a Transpose of the last two axes into it.
  matmul(a: string, b: string): string {
    return this.op('MatMul', [a, b])
  }

  transpose(x: string, perm: readonly number[]): string {
    return this.op('Transpose', [x], { perm: attribute.ints(perm) })
  }

  reshape(x: string, shape: readonly number[]): string {
    return this.op('Reshape', [x, this.ints(shape)])
  }

  /// Sum over `axes` (opset 13+: axes is an input).
  reduceSum(x: string, axes: readonly number[], keepDims: boolean, output?: string): string {
    const attributes = { keepdims: attribute.int(keepDims ? 1 : 0) }
    return this.op('ReduceSum', [x, this.ints(axes)], attributes, output)
  }

  /// Mean over `axes` (opset 17: axes is still an attribute).
  reduceMean(x: string, axes: readonly number[], keepDims: boolean): string {
    const attributes = { axes: attribute.ints(axes), keepdims: attribute.int(keepDims ? 1 : 0) }
    return this.op('ReduceMean', [x], attributes)
  }

  /// Sum of squares of every element, as a scalar.
  sumOfSquares(x: string): string {
    return this.op('ReduceSumSquare', [x], { keepdims: attribute.int(0) })
  }

  slice(x: string, starts: readonly number[], ends: readonly number[], axes: readonly number[]) {
    return this.op('Slice', [x, this.ints(starts), this.ints(ends), this.ints(axes)])
  }

  concat(values: readonly string[], axis: number): string {
    return this.op('Concat', values, { axis: attribute.int(axis) })
  }
}
