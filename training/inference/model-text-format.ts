/// Which text format a model folder's model reads and writes, from its manifest
/// (`script-buddy.json`, field `textFormat`).
import { MODEL_TEXT_FORMATS, type ModelTextFormat } from '../../src/shared/generation'
import { readFolderManifest } from './folder-manifest'

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
  const { manifest, path, warning } = readFolderManifest(folder)
  if (!manifest) return { format: 'fountain-compact', ...(warning ? { warning } : {}) }
  const value = manifest.textFormat
  if (value === undefined) return { format: 'fountain-compact' }
  if (MODEL_TEXT_FORMATS.includes(value as ModelTextFormat)) {
    return { format: value as ModelTextFormat }
  }
  return {
    format: 'fountain-compact',
    warning: `${path} names an unknown textFormat ${JSON.stringify(value)} (known: ${MODEL_TEXT_FORMATS.join(', ')})`
  }
}

/// Tokens of context the model was trained at (manifest field `trainedContextLength`), or null
/// when the manifest does not say (then the config's `n_positions` is the window). Positions past
/// the trained length have untrained embeddings: the embedded model, trained at 512 of its 1024
/// positions, writes nothing but line breaks from a 800-token prompt.
export function readTrainedContextLength(folder: string): number | null {
  const value = readFolderManifest(folder).manifest?.trainedContextLength
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null
}
