/// Format conversion for documents: bytes of a script file → Fountain text, and Fountain text →
/// exported files. (Replaced by the full importers once the format modules land.)
import { err, ok, type Result } from '../../shared/result'
import type { ConvertedText, DocumentConverters } from './document-service'

function decodeText(name: string, bytes: Uint8Array): Result<{ text: string; warnings: string[] }> {
  if (bytes.includes(0)) {
    return err(
      'bad-input',
      `${name} is not a text file (it contains binary data). Open a .fountain, .fdx or .txt screenplay.`
    )
  }
  try {
    return ok({ text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warnings: [] })
  } catch {
    return ok({
      text: new TextDecoder('windows-1252').decode(bytes),
      warnings: [
        `${name} is not valid UTF-8; it was read as Windows-1252. Check accented letters and quotes.`
      ]
    })
  }
}

export function createDocumentConverters(): DocumentConverters {
  return {
    toFountain(name, bytes): Result<ConvertedText> {
      const decoded = decodeText(name, bytes)
      if (!decoded.ok) return decoded
      return ok({
        text: decoded.value.text.replace(/\r\n?/g, '\n'),
        sourceFormat: 'fountain',
        warnings: decoded.value.warnings
      })
    },
    async export(format) {
      return err('unsupported', `Export to ${format.toUpperCase()} is not available yet.`)
    }
  }
}
