import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  encodeSafetensors,
  parseSafetensors,
  readSafetensorFiles,
  readSafetensorsFolder,
  writeSafetensors
} from '../../../../training/model/safetensors'
import { float16ToFloat32, float32ToFloat16 } from '../../../../training/model/float16'
import { unwrap } from '../../../../src/shared/result'

const folder = mkdtempSync(join(tmpdir(), 'safetensors-test-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const a = { name: 'a', shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 0, 1e-3, 65504]) }
const b = { name: 'b.weight', shape: [3], data: Float32Array.from([0.1, 0.2, 0.3]) }

function header(json: object, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(json))
  const out = new Uint8Array(8 + text.length + data.length)
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true)
  out.set(text, 8)
  out.set(data, 8 + text.length)
  return out
}

describe('safetensors', () => {
  it('round-trips F32 exactly and F16 to half precision', () => {
    const f32 = unwrap(parseSafetensors(encodeSafetensors([a, b], 'F32'), 'x'))
    expect(f32.get('a')).toMatchObject({ dtype: 'F32', shape: [2, 3] })
    const path = join(folder, 'model.safetensors')
    writeSafetensors(path, [a, b], 'F16', { note: 'test' })
    const store = unwrap(readSafetensorsFolder(folder))
    expect(store.names().sort()).toEqual(['a', 'b.weight'])
    expect(store.info('a')?.dtype).toBe('F16')
    const back = store.float32('a')
    expect([...back]).toEqual([1, -2, 3.5, 0, expect.closeTo(1e-3, 6), 65504])
    expect(store.float32('b.weight')[1]).toBeCloseTo(0.2, 3)
    expect(() => store.float32('missing')).toThrow(/No tensor 'missing'/)
  })

  it('aligns the data section to 8 bytes', () => {
    const bytes = encodeSafetensors([b])
    const length = Number(new DataView(bytes.buffer).getBigUint64(0, true))
    expect(length % 8).toBe(0)
  })

  it('reads BF16 (the top half of float32)', () => {
    const values = Float32Array.from([1.5, -3, 0.15625])
    const bits = new Uint32Array(values.buffer)
    const bf16 = Uint16Array.from(bits, (x) => x >>> 16)
    const bytes = header(
      { t: { dtype: 'BF16', shape: [3], data_offsets: [0, 6] } },
      new Uint8Array(bf16.buffer)
    )
    writeFileSync(join(folder, 'bf16.safetensors'), bytes)
    const store = unwrap(readSafetensorFiles([join(folder, 'bf16.safetensors')]))
    expect(store.info('t')?.dtype).toBe('BF16')
    expect([...store.float32('t')]).toEqual([1.5, -3, 0.15625])
  })

  it('converts float16 with round-to-nearest-even, subnormals and overflow', () => {
    const values = Float32Array.from([1, 1 + 2 ** -11, 1 + 3 * 2 ** -11, 6e-8, -1e6, 2 ** -20])
    const half = float32ToFloat16(values)
    expect(half[0]).toBe(0x3c00)
    expect(half[1]).toBe(0x3c00) // halfway rounds to even
    expect(half[2]).toBe(0x3c02)
    expect(half[4]).toBe(0xfc00) // -Infinity
    const back = float16ToFloat32(half)
    expect(back[3]).toBeCloseTo(5.96e-8, 9)
    expect(back[5]).toBeCloseTo(2 ** -20, 9)
  })

  it('reads sharded weights through model.safetensors.index.json', () => {
    const sharded = mkdtempSync(join(folder, 'sharded-'))
    writeSafetensors(join(sharded, 'model-00001-of-00002.safetensors'), [a])
    writeSafetensors(join(sharded, 'model-00002-of-00002.safetensors'), [b])
    writeFileSync(
      join(sharded, 'model.safetensors.index.json'),
      JSON.stringify({
        weight_map: {
          a: 'model-00001-of-00002.safetensors',
          'b.weight': 'model-00002-of-00002.safetensors'
        }
      })
    )
    const store = unwrap(readSafetensorsFolder(sharded))
    expect(store.files).toHaveLength(2)
    expect([...store.float32('a')]).toEqual([...a.data])
    expect([...store.float32('b.weight')]).toEqual([...b.data])
    rmSync(join(sharded, 'model-00002-of-00002.safetensors'))
    const missing = readSafetensorsFolder(sharded)
    expect(!missing.ok && missing.error.message).toMatch(
      /Missing weight shards: model-00002-of-00002/
    )
  })

  it('reports a truncated file with both sizes', () => {
    const bytes = encodeSafetensors([a, b])
    const result = parseSafetensors(bytes.subarray(0, bytes.length - 5), 'model.safetensors')
    expect(!result.ok && result.error.message).toBe(
      `model.safetensors: the file is truncated: expected ${bytes.length} bytes, found ${bytes.length - 5}; re-download the model.`
    )
    expect(!parseSafetensors(bytes.subarray(0, 4), 'x').ok).toBe(true)
  })

  it('refuses bad headers, dtypes and offsets', () => {
    const broken = header({})
    broken[9] = 0x7b // '{{'
    expect(parseSafetensors(Uint8Array.from([...broken.subarray(0, 8), 0x7b, 0x7b]), 'x').ok).toBe(
      false
    )
    const badJson = parseSafetensors(header({}).fill(0x7b, 8), 'x')
    expect(!badJson.ok && badJson.error.message).toMatch(/header is not valid JSON/)
    const wrongSize = parseSafetensors(
      header({ t: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, new Uint8Array(8)),
      'x'
    )
    expect(!wrongSize.ok && wrongSize.error.message).toMatch(/tensor 't' has data_offsets \[0, 4\]/)
    const dtype = parseSafetensors(
      header({ t: { dtype: 'Q4', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1)),
      'x'
    )
    expect(!dtype.ok && dtype.error.message).toMatch(/unknown dtype "Q4"/)
    const huge = new Uint8Array(16)
    new DataView(huge.buffer).setBigUint64(0, 2n ** 40n, true)
    expect(!parseSafetensors(huge, 'x').ok).toBe(true)
  })

  it('says when no weight file is in the folder', () => {
    const empty = mkdtempSync(join(folder, 'empty-'))
    const result = readSafetensorsFolder(empty)
    expect(!result.ok && result.error.code).toBe('not-found')
  })
})
