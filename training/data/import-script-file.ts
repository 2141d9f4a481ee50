/// Opens a screenplay file of any supported kind and returns its elements: Fountain (.fountain,
/// .spmd; parsed by an injected parser until the Fountain parser is merged), Final Draft (.fdx),
/// PDF (.pdf: its text layer rebuilt as indented lines, then read like IMSDb layout) and plain text
/// (.txt or anything else: sniffed as IMSDb indented layout, Fountain or FDX).
import { readFile, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { importFdx } from '../../src/shared/formats/fdx'
import { imsdbToScreenplay } from '../../src/shared/formats/imsdb'
import type { Screenplay } from '../../src/shared/fountain/elements'
import { err, errorFromException, ok, type Result } from '../../src/shared/result'
import { decodeScriptBytes, type TextEncoding } from './decode-text'
import { pdfToScreenplay } from './pdf-text'

/// Files above this size are refused (a feature script is well under 1 MB).
export const MAX_SCRIPT_BYTES = 50 * 1024 * 1024

export type ScriptFormat = 'fountain' | 'fdx' | 'imsdb' | 'pdf'

export interface ImportedScript {
  screenplay: Screenplay
  format: ScriptFormat
  /// The decoded file text (the source ranges of the elements point into it); for a PDF, the
  /// indented text rebuilt from its text layer.
  text: string
}

export interface ImportOptions {
  /// The Fountain parser (`parseFountain`), injected until it is merged into this branch.
  parse?: (text: string) => Screenplay
  /// Text encoding; default UTF-8. Use 'windows-1252' when UTF-8 decoding was refused.
  encoding?: TextEncoding
}

/// Guesses the format of a plain-text script: FDX XML, IMSDb indented layout (many lines
/// indented 10+ columns), or Fountain.
export function sniffFormat(text: string): ScriptFormat {
  const head = text.slice(0, 2000).trimStart()
  if (head.startsWith('<?xml') || head.includes('<FinalDraft')) return 'fdx'
  const lines = text.split('\n', 5000).filter((line) => line.trim() !== '')
  const indented = lines.filter((line) => /^( {10,}|\t{2,})\S/.test(line)).length
  if (lines.length > 0 && indented / lines.length >= 0.2) return 'imsdb'
  return 'fountain'
}

function formatFor(path: string, text: string): ScriptFormat {
  const extension = extname(path).toLowerCase()
  if (extension === '.fdx') return 'fdx'
  if (extension === '.fountain' || extension === '.spmd') return 'fountain'
  return sniffFormat(text)
}

async function importPdf(path: string, name: string): Promise<Result<ImportedScript>> {
  const imported = await pdfToScreenplay(await readFile(path), name)
  return imported.ok ? ok({ ...imported.value, format: 'pdf' }) : imported
}

/// Reads and parses a script file. Every failure is an error result with a message that says
/// what to do next; nothing throws.
export async function importScriptFile(
  path: string,
  options: ImportOptions = {}
): Promise<Result<ImportedScript>> {
  const name = basename(path)
  try {
    const info = await stat(path)
    if (!info.isFile()) return err('bad-input', `${name} is not a file. Pick a script file.`)
    if (info.size > MAX_SCRIPT_BYTES) {
      const megabytes = (info.size / 1024 / 1024).toFixed(1)
      return err(
        'too-large',
        `${name} is ${megabytes} MB; scripts over 50 MB are refused. Check that you picked the ` +
          'right file (a feature script is well under 1 MB).'
      )
    }
    if (extname(path).toLowerCase() === '.pdf') return await importPdf(path, name)
    const decoded = decodeScriptBytes(await readFile(path), name, options.encoding)
    if (!decoded.ok) return decoded
    const text = decoded.value.replace(/\r\n?/g, '\n')
    const format = formatFor(path, text)
    if (format === 'fdx') {
      const imported = importFdx(text)
      return imported.ok ? ok({ screenplay: imported.value, format, text }) : imported
    }
    if (format === 'imsdb') return ok({ screenplay: imsdbToScreenplay(text), format, text })
    if (!options.parse) {
      return err(
        'bad-input',
        `${name} is Fountain text, but no Fountain parser was given to the importer.`
      )
    }
    return ok({ screenplay: options.parse(text), format, text })
  } catch (exception) {
    return {
      ok: false,
      error: errorFromException(
        exception,
        'io-error',
        `Could not read ${name}. Check the path and permissions.`
      )
    }
  }
}
