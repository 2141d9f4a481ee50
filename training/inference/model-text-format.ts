/// Which text format a model folder's model reads and writes, from its manifest
/// (`script-buddy.json`, field `textFormat`).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MODEL_TEXT_FORMATS, type ModelTextFormat } from '../../src/shared/generation'
import { MANIFEST_FILE } from '../retrain/model-folder'

/// The folder's text format, and what was wrong when a manifest could not say it.
export interface FolderTextFormat {
  format: ModelTextFormat
  /// Set when the manifest is there but unreadable or names an unknown format (the default is used).
  warning?: string
}

/// A folder without a manifest (a plain Hugging Face download such as `gpt2`) is read as
/// 'fountain-compact': hub GPT-2 models learned from web text, where scripts appear as plain lines
/// without page indentation, and the indented layout would spend 2.5× the tokens of the same text
/// (model README) of a 1024-token window on spaces. Models this app trains write their manifest.
export function readModelTextFormat(folder: string): FolderTextFormat {
  const path = join(folder, MANIFEST_FILE)
  if (!existsSync(path)) return { format: 'fountain-compact' }
  let manifest: unknown
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    return {
      format: 'fountain-compact',
      warning: `${path} is not valid JSON (${(error as Error).message})`
    }
  }
  const value = (manifest as { textFormat?: unknown } | null)?.textFormat
  if (value === undefined) return { format: 'fountain-compact' }
  if (MODEL_TEXT_FORMATS.includes(value as ModelTextFormat)) {
    return { format: value as ModelTextFormat }
  }
  return {
    format: 'fountain-compact',
    warning: `${path} names an unknown textFormat ${JSON.stringify(value)} (known: ${MODEL_TEXT_FORMATS.join(', ')})`
  }
}
