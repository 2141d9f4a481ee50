/// Format conversion for documents: the bytes of a script file → Fountain text (the editor's
/// format), and Fountain text → exported files (Final Draft XML, industry-format PDF).
import { extname } from 'node:path'
import { exportFdx, importFdx } from '../../shared/formats/fdx'
import { imsdbToScreenplay } from '../../shared/formats/imsdb'
import { parseFountain, writeFountain } from '../../shared/fountain'
import { LETTER } from '../../shared/pagination'
import { err, ok, type Result } from '../../shared/result'
import { decodeScriptBytes } from '../../../training/data/decode-text'
import { exportPdf } from '../../../training/data/export-pdf'
import { sniffFormat } from '../../../training/data/import-script-file'
import { pdfToScreenplay } from '../../../training/data/pdf-text'
import type { ConvertedText, DocumentConverters } from './document-service'

/// Bytes → text: UTF-8, or Windows-1252 with a warning (nothing is refused that can be read).
function decode(name: string, bytes: Uint8Array): Result<{ text: string; warnings: string[] }> {
  const utf8 = decodeScriptBytes(bytes, name)
  if (utf8.ok) return ok({ text: utf8.value, warnings: [] })
  if (/NUL byte/.test(utf8.error.message)) return utf8
  const fallback = decodeScriptBytes(bytes, name, 'windows-1252')
  if (!fallback.ok) return fallback
  const offset = utf8.error.detail?.replace('byteOffset=', '') ?? '?'
  return ok({
    text: fallback.value,
    warnings: [
      `${name} is not valid UTF-8 (first bad byte at offset ${offset}), so it was read as Windows-1252. Check accented letters and quotes, then save to store it as UTF-8.`
    ]
  })
}

function toFountain(name: string, bytes: Uint8Array): Result<ConvertedText> {
  const decoded = decode(name, bytes)
  if (!decoded.ok) return decoded
  const text = decoded.value.text.replace(/\r\n?/g, '\n')
  const warnings = decoded.value.warnings
  const extension = extname(name).toLowerCase()
  const format =
    extension === '.fdx'
      ? 'fdx'
      : extension === '.fountain' || extension === '.spmd'
        ? 'fountain'
        : sniffFormat(text)
  if (format === 'fountain') {
    return ok({ text, sourceFormat: extension === '.txt' ? 'plain-text' : 'fountain', warnings })
  }
  if (format === 'fdx') {
    const screenplay = importFdx(text)
    if (!screenplay.ok) return screenplay
    return ok({ text: writeFountain(screenplay.value), sourceFormat: 'fdx', warnings })
  }
  const screenplay = imsdbToScreenplay(text)
  if (screenplay.elements.length === 0) {
    return err(
      'bad-input',
      `No screenplay elements were found in ${name}. Is it a screenplay in plain text?`
    )
  }
  return ok({ text: writeFountain(screenplay), sourceFormat: 'imsdb-text', warnings })
}

// A PDF's text layer, rebuilt as indented lines, reads like an IMSDb transcript.
async function pdfToFountain(name: string, bytes: Uint8Array): Promise<Result<ConvertedText>> {
  const imported = await pdfToScreenplay(bytes, name)
  if (!imported.ok) return imported
  return ok({
    text: writeFountain(imported.value.screenplay),
    sourceFormat: 'pdf',
    warnings: [
      `${name} was rebuilt from the PDF's text: check scene headings, cues and the title page, then save it as Fountain.`
    ]
  })
}

export function createDocumentConverters(): DocumentConverters {
  return {
    toFountain: (name, bytes) =>
      extname(name).toLowerCase() === '.pdf' ? pdfToFountain(name, bytes) : toFountain(name, bytes),
    async export(format, fountainText, outPath) {
      const screenplay = parseFountain(fountainText)
      if (format === 'fdx') {
        const { writeFile } = await import('node:fs/promises')
        await writeFile(outPath, exportFdx(screenplay))
        return ok(undefined)
      }
      const written = await exportPdf(screenplay, LETTER, outPath)
      return written.ok ? ok(undefined) : written
    }
  }
}
