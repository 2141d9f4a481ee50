/// Reads and writes `.safetensors` weight files (single or sharded with
/// `model.safetensors.index.json`). Layout: an 8-byte little-endian header length N, N bytes of
/// JSON `{ name: { dtype, shape, data_offsets: [begin, end] } }`, then the raw tensor bytes.
/// Tensors are converted to Float32Array on demand, so unused buffers cost nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { err, ok, type Result } from '../../src/shared/result'
import { bfloat16ToFloat32, float16ToFloat32, float32ToFloat16 } from './float16'

const BYTES_PER_ELEMENT: Record<string, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1
}
/// Largest header we accept (the format's own limit is 100 MB).
const MAX_HEADER_BYTES = 100_000_000

export interface TensorInfo {
  name: string
  dtype: string
  shape: number[]
  /// File the tensor lives in.
  file: string
}

/// A weight file's tensors; `float32` converts one tensor from F32, F16 or BF16.
export interface TensorStore {
  readonly files: readonly string[]
  names(): string[]
  info(name: string): TensorInfo | undefined
  float32(name: string): Float32Array
}

/// A tensor to write.
export interface NamedTensor {
  name: string
  shape: readonly number[]
  data: Float32Array
}

/// A tensor of a parsed file: its description and a view of its bytes.
export interface SafetensorsEntry extends TensorInfo {
  bytes: Uint8Array
}

/// Parses one safetensors file held in memory; `label` names it in messages.
export function parseSafetensors(
  bytes: Uint8Array,
  label: string
): Result<Map<string, SafetensorsEntry>> {
  const truncated = (expected: number) =>
    err<Map<string, SafetensorsEntry>>(
      'model-error',
      `${label}: the file is truncated: expected ${expected} bytes, found ${bytes.byteLength}; ` +
        're-download the model.'
    )
  if (bytes.byteLength < 8) return truncated(8)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = Number(view.getBigUint64(0, true))
  if (headerLength > MAX_HEADER_BYTES) {
    return err('model-error', `${label} is not a safetensors file (header length ${headerLength}).`)
  }
  if (bytes.byteLength < 8 + headerLength) return truncated(8 + headerLength)
  let header: unknown
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)))
  } catch (error) {
    return err(
      'model-error',
      `${label}: the header is not valid JSON (${String(error)}); re-download the model.`
    )
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return err('model-error', `${label}: the header is not a JSON object; re-download the model.`)
  }
  const dataStart = 8 + headerLength
  const entries = new Map<string, SafetensorsEntry>()
  let dataEnd = 0
  const bad = (name: string, why: string) =>
    err<Map<string, SafetensorsEntry>>(
      'model-error',
      `${label}: tensor '${name}' ${why}; re-download the model.`
    )
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') continue
    const spec = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown }
    if (typeof spec !== 'object' || spec === null) return bad(name, 'has no description')
    const size = BYTES_PER_ELEMENT[String(spec.dtype)]
    if (!size) return bad(name, `has unknown dtype ${JSON.stringify(spec.dtype)}`)
    const shape = spec.shape
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      return bad(name, 'has an invalid shape')
    }
    const offsets = spec.data_offsets
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(Number.isInteger)) {
      return bad(name, 'has invalid data_offsets')
    }
    const [begin, end] = offsets as [number, number]
    const expected = shape.reduce((a: number, b: number) => a * b, 1) * size
    if (begin < 0 || end < begin || end - begin !== expected) {
      return bad(name, `has data_offsets [${begin}, ${end}] that do not fit its shape [${shape}]`)
    }
    dataEnd = Math.max(dataEnd, end)
    entries.set(name, {
      name,
      dtype: String(spec.dtype),
      shape: shape as number[],
      file: label,
      bytes: bytes.subarray(dataStart + Math.min(begin, bytes.byteLength), dataStart + end)
    })
  }
  if (bytes.byteLength < dataStart + dataEnd) return truncated(dataStart + dataEnd)
  return ok(entries)
}

/// Reads `model.safetensors`, or the shards listed in `model.safetensors.index.json`, from a folder.
export function readSafetensorsFolder(folder: string): Result<TensorStore> {
  const single = join(folder, 'model.safetensors')
  const index = join(folder, 'model.safetensors.index.json')
  if (existsSync(single)) return readSafetensorFiles([single])
  if (!existsSync(index)) {
    return err(
      'not-found',
      `No model.safetensors (or model.safetensors.index.json) in ${folder}. ` +
        'Choose a folder that holds a Hugging Face GPT-2 model in safetensors format.'
    )
  }
  let weightMap: Record<string, string>
  try {
    weightMap = JSON.parse(readFileSync(index, 'utf8')).weight_map
    if (typeof weightMap !== 'object' || weightMap === null) throw new Error('no weight_map')
  } catch (error) {
    return err('model-error', `${index} is not a valid shard index (${String(error)}).`)
  }
  const shards = [...new Set(Object.values(weightMap))].map((file) => join(folder, file))
  const missing = shards.filter((file) => !existsSync(file))
  if (missing.length > 0) {
    return err(
      'not-found',
      `Missing weight shards: ${missing.map((f) => basename(f)).join(', ')}. Re-download the model.`
    )
  }
  return readSafetensorFiles(shards)
}

