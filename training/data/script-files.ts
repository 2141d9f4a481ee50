/// Which files a retraining reads: script files given by name, and the script files inside given
/// folders (not recursive). Corpus files (`*.jsonl.gz` / `*.jsonl` of whole scripts, the shape of
/// ../shared/data/screenplays/scripts.jsonl.gz) count as script files; manifests do not.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'

const SCRIPT_EXTENSIONS = /\.(fountain|spmd|fdx|txt|pdf|jsonl|jsonl\.gz)$/i

/// Manifests describe the scripts beside them (titles, genres); they hold no script text.
export function isManifestFile(name: string): boolean {
  return /^manifest\.(tsv|jsonl|jsonl\.gz)$/i.test(basename(name))
}

/// A corpus of whole scripts, one JSON object per line.
export function isCorpusFile(name: string): boolean {
  return /\.jsonl(\.gz)?$/i.test(name) && !isManifestFile(name)
}

/// Files to read: given files, and script files inside given folders (sorted by name).
export function listScriptFiles(paths: readonly string[]): string[] {
  const files: string[] = []
  for (const path of paths) {
    if (!existsSync(path)) continue
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (SCRIPT_EXTENSIONS.test(name) && !isManifestFile(name)) files.push(join(path, name))
      }
    } else files.push(path)
  }
  return files
}
