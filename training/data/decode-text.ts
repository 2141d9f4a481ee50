/// Bytes → text for script files: refuses binary data, finds the first invalid UTF-8 byte, and
/// decodes Windows-1252 when asked.
import { err, ok, type Result } from '../../src/shared/result'

export type TextEncoding = 'utf-8' | 'windows-1252'

/// Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8.
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const byte = bytes[index]
    if (byte < 0x80) {
      index += 1
      continue
    }
    let length = 0
    let minimum = 0
    if (byte >= 0xc2 && byte <= 0xdf) [length, minimum] = [2, 0x80]
    else if (byte >= 0xe0 && byte <= 0xef) [length, minimum] = [3, 0x800]
    else if (byte >= 0xf0 && byte <= 0xf4) [length, minimum] = [4, 0x10000]
    else return index
    if (index + length > bytes.length) return index
    let code = byte & (0xff >> (length + 1))
    for (let next = 1; next < length; next += 1) {
      const continuation = bytes[index + next]
      if ((continuation & 0xc0) !== 0x80) return index
      code = (code << 6) | (continuation & 0x3f)
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid too.
    if (code < minimum || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return index
    index += length
  }
  return -1
}

/// Decodes a script file's bytes. `name` is used in messages.
export function decodeScriptBytes(
  bytes: Uint8Array,
  name: string,
  encoding: TextEncoding = 'utf-8'
): Result<string> {
  const nul = bytes.indexOf(0)
  if (nul >= 0) {
    return err(
      'bad-input',
      `${name} is a binary file (it contains a NUL byte at offset ${nul}), not a screenplay text. ` +
        'Import a .fountain, .txt or .fdx file.',
      `nulOffset=${nul}`
    )
  }
  if (encoding === 'windows-1252') {
    return ok(new TextDecoder('windows-1252').decode(bytes).replace(/^\uFEFF/, ''))
  }
  const bad = firstInvalidUtf8(bytes)
  if (bad >= 0) {
    return err(
      'bad-input',
      `${name} is not valid UTF-8 text (the first bad byte, 0x${bytes[bad].toString(16).padStart(2, '0')}, ` +
        `is at byte offset ${bad}). If it was saved on Windows, import it again with the ` +
        'Windows-1252 encoding.',
      `byteOffset=${bad}`
    )
  }
  return ok(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''))
}
