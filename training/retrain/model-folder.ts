/// Writes trained weights as a model folder in the Hugging Face layout (config.json, tokenizer,
/// model.safetensors) plus the app's manifest with the training provenance. The manifest is what
/// makes the folder a model the writer can use, so it is written last, and a failed write (a full
/// disk) removes what it wrote: never a folder that looks usable but holds half a model.
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { NamedTensor } from '../model/safetensors'
import { ensureFreeSpace, writingTo } from '../train/disk-space'
import { parameterSpecs, type Gpt2Shape, type Gpt2Weights } from '../train/gpt2-shapes'
import { safetensorsFileSize, writeSafetensorsFile } from '../train/safetensors-file'

export const MANIFEST_FILE = 'script-buddy.json'
/// Hashed 12-word runs of the scripts a model was trained on (src/shared/ai/provenance.ts).
export const NGRAM_INDEX_FILE = 'training-ngrams.bin'

const COPIED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json']

/// The app's own description of a model folder.
export interface ModelManifest {
  name: string
  base: string
  textFormat: 'fountain-compact' | 'imsdb-indented'
  /// Tokens of context the model was trained at, when shorter than its config's n_positions:
  /// prompts and output are kept inside it (positions past it were never trained).
  trainedContextLength?: number
  source: 'embedded' | 'hub' | 'folder' | 'retrained'
  createdAt?: string
  training?: {
    scripts: string[]
    /// Optimizer steps the run made.
    steps: number
    tokens: number
    validationBefore: number | null
    validationAfter: number | null
    /// Step whose weights were kept (lowest validation loss); absent without validation.
    bestStep?: number | null
    /// True when early stopping ended the run before its step budget.
    stoppedEarly?: boolean
    learningRate?: number
    batchSize?: number
    contextLength?: number
    seed?: number
  }
}

/// Hugging Face names and shapes of the trained parameters, for the safetensors writer.
export function weightsToTensors(config: Gpt2Shape, weights: Gpt2Weights): NamedTensor[] {
  return parameterSpecs(config).map((spec) => {
    const data = weights.get(spec.name)
    if (!data) throw new Error(`trained weights have no ${spec.name}`)
    return { name: spec.name, shape: spec.shape, data }
  })
}

/// Writes the weights and copies config and tokenizer; with a manifest, writes it last.
/// Throws DiskFullError when the disk fills, after removing what it wrote.
export async function writeModelFolder(options: {
  folder: string
  baseFolder: string
  config: Gpt2Shape
  weights: Gpt2Weights
  /// Null: weights only (a scratch folder for a sample), never registered as a model.
  manifest: ModelManifest | null
}): Promise<void> {
  const tensors = weightsToTensors(options.config, options.weights)
  const needed = safetensorsFileSize(tensors) + 4_000_000
  await mkdir(options.folder, { recursive: true })
  await ensureFreeSpace(options.folder, needed)
  const written: string[] = []
  try {
    await writingTo(options.folder, needed, async () => {
      for (const file of COPIED_FILES) {
        written.push(join(options.folder, file))
        await copyFile(join(options.baseFolder, file), join(options.folder, file))
      }
      const weights = join(options.folder, 'model.safetensors')
      written.push(`${weights}.partial`, weights)
      await writeSafetensorsFile(`${weights}.partial`, tensors, { format: 'pt' })
      await rename(`${weights}.partial`, weights)
      if (options.manifest) await writeManifest(options.folder, options.manifest)
    })
  } catch (error) {
    for (const path of written) await rm(path, { force: true }).catch(() => undefined)
    throw error
  }
}

/// Replaces the manifest atomically (temp file + rename).
export async function writeManifest(folder: string, manifest: ModelManifest): Promise<void> {
  const path = join(folder, MANIFEST_FILE)
  await writeFile(`${path}.partial`, `${JSON.stringify(manifest, null, 2)}\n`)
  await rename(`${path}.partial`, path)
}

/// Makes a folder stop looking like a usable model (its manifest goes first).
export async function removeModelFiles(folder: string): Promise<void> {
  for (const file of [MANIFEST_FILE, NGRAM_INDEX_FILE, 'model.safetensors', ...COPIED_FILES]) {
    await rm(join(folder, file), { force: true }).catch(() => undefined)
  }
  await rm(join(folder, 'onnx'), { recursive: true, force: true }).catch(() => undefined)
}
