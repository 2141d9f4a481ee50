/// Streams float32 tensors into a `.safetensors` file (header, then each tensor's bytes), so a
/// checkpoint of 30M parameters and two AdamW moments never needs one 360 MB buffer, and syncs
/// it to disk before returning (a checkpoint that claims to be complete must be on the platter).
import { open } from 'node:fs/promises'
import type { NamedTensor } from '../model/safetensors'

/// Size in bytes of the file `writeSafetensorsFile` writes for these tensors.
export function safetensorsFileSize(
  tensors: readonly NamedTensor[],
  metadata: Record<string, string> = {}
): number {
  const { header } = encodeHeader(tensors, metadata)
  return 8 + header.byteLength + tensors.reduce((sum, t) => sum + t.data.byteLength, 0)
}

export async function writeSafetensorsFile(
  path: string,
  tensors: readonly NamedTensor[],
  metadata: Record<string, string> = {}
): Promise<number> {
  const { header } = encodeHeader(tensors, metadata)
  const length = new Uint8Array(8)
  new DataView(length.buffer).setBigUint64(0, BigInt(header.byteLength), true)
  const file = await open(path, 'w')
  let written = 0
  try {
    const write = async (bytes: Uint8Array) => {
      let offset = 0
      while (offset < bytes.byteLength) {
        const { bytesWritten } = await file.write(bytes, offset, bytes.byteLength - offset)
        offset += bytesWritten
      }
      written += bytes.byteLength
    }
    await write(length)
    await write(header)
    for (const tensor of tensors) {
      await write(
        new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength)
      )
    }
    await file.sync()
  } finally {
    await file.close()
  }
  return written
}

function encodeHeader(
  tensors: readonly NamedTensor[],
  metadata: Record<string, string>
): { header: Uint8Array } {
  const json: Record<string, unknown> = { __metadata__: { format: 'pt', ...metadata } }
  let offset = 0
  for (const tensor of tensors) {
    const count = tensor.shape.reduce((a, b) => a * b, 1)
    if (count !== tensor.data.length) {
      throw new Error(
        `Tensor '${tensor.name}': shape [${tensor.shape}] needs ${count} values, got ${tensor.data.length}`
      )
    }
    json[tensor.name] = {
      dtype: 'F32',
      shape: tensor.shape,
      data_offsets: [offset, offset + count * 4]
    }
    offset += count * 4
  }
  const text = JSON.stringify(json)
  // Pad with spaces so the data starts 8-byte aligned (as the Rust writer does).
  const raw = new TextEncoder().encode(text)
  const padded = Math.ceil(raw.byteLength / 8) * 8
  return { header: new TextEncoder().encode(text + ' '.repeat(padded - raw.byteLength)) }
}
