/// Opening, importing, saving and exporting scripts, plus recent files and recovery snapshots.
/// Format conversion is injected (see converters.ts), so this file is only about files: sizes,
/// paths, atomic writes and messages a writer can act on.
import { readFile, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import type {
  ExportFormat,
  OpenedDocument,
  RecoveryEntry,
  SavedDocument
} from '../../shared/documents/documents'
import { err, ok, type Result } from '../../shared/result'
import { sidecarPathFor } from '../../shared/ai/ai-text-marks'
import { writeFileAtomic } from '../files/atomic-write'
import type { RecentFiles } from './recent-files'
import type { RecoveryStore } from './recovery-store'

/// Larger files are refused before they are read: no screenplay comes near it.
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

export interface ConvertedText {
  text: string
  sourceFormat: OpenedDocument['sourceFormat']
  warnings: string[]
}

export interface DocumentConverters {
  /// File contents → Fountain text, or a message saying why the file cannot be used.
  toFountain(
    name: string,
    bytes: Uint8Array
  ): Result<ConvertedText> | Promise<Result<ConvertedText>>
  /// Fountain text → an exported file written at `outPath`.
  export(format: ExportFormat, fountainText: string, outPath: string): Promise<Result<void>>
}

function describeWriteError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return `You don't have permission to write ${path}. Choose another folder with Save As; your text is still open here.`
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return `The disk is full, so ${path} was not saved. Free some space or save elsewhere; your text is still open here.`
  }
  if (code === 'ENOENT') {
    return `The folder for ${path} does not exist. Choose another folder with Save As; your text is still open here.`
  }
  if (code === 'ENOTDIR') {
    return `${path} cannot be saved: part of that path is a file, not a folder. Choose another folder with Save As; your text is still open here.`
  }
  return `${path} could not be saved (${code ?? String(error)}). Your text is still open here; try Save As.`
}

/// Converter messages such as "This file is not well-formed XML" don't know which file; the writer
/// may have tried several, so say which one failed.
function namedFailure<T>(name: string, result: Result<T>): Result<T> {
  if (result.ok || result.error.message.includes(name)) return result
  return { ok: false, error: { ...result.error, message: `${name}: ${result.error.message}` } }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error
}

// The AI-text record beside a script, or null when there is none (or it cannot be read, or is
// implausibly large: it is a convenience, never a reason not to open the script).
async function readSidecarFile(path: string): Promise<string | null> {
  const sidecar = sidecarPathFor(path)
  try {
    if ((await stat(sidecar)).size > 8 * 1024 * 1024) return null
    return await readFile(sidecar, 'utf8')
  } catch {
    return null
  }
}

export class DocumentService {
  constructor(
    private readonly converters: DocumentConverters,
    private readonly recent: RecentFiles,
    private readonly recovery: RecoveryStore
  ) {}

  async open(path: string): Promise<Result<OpenedDocument>> {
    let size: number
    try {
      const info = await stat(path)
      if (info.isDirectory()) {
        return err(
          'bad-input',
          `${path} is a folder. Choose a script file (.fountain, .fdx, .txt or .pdf).`
        )
      }
      size = info.size
    } catch {
      return err('not-found', `${path} was not found. It may have been moved or deleted.`)
    }
    if (size > MAX_DOCUMENT_BYTES) {
      return err(
        'too-large',
        `${basename(path)} is ${(size / 1024 / 1024).toFixed(0)} MB; scripts over 50 MB are not opened. Is it really a screenplay?`
      )
    }
    let bytes: Uint8Array
    try {
      bytes = await readFile(path)
    } catch (error) {
      return err(
        'io-error',
        `${path} could not be read. Check that you have permission to open it.`,
        String(error)
      )
    }
    const converted = namedFailure(
      basename(path),
      await this.converters.toFountain(basename(path), bytes)
    )
    if (!converted.ok) return converted
    await this.recent.add(path).catch(() => undefined)
    const provenance = await readSidecarFile(path)
    // Only Fountain files are saved back in place; anything converted gets a new name on save.
    const keepsPath =
      converted.value.sourceFormat === 'fountain' && extname(path).toLowerCase() !== '.txt'
    return ok({
      path: keepsPath ? path : null,
      name: basename(path),
      ...converted.value,
      ...(keepsPath && provenance !== null ? { provenance } : {})
    })
  }

  async import(name: string, base64: string): Promise<Result<OpenedDocument>> {
    const bytes = Buffer.from(base64, 'base64')
    if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
      return err(
        'too-large',
        `${name} is ${(bytes.byteLength / 1024 / 1024).toFixed(0)} MB; scripts over 50 MB are not opened. Is it really a screenplay?`
      )
    }
    const converted = namedFailure(name, await this.converters.toFountain(name, bytes))
    if (!converted.ok) return converted
    return ok({ path: null, name, ...converted.value })
  }

  /// `provenance`: the AI-text record to keep beside the script; null removes a stale one.
  async save(
    path: string,
    text: string,
    provenance?: string | null
  ): Promise<Result<SavedDocument>> {
    try {
      await writeFileAtomic(path, text)
    } catch (error) {
      return err('io-error', describeWriteError(error, path), String(error))
    }
    const sidecar = sidecarPathFor(path)
    try {
      if (typeof provenance === 'string') await writeFileAtomic(sidecar, provenance)
      else if (provenance === null) await unlink(sidecar).catch(ignoreMissing)
    } catch (error) {
      return err(
        'io-error',
        `The script was saved, but its record of AI text was not: ${describeWriteError(error, sidecar)}`,
        String(error)
      )
    }
    await this.recent.add(path).catch(() => undefined)
    return ok({ path, name: basename(path), savedAt: Date.now() })
  }

  async export(
    path: string,
    text: string,
    format: ExportFormat
  ): Promise<Result<{ path: string }>> {
    // Written beside the target and renamed over it, so a failed export never leaves half a file.
    const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`)
    try {
      const written = await this.converters.export(format, text, partial)
      if (!written.ok) {
        await unlink(partial).catch(() => undefined)
        return written
      }
      await rename(partial, path)
    } catch (error) {
      await unlink(partial).catch(() => undefined)
      return err('io-error', describeWriteError(error, path), String(error))
    }
    return ok({ path })
  }

  recentFiles() {
    return this.recent.list()
  }

  async writeRecovery(entry: Omit<RecoveryEntry, 'savedAt'>): Promise<Result<{ savedAt: number }>> {
    const savedAt = Date.now()
    try {
      await this.recovery.write({ ...entry, savedAt })
    } catch (error) {
      return err(
        'io-error',
        'The recovery snapshot could not be written. Save your script now to be safe.',
        String(error)
      )
    }
    return ok({ savedAt })
  }

  listRecovery() {
    return this.recovery.list()
  }

  discardRecovery(documentId: string) {
    return this.recovery.discard(documentId)
  }
}