/// Reads one or more safetensors files as one store (names must not repeat across files).
export function readSafetensorFiles(files: readonly string[]): Result<TensorStore> {
  const entries = new Map<string, SafetensorsEntry>()
  for (const file of files) {
    let bytes: Uint8Array
    try {
      bytes = readFileSync(file)
    } catch (error) {
      return err('io-error', `Cannot read ${file}: ${(error as Error).message}`)
    }
    const parsed = parseSafetensors(bytes, file)
    if (!parsed.ok) return parsed
    for (const [name, entry] of parsed.value) {
      if (entries.has(name)) {
        return err('model-error', `Tensor '${name}' appears in two shards (${file}).`)
      }
      entries.set(name, entry)
    }
  }
  return ok(storeOf(files, entries))
}

function storeOf(files: readonly string[], entries: Map<string, SafetensorsEntry>): TensorStore {
  return {
    files,
    names: () => [...entries.keys()],
    info: (name) => {
      const entry = entries.get(name)
      return entry && { name, dtype: entry.dtype, shape: entry.shape, file: entry.file }
    },
    float32: (name) => {
      const entry = entries.get(name)
      if (!entry) throw new Error(`No tensor '${name}' in ${files.join(', ')}`)
      return toFloat32(entry)
    }
  }
}

function toFloat32(entry: SafetensorsEntry): Float32Array {
  // Typed-array views need aligned offsets; a tensor's offset in the file need not be aligned.
  // (Copy with Uint8Array.prototype.slice: Buffer#slice would return a view of the whole file.)
  const size = BYTES_PER_ELEMENT[entry.dtype]
  const bytes =
    entry.bytes.byteOffset % size === 0 ? entry.bytes : Uint8Array.prototype.slice.call(entry.bytes)
  const count = bytes.byteLength / size
  const view = <T>(Type: new (buffer: ArrayBufferLike, offset: number, length: number) => T) =>
    new Type(bytes.buffer, bytes.byteOffset, count)
  switch (entry.dtype) {
    case 'F32':
      return view(Float32Array).slice()
    case 'F16':
      return float16ToFloat32(view(Uint16Array))
    case 'BF16':
      return bfloat16ToFloat32(view(Uint16Array))
    case 'F64':
      return Float32Array.from(view(Float64Array))
    default:
      throw new Error(
        `Tensor '${entry.name}' in ${entry.file} is ${entry.dtype}, not a float type; ` +
          'only F32, F16 and BF16 weights are supported.'
      )
  }
}

/// Encodes tensors as one safetensors file, stored as F32 or F16.
export function encodeSafetensors(
  tensors: readonly NamedTensor[],
  dtype: 'F32' | 'F16' = 'F32',
  metadata: Record<string, string> = {}
): Uint8Array {
  const size = dtype === 'F32' ? 4 : 2
  const header: Record<string, unknown> = { __metadata__: { format: 'pt', ...metadata } }
  let offset = 0
  for (const tensor of tensors) {
    const count = tensor.shape.reduce((a, b) => a * b, 1)
    if (count !== tensor.data.length) {
      throw new Error(
        `Tensor '${tensor.name}': shape [${tensor.shape}] needs ${count} values, got ${tensor.data.length}`
      )
    }
    header[tensor.name] = {
      dtype,
      shape: tensor.shape,
      data_offsets: [offset, offset + count * size]
    }
    offset += count * size
  }
  let json = new TextEncoder().encode(JSON.stringify(header))
  // Pad the header with spaces so the data starts 8-byte aligned (as the Rust writer does).
  const padded = Math.ceil(json.length / 8) * 8
  if (padded !== json.length) {
    json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(padded - json.length))
  }
  const out = new Uint8Array(8 + json.length + offset)
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true)
  out.set(json, 8)
  let position = 8 + json.length
  for (const tensor of tensors) {
    const data = dtype === 'F32' ? tensor.data : float32ToFloat16(tensor.data)
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), position)
    position += data.byteLength
  }
  return out
}

/// Writes tensors to a safetensors file.
export function writeSafetensors(
  path: string,
  tensors: readonly NamedTensor[],
  dtype: 'F32' | 'F16' = 'F32',
  metadata: Record<string, string> = {}
): void {
  writeFileSync(path, encodeSafetensors(tensors, dtype, metadata))
}
