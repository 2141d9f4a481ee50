/// Writes trained weights as a model folder in the Hugging Face layout (config.json, tokenizer,
/// model.safetensors) plus the app's manifest with the training provenance.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeSafetensors, type NamedTensor } from '../model/safetensors'
import { parameterSpecs, type Gpt2Shape, type Gpt2Weights } from '../train/gpt2-shapes'

export const MANIFEST_FILE = 'script-buddy.json'
/// Hashed 12-word runs of the scripts a model was trained on (src/shared/ai/provenance.ts).
export const NGRAM_INDEX_FILE = 'training-ngrams.bin'

/// The app's own description of a model folder.
export interface ModelManifest {
  name: string
  base: string
  textFormat: 'fountain-compact' | 'imsdb-indented'
  source: 'embedded' | 'hub' | 'folder' | 'retrained'
  createdAt?: string
  training?: {
    scripts: string[]
    steps: number
    tokens: number
    validationBefore: number | null
    validationAfter: number | null
  }
}

/// Hugging Face names and shapes of the trained parameters, for writeSafetensors.
export function weightsToTensors(config: Gpt2Shape, weights: Gpt2Weights): NamedTensor[] {
  return parameterSpecs(config).map((spec) => {
    const data = weights.get(spec.name)
    if (!data) throw new Error(`trained weights have no ${spec.name}`)
    return { name: spec.name, shape: spec.shape, data }
  })
}

export function writeModelFolder(options: {
  folder: string
  baseFolder: string
  config: Gpt2Shape
  weights: Gpt2Weights
  manifest: ModelManifest
}): void {
  mkdirSync(options.folder, { recursive: true })
  copyFileSync(join(options.baseFolder, 'config.json'), join(options.folder, 'config.json'))
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
    copyFileSync(join(options.baseFolder, file), join(options.folder, file))
  }
  writeSafetensors(
    join(options.folder, 'model.safetensors'),
    weightsToTensors(options.config, options.weights),
    'F32',
    {
      format: 'pt'
    }
  )
  writeFileSync(
    join(options.folder, MANIFEST_FILE),
    `${JSON.stringify(options.manifest, null, 2)}\n`
  )
}
