/// Compiles a model folder's safetensors into the ONNX files inference runs: `onnx/model.onnx`
/// (fp32) and `onnx/model_quantized.onnx` (int8), next to the model when its folder is writable,
/// otherwise in a cache folder. A manifest records the sha256 of every weight file, so the ONNX
/// files are rebuilt when the weights change and reused otherwise.
import { createHash } from 'node:crypto'
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
  accessSync,
  constants,
  statSync
} from 'node:fs'
import { homedir } from 'node:os'
import { join, relative } from 'node:path'
import { err, ok, type Result } from '../../src/shared/result'
import { loadConfigAndWeights } from '../model/load-model'
import { readSafetensorsFolder } from '../model/safetensors'
import { buildInferenceModel, type GraphPrecision, type KvLayout } from './inference-graph'

/// Bump when the graph changes: old compiled files are then rebuilt.
export const GRAPH_VERSION = 2
export const MANIFEST_NAME = 'script-buddy-onnx.json'
export const ONNX_FILES: Record<GraphPrecision, string> = {
  fp32: 'model.onnx',
  int8: 'model_quantized.onnx'
}

/// The file of one precision and cache layout: the Optimum layout keeps the standard names (so the
/// folder stays a standard export), the sequence-first one the engine runs gets its own.
export function onnxFileName(precision: GraphPrecision, layout: KvLayout): string {
  return layout === 'optimum'
    ? ONNX_FILES[precision]
    : ONNX_FILES[precision].replace(/\.onnx$/, '.seqkv.onnx')
}

// The manifest's key for one precision and layout.
function fileKey(precision: GraphPrecision, layout: KvLayout): string {
  return layout === 'optimum' ? precision : `${precision}.seqkv`
}

export interface CompileOptions {
  /// Where to write when the model folder is read-only. Default `~/.cache/script-buddy/onnx`
  /// (or `$SCRIPT_BUDDY_CACHE/onnx`).
  cacheDir?: string
  /// Write here regardless of the model folder.
  outputDir?: string
  precisions?: readonly GraphPrecision[]
  /// The KV cache layout of the graphs (inference-graph.ts). Default 'optimum'.
  kvLayout?: KvLayout
}

export interface CompiledModel {
  /// Folder holding the .onnx files.
  onnxDir: string
  files: Partial<Record<GraphPrecision, string>>
  /// The layout of `files`: 'optimum' for a folder that ships its own standard export.
  kvLayout: KvLayout
  /// False when an up-to-date compiled copy was reused (or the folder ships its own ONNX export).
  rebuilt: boolean
}

interface Manifest {
  graphVersion: number
  weights: { file: string; sha256: string }[]
  /// By precision ('int8') for the Optimum layout, by precision and layout ('int8.seqkv') else.
  files: Partial<Record<string, string>>
}

export function defaultCacheDir(): string {
  return join(process.env.SCRIPT_BUDDY_CACHE ?? join(homedir(), '.cache', 'script-buddy'), 'onnx')
}

/// Compiles (or reuses) the ONNX files of a model folder.
export async function compileModel(
  folder: string,
  options: CompileOptions = {}
): Promise<Result<CompiledModel>> {
  const precisions = options.precisions ?? ['fp32', 'int8']
  const layout = options.kvLayout ?? 'optimum'
  const store = readSafetensorsFolder(folder)
  if (!store.ok) {
    // A folder with a standard ONNX export and no safetensors still runs.
    const shipped = join(folder, 'onnx')
    if (store.error.code === 'not-found' && existsSync(join(shipped, ONNX_FILES.fp32))) {
      const files: CompiledModel['files'] = {}
      for (const precision of precisions) {
        if (existsSync(join(shipped, ONNX_FILES[precision]))) {
          files[precision] = join(shipped, ONNX_FILES[precision])
        }
      }
      return ok({ onnxDir: shipped, files, rebuilt: false, kvLayout: 'optimum' })
    }
    return store
  }
  const weights = await Promise.all(
    store.value.files.map(async (file) => ({
      file: relative(folder, file),
      sha256: await sha256File(file)
    }))
  )
  const key = createHash('sha256').update(JSON.stringify(weights)).digest('hex').slice(0, 16)
  const onnxDir =
    options.outputDir ??
    (isWritable(folder)
      ? join(folder, 'onnx')
      : join(options.cacheDir ?? defaultCacheDir(), key, 'onnx'))
  const files: CompiledModel['files'] = {}
  for (const precision of precisions) {
    files[precision] = join(onnxDir, onnxFileName(precision, layout))
  }
  const manifestPath = join(onnxDir, MANIFEST_NAME)
  const previous = readManifest(manifestPath)
  if (
    previous &&
    previous.graphVersion === GRAPH_VERSION &&
    JSON.stringify(previous.weights) === JSON.stringify(weights) &&
    precisions.every(
      (p) =>
        previous.files[fileKey(p, layout)] && existsSync(join(onnxDir, onnxFileName(p, layout)))
    )
  ) {
    return ok({ onnxDir, files, rebuilt: false, kvLayout: layout })
  }
  const model = loadConfigAndWeights(folder)
  if (!model.ok) return model
  try {
    mkdirSync(onnxDir, { recursive: true })
    const written: Manifest['files'] = {
      ...(previous?.graphVersion === GRAPH_VERSION ? previous.files : {})
    }
    for (const precision of precisions) {
      const bytes = buildInferenceModel(model.value.config, model.value.weights, precision, {
        kvLayout: layout
      })
      const name = onnxFileName(precision, layout)
      writeAtomically(join(onnxDir, name), bytes)
      written[fileKey(precision, layout)] = name
    }
    const manifest: Manifest = { graphVersion: GRAPH_VERSION, weights, files: written }
    writeAtomically(manifestPath, new TextEncoder().encode(JSON.stringify(manifest, null, 1)))
  } catch (error) {
    return err(
      'io-error',
      `Cannot write the compiled model to ${onnxDir}: ${(error as Error).message}. Free some disk space or choose another cache folder.`
    )
  }
  return ok({ onnxDir, files, rebuilt: true, kvLayout: layout })
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })
}

function readManifest(path: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest
  } catch {
    return undefined
  }
}

/// Writable for us and meant to be written: root passes `access` on read-only folders, so the
/// folder's own write bits must be set too.
function isWritable(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK)
    return (statSync(folder).mode & 0o222) !== 0
  } catch {
    return false
  }
}

function writeAtomically(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, bytes)
  renameSync(temporary, path)
}
