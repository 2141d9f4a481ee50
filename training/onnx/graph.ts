/// Builds ONNX graphs in code and encodes them as a ModelProto (field numbers from onnx.proto3).
/// The inference and training graph writers both use this: they add inputs, initializers and
/// nodes; `encodeModel` turns the result into the bytes onnxruntime loads.
import { ProtoWriter } from './protobuf'

/// ONNX TensorProto.DataType values used here.
export const DataType = {
  float: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  double: 11,
  bfloat16: 16
} as const
export type DataTypeName = keyof typeof DataType

/// A dimension: a fixed size, or a symbolic name such as 'batch_size'.
export type Dim = number | string

/// An attribute value, tagged because ONNX distinguishes ints from floats.
export type Attribute =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'ints'; value: readonly number[] }
  | { kind: 'floats'; value: readonly number[] }
  | { kind: 'string'; value: string }
  | { kind: 'tensor'; value: TensorData }

export const attribute = {
  int: (value: number): Attribute => ({ kind: 'int', value }),
  float: (value: number): Attribute => ({ kind: 'float', value }),
  ints: (value: readonly number[]): Attribute => ({ kind: 'ints', value }),
  floats: (value: readonly number[]): Attribute => ({ kind: 'floats', value }),
  string: (value: string): Attribute => ({ kind: 'string', value }),
  tensor: (value: TensorData): Attribute => ({ kind: 'tensor', value })
}

/// Raw tensor contents, little-endian, in row-major order.
export interface TensorData {
  name: string
  dataType: DataTypeName
  dims: readonly number[]
  bytes: Uint8Array
}

interface ValueInfo {
  name: string
  dataType: DataTypeName
  shape: readonly Dim[]
}

interface NodeSpec {
  opType: string
  inputs: readonly string[]
  outputs: readonly string[]
  name: string
  domain: string
  attributes: Record<string, Attribute>
}

export interface NodeOptions {
  /// Output names; a number asks for that many generated names. Default: one generated name.
  outputs?: number | readonly string[]
  attributes?: Record<string, Attribute>
  domain?: string
  /// Readable prefix for generated names (shows up in onnxruntime errors).
  name?: string
}

/// Views any typed array's bytes without copying.
export function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

export class GraphBuilder {
  private readonly inputs: ValueInfo[] = []
  private readonly outputs: ValueInfo[] = []
  private readonly initializers: TensorData[] = []
  private readonly nodes: NodeSpec[] = []
  private readonly names = new Set<string>()
  private counter = 0

  constructor(readonly name: string) {}

  /// A fresh value name, unique in this graph.
  uniqueName(prefix: string): string {
    let candidate = prefix
    while (this.names.has(candidate)) candidate = `${prefix}_${++this.counter}`
    this.names.add(candidate)
    return candidate
  }

  input(name: string, dataType: DataTypeName, shape: readonly Dim[]): string {
    this.claim(name)
    this.inputs.push({ name, dataType, shape })
    return name
  }

  output(name: string, dataType: DataTypeName, shape: readonly Dim[]): void {
    this.outputs.push({ name, dataType, shape })
  }

  /// A weight or constant stored in the model file.
  initializer(
    name: string,
    dataType: DataTypeName,
    dims: readonly number[],
    data: ArrayBufferView
  ): string {
    this.claim(name)
    return this.addInitializer(name, dataType, dims, data)
  }

  private addInitializer(
    name: string,
    dataType: DataTypeName,
    dims: readonly number[],
    data: ArrayBufferView
  ): string {
    this.initializers.push({ name, dataType, dims, bytes: bytesOf(data) })
    return name
  }

  /// A small constant (shapes, axes, scalars), named uniquely from a hint.
  constFloat(
    hint: string,
    values: readonly number[],
    dims: readonly number[] = [values.length]
  ): string {
    return this.addInitializer(this.uniqueName(hint), 'float', dims, Float32Array.from(values))
  }

  constInt64(
    hint: string,
    values: readonly number[],
    dims: readonly number[] = [values.length]
  ): string {
    return this.addInitializer(
      this.uniqueName(hint),
      'int64',
      dims,
      BigInt64Array.from(values.map(BigInt))
    )
  }

