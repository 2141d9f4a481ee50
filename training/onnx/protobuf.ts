/// A minimal protocol-buffers writer: just what encoding an ONNX model needs (varints, 32-bit
/// floats, length-delimited fields, packed repeated scalars). Messages are built as lists of byte
/// chunks and joined once, so multi-hundred-megabyte weight tensors are copied a single time.

const enum WireType {
  Varint = 0,
  Fixed64 = 1,
  LengthDelimited = 2,
  Fixed32 = 5
}

/// An encoded message under construction.
export class ProtoWriter {
  private readonly chunks: Uint8Array[] = []
  private size = 0

  get byteLength(): number {
    return this.size
  }

  private push(chunk: Uint8Array): void {
    this.chunks.push(chunk)
    this.size += chunk.byteLength
  }

  private key(field: number, wire: WireType): void {
    this.push(encodeVarint(BigInt(field * 8 + wire)))
  }

  /// int32, int64, enum and bool fields (negative numbers as 10-byte two's complement, per spec).
  int(field: number, value: number | bigint): this {
    this.key(field, WireType.Varint)
    this.push(encodeVarint(BigInt(value)))
    return this
  }

  float(field: number, value: number): this {
    this.key(field, WireType.Fixed32)
    const bytes = new Uint8Array(4)
    new DataView(bytes.buffer).setFloat32(0, value, true)
    this.push(bytes)
    return this
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value))
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, WireType.LengthDelimited)
    this.push(encodeVarint(BigInt(value.byteLength)))
    this.push(value)
    return this
  }

  message(field: number, value: ProtoWriter): this {
    this.key(field, WireType.LengthDelimited)
    this.push(encodeVarint(BigInt(value.size)))
    for (const chunk of value.chunks) this.push(chunk)
    return this
  }

  /// Packed repeated int64/int32 field.
  packedInts(field: number, values: readonly (number | bigint)[]): this {
    const inner = new ProtoWriter()
    for (const value of values) inner.push(encodeVarint(BigInt(value)))
    return this.message(field, inner)
  }

  /// Packed repeated float field.
  packedFloats(field: number, values: readonly number[]): this {
    const bytes = new Uint8Array(values.length * 4)
    const view = new DataView(bytes.buffer)
    values.forEach((value, index) => view.setFloat32(index * 4, value, true))
    return this.bytes(field, bytes)
  }

  /// The whole message as one buffer.
  finish(): Uint8Array {
    const out = new Uint8Array(this.size)
    let offset = 0
    for (const chunk of this.chunks) {
      out.set(chunk, offset)
      offset += chunk.byteLength
    }
    return out
  }
}

const MASK_64 = (1n << 64n) - 1n

export function encodeVarint(value: bigint): Uint8Array {
  let remaining = value < 0n ? value & MASK_64 : value
  const bytes: number[] = []
  do {
    let byte = Number(remaining & 0x7fn)
    remaining >>= 7n
    if (remaining !== 0n) byte |= 0x80
    bytes.push(byte)
  } while (remaining !== 0n)
  return Uint8Array.from(bytes)
}
