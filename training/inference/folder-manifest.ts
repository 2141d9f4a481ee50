/// A model folder's app manifest (`script-buddy.json`) read leniently: the fields a reader needs,
/// or null with a warning when the file is there but is not a JSON object. A folder without one (a
/// plain Hugging Face download) gives null and no warning.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MANIFEST_FILE } from '../retrain/model-folder'

export interface FolderManifest {
  manifest: Record<string, unknown> | null
  path: string
  warning?: string
}

export function readFolderManifest(folder: string): FolderManifest {
  const path = join(folder, MANIFEST_FILE)
  if (!existsSync(path)) return { manifest: null, path }
  let value: unknown
  try {
    value = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    return {
      manifest: null,
      path,
      warning: `${path} is not valid JSON (${(error as Error).message})`
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { manifest: null, path, warning: `${path} does not hold a JSON object` }
  }
  return { manifest: value as Record<string, unknown>, path }
}