  /// Adds a node and returns its output names.
  node(opType: string, inputs: readonly string[], options: NodeOptions = {}): string[] {
    const prefix = options.name ?? opType.toLowerCase()
    const requested = options.outputs ?? 1
    const outputs =
      typeof requested === 'number'
        ? Array.from({ length: requested }, () => this.uniqueName(prefix))
        : requested.map((name) => (this.claim(name), name))
    this.nodes.push({
      opType,
      inputs,
      outputs,
      name: this.uniqueName(`${prefix}_node`),
      domain: options.domain ?? '',
      attributes: options.attributes ?? {}
    })
    return outputs
  }

  /// Adds a single-output node and returns its output name.
  op(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, Attribute> = {},
    name?: string
  ): string {
    return this.node(opType, inputs, { attributes, ...(name ? { name } : {}) })[0]
  }

  private claim(name: string): void {
    if (this.names.has(name)) {
      throw new Error(`ONNX graph '${this.name}': value name '${name}' used twice`)
    }
    this.names.add(name)
  }

  /// GraphProto.
  toProto(): ProtoWriter {
    const graph = new ProtoWriter()
    for (const node of this.nodes) graph.message(1, encodeNode(node))
    graph.string(2, this.name)
    for (const tensor of this.initializers) graph.message(5, encodeTensor(tensor))
    for (const input of this.inputs) graph.message(11, encodeValueInfo(input))
    for (const output of this.outputs) graph.message(12, encodeValueInfo(output))
    return graph
  }
}

export interface ModelOptions {
  opsetVersion?: number
  irVersion?: number
  /// Extra operator sets, e.g. { domain: 'com.microsoft', version: 1 }.
  extraOpsets?: readonly { domain: string; version: number }[]
  metadata?: Record<string, string>
  docString?: string
}

/// Encodes a whole ModelProto. Opset 17 pairs with IR version 8.
export function encodeModel(graph: GraphBuilder, options: ModelOptions = {}): Uint8Array {
  const model = new ProtoWriter()
  model.int(1, options.irVersion ?? 8)
  model.string(2, 'script-buddy')
  model.string(3, '1')
  if (options.docString) model.string(6, options.docString)
  model.message(7, graph.toProto())
  const opsets = [
    { domain: '', version: options.opsetVersion ?? 17 },
    ...(options.extraOpsets ?? [])
  ]
  for (const opset of opsets) {
    model.message(8, new ProtoWriter().string(1, opset.domain).int(2, opset.version))
  }
  for (const [key, value] of Object.entries(options.metadata ?? {})) {
    model.message(14, new ProtoWriter().string(1, key).string(2, value))
  }
  return model.finish()
}

function encodeTensor(tensor: TensorData): ProtoWriter {
  const proto = new ProtoWriter()
  if (tensor.dims.length > 0) proto.packedInts(1, tensor.dims)
  proto.int(2, DataType[tensor.dataType])
  proto.string(8, tensor.name)
  proto.bytes(9, tensor.bytes)
  return proto
}

function encodeValueInfo(info: ValueInfo): ProtoWriter {
  const shape = new ProtoWriter()
  for (const dim of info.shape) {
    shape.message(
      1,
      typeof dim === 'number' ? new ProtoWriter().int(1, dim) : new ProtoWriter().string(2, dim)
    )
  }
  const tensorType = new ProtoWriter().int(1, DataType[info.dataType]).message(2, shape)
  return new ProtoWriter().string(1, info.name).message(2, new ProtoWriter().message(1, tensorType))
}

// AttributeProto.AttributeType values.
const AttributeType = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7 } as const

function encodeAttribute(name: string, value: Attribute): ProtoWriter {
  const proto = new ProtoWriter().string(1, name)
  switch (value.kind) {
    case 'float':
      proto.float(2, value.value)
      break
    case 'int':
      proto.int(3, value.value)
      break
    case 'string':
      proto.string(4, value.value)
      break
    case 'tensor':
      proto.message(5, encodeTensor(value.value))
      break
    case 'floats':
      proto.packedFloats(7, value.value)
      break
    case 'ints':
      proto.packedInts(8, value.value)
      break
  }
  return proto.int(20, AttributeType[value.kind])
}

function encodeNode(node: NodeSpec): ProtoWriter {
  const proto = new ProtoWriter()
  for (const input of node.inputs) proto.string(1, input)
  for (const output of node.outputs) proto.string(2, output)
  proto.string(3, node.name)
  proto.string(4, node.opType)
  for (const [name, value] of Object.entries(node.attributes)) {
    proto.message(5, encodeAttribute(name, value))
  }
  if (node.domain) proto.string(7, node.domain)
  return proto
}
