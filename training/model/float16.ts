/// IEEE half precision and bfloat16 conversions for weight files.

let halfTable: Float32Array | undefined

/// Every float16 bit pattern's float32 value (a 256 KB table: faster than bit twiddling per value).
function halfToFloatTable(): Float32Array {
  if (halfTable) return halfTable
  halfTable = new Float32Array(65536)
  for (let bits = 0; bits < 65536; bits++) {
    const sign = bits & 0x8000 ? -1 : 1
    const exponent = (bits >> 10) & 0x1f
    const mantissa = bits & 0x3ff
    if (exponent === 0) halfTable[bits] = sign * mantissa * 2 ** -24
    else if (exponent === 31) halfTable[bits] = mantissa ? NaN : sign * Infinity
    else halfTable[bits] = sign * (1 + mantissa / 1024) * 2 ** (exponent - 15)
  }
  return halfTable
}

/// float16 bit patterns → float32 values.
export function float16ToFloat32(half: Uint16Array): Float32Array {
  const table = halfToFloatTable()
  const out = new Float32Array(half.length)
  for (let i = 0; i < half.length; i++) out[i] = table[half[i]]
  return out
}

/// bfloat16 bit patterns → float32 values (bfloat16 is the top half of a float32).
export function bfloat16ToFloat32(bf16: Uint16Array): Float32Array {
  const out = new Float32Array(bf16.length)
  const bits = new Uint32Array(out.buffer)
  for (let i = 0; i < bf16.length; i++) bits[i] = bf16[i] << 16
  return out
}

/// float32 values → float16 bit patterns, rounding to nearest even; overflow saturates to ±Infinity.
export function float32ToFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length)
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length)
  for (let i = 0; i < values.length; i++) {
    const x = bits[i]
    const sign = (x >>> 16) & 0x8000
    const exponent = (x >>> 23) & 0xff
    let mantissa = x & 0x7fffff
    if (exponent === 0xff) {
      out[i] = sign | 0x7c00 | (mantissa ? 0x200 : 0)
      continue
    }
    const halfExponent = exponent - 127 + 15
    if (halfExponent >= 31) {
      out[i] = sign | 0x7c00
      continue
    }
    if (halfExponent <= 0) {
      // Subnormal half (or zero): shift the implicit 1 into the mantissa.
      if (halfExponent < -10) {
        out[i] = sign
        continue
      }
      mantissa |= 0x800000
      const shift = 14 - halfExponent
      let half = mantissa >> shift
      const remainder = mantissa & ((1 << shift) - 1)
      const halfway = 1 << (shift - 1)
      if (remainder > halfway || (remainder === halfway && half & 1)) half++
      out[i] = sign | half
      continue
    }
    let half = (halfExponent << 10) | (mantissa >> 13)
    const remainder = mantissa & 0x1fff
    // A carry out of the mantissa bumps the exponent, which is right (and 31 means Infinity).
    if (remainder > 0x1000 || (remainder === 0x1000 && half & 1)) half++
    out[i] = sign | half
  }
  return out
}
