/// Training checkpoints. A checkpoint is a directory `step-00000025/` under the run's checkpoint
/// folder holding:
///   model.safetensors      the parameters, Hugging Face names (loadable as a model's weights)
///   optimizer.safetensors  AdamW moments as `exp_avg.<name>` and `exp_avg_sq.<name>`
///   trainer_state.json     magic, version, config, step, the two files' sizes, and the run's
///                          metadata (batch sampler state = data position and RNG, schedule,
///                          validation history, best step)
/// It is written into `.partial-…` and renamed into place when complete, and only then are older
/// checkpoints deleted, so a crash or a full disk mid-save leaves the previous one intact. Loading
/// tries the newest first and falls back to an older one when a file is missing or truncated.
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseSafetensors, type NamedTensor } from '../model/safetensors'
import { ensureFreeSpace, writingTo } from './disk-space'
import { checkWeights, parameterSpecs, type Gpt2Shape, type Gpt2Weights } from './gpt2-shapes'
import { safetensorsFileSize, writeSafetensorsFile } from './safetensors-file'
import type { TrainerState } from './model-trainer'

export const CHECKPOINT_MAGIC = 'script-buddy-training-checkpoint'
export const CHECKPOINT_VERSION = 2

export const MODEL_FILE = 'model.safetensors'
export const OPTIMIZER_FILE = 'optimizer.safetensors'
export const STATE_FILE = 'trainer_state.json'
/// Weights of the step with the lowest validation loss (no optimizer state: it is never resumed).
export const BEST_DIRECTORY = 'best'

const STEP_DIRECTORY = /^step-(\d{8})$/

export interface Checkpoint {
  config: Gpt2Shape
  state: TrainerState
  /// Anything JSON the run needs to resume (sampler state, schedule, best validation loss).
  metadata: Record<string, unknown>
}

interface StateFile {
  magic: string
  version: number
  config: Gpt2Shape
  step: number
  /// Byte sizes of the tensor files, checked on load to catch truncation.
  files: Record<string, number>
  metadata: Record<string, unknown>
}

export interface LoadedCheckpoint {
  checkpoint: Checkpoint
  directory: string
  /// Newer checkpoints that could not be read, with why (shown to the writer on resume).
  skipped: string[]
}

function stepDirectory(step: number): string {
  return `step-${String(step).padStart(8, '0')}`
}

function parameterTensors(config: Gpt2Shape, weights: Gpt2Weights, prefix = ''): NamedTensor[] {
  checkWeights(config, weights)
  return parameterSpecs(config).map((spec) => ({
    name: prefix + spec.name,
    shape: spec.shape,
    data: weights.get(spec.name) as Float32Array
  }))
}

/// Writes `files` (name → tensors) and `trainer_state.json` into `root/<name>` atomically.
async function writeDirectory(
  root: string,
  name: string,
  files: Record<string, NamedTensor[]>,
  state: Omit<StateFile, 'files'>
): Promise<string> {
  await mkdir(root, { recursive: true })
  const needed = Object.values(files).reduce((sum, t) => sum + safetensorsFileSize(t), 0) + 65_536
  await ensureFreeSpace(root, needed)
  const partial = join(root, `.partial-${name}`)
  const target = join(root, name)
  try {
    await rm(partial, { recursive: true, force: true })
    await mkdir(partial)
    const sizes: Record<string, number> = {}
    await writingTo(root, needed, async () => {
      for (const [file, tensors] of Object.entries(files)) {
        sizes[file] = await writeSafetensorsFile(join(partial, file), tensors)
      }
      const json: StateFile = { ...state, files: sizes }
      await writeFile(join(partial, STATE_FILE), `${JSON.stringify(json, null, 1)}\n`)
    })
    // Swap in: an existing target (a re-save of the same step, or `best`) moves aside first.
    const aside = join(root, `.old-${name}`)
    await rm(aside, { recursive: true, force: true })
    await rename(target, aside).catch(() => undefined)
    await rename(partial, target)
    await rm(aside, { recursive: true, force: true })
    return target
  } catch (error) {
    // Never leave half a checkpoint behind: the previous complete one stays the one to resume.
    await rm(partial, { recursive: true, force: true }).catch(() => undefined)
    throw error
  }
}

/// Saves a resumable checkpoint under `root`, then deletes the older ones. Returns its directory.
export async function saveCheckpoint(root: string, checkpoint: Checkpoint): Promise<string> {
  const { config, state } = checkpoint
  const directory = await writeDirectory(
    root,
    stepDirectory(state.step),
    {
      [MODEL_FILE]: parameterTensors(config, state.parameters),
      [OPTIMIZER_FILE]: [
        ...parameterTensors(config, state.firstMoments, 'exp_avg.'),
        ...parameterTensors(config, state.secondMoments, 'exp_avg_sq.')
      ]
    },
    {
      magic: CHECKPOINT_MAGIC,
      version: CHECKPOINT_VERSION,
      config,
      step: state.step,
      metadata: checkpoint.metadata
    }
  )
  // Only now that the new one is complete: drop the older ones (and partials a crash left).
  for (const entry of await readdir(root)) {
    const match = STEP_DIRECTORY.exec(entry)
    if ((match && Number(match[1]) < state.step) || entry.startsWith('.partial-step-')) {
      await rm(join(root, entry), { recursive: true, force: true })
    }
  }
  return directory
}

/// Saves the weights of the best step so far (by validation loss) as `root/best`.
export async function saveBestWeights(
  root: string,
  config: Gpt2Shape,
  weights: Gpt2Weights,
  step: number,
  validationLoss: number
): Promise<void> {
  await writeDirectory(
    root,
    BEST_DIRECTORY,
    { [MODEL_FILE]: parameterTensors(config, weights) },
    {
      magic: CHECKPOINT_MAGIC,
      version: CHECKPOINT_VERSION,
      config,
      step,
      metadata: { validationLoss }
    }
  )
}

/// The best weights saved by `saveBestWeights`, or null when there are none (or they are damaged).
export async function loadBestWeights(
  root: string
): Promise<{ step: number; validationLoss: number; weights: Gpt2Weights } | null> {
  try {
    const directory = join(root, BEST_DIRECTORY)
    const header = await readState(directory)
    const model = await readTensorFile(directory, MODEL_FILE, header)
    const weights = weightsFrom(model, header.config, '', join(directory, MODEL_FILE))
    return { step: header.step, validationLoss: header.metadata.validationLoss as number, weights }
  } catch {
    return null
  }
}

/// Step directories under `root`, newest first.
export async function listCheckpoints(root: string): Promise<string[]> {
  let entries: string[]
  try {
    entries = await readdir(root)
  } catch {
    return []
  }
  return entries
    .filter((entry) => STEP_DIRECTORY.test(entry))
    .sort()
    .reverse()
    .map((entry) => join(root, entry))
}

/// The newest checkpoint under `root` that reads back completely, or null when there is none.
export async function loadLatestCheckpoint(root: string): Promise<LoadedCheckpoint | null> {
  const skipped: string[] = []
  for (const directory of await listCheckpoints(root)) {
    try {
      return { checkpoint: await loadCheckpoint(directory), directory, skipped }
    } catch (error) {
      skipped.push((error as Error).message)
    }
  }
  if (skipped.length > 0) {
    throw new Error(
      `No checkpoint in ${root} can be read (${skipped.join('; ')}). Start the retraining afresh.`
    )
  }
  return null
}

async function readState(directory: string): Promise<StateFile> {
  const path = join(directory, STATE_FILE)
  let header: StateFile
  try {
    header = JSON.parse(await readFile(path, 'utf8')) as StateFile
  } catch (error) {
    throw new Error(`No readable training checkpoint at ${path}: ${(error as Error).message}`)
  }
  if (header.magic !== CHECKPOINT_MAGIC) {
    throw new Error(`${path} is not a Script Buddy training checkpoint (bad magic)`)
  }
  if (header.version !== CHECKPOINT_VERSION) {
    throw new Error(
      `${path} has checkpoint version ${header.version}, this build reads ${CHECKPOINT_VERSION}; ` +
        'HINT: resume with the version that wrote it, or restart training from the exported model'
    )
  }
  return header
}

type TensorFile = Map<string, { dtype: string; bytes: Uint8Array }>

/// Reads one tensor file of a checkpoint, checking its size against the state file's record.
async function readTensorFile(
  directory: string,
  file: string,
  header: StateFile
): Promise<TensorFile> {
  const path = join(directory, file)
  const expected = header.files[file]
  const size = (await stat(path).catch(() => null))?.size
  if (size === undefined) throw new Error(`${path} is missing; the checkpoint is incomplete`)
  if (size !== expected) {
    throw new Error(
      `${path} holds ${size} bytes, expected ${expected}; the checkpoint is incomplete`
    )
  }
  const parsed = parseSafetensors(await readFile(path), path)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.value
}

function weightsFrom(
  tensors: TensorFile,
  config: Gpt2Shape,
  prefix: string,
  label: string
): Gpt2Weights {
  const weights: Gpt2Weights = new Map()
  for (const spec of parameterSpecs(config)) {
    const entry = tensors.get(prefix + spec.name)
    if (!entry || entry.dtype !== 'F32') {
      throw new Error(`${label} has no float32 tensor '${prefix + spec.name}'`)
    }
    // Copy out of the file buffer (offsets need not be 4-byte aligned).
    const bytes = Uint8Array.prototype.slice.call(entry.bytes) as Uint8Array
    weights.set(spec.name, new Float32Array(bytes.buffer, 0, bytes.byteLength / 4))
  }
  checkWeights(config, weights)
  return weights
}

/// Reads one checkpoint directory written by `saveCheckpoint`; throws with the reason when any
/// file is missing, truncated or of another version.
export async function loadCheckpoint(directory: string): Promise<Checkpoint> {
  const header = await readState(directory)
  const model = await readTensorFile(directory, MODEL_FILE, header)
  const parameters = weightsFrom(model, header.config, '', join(directory, MODEL_FILE))
  const optimizer = await readTensorFile(directory, OPTIMIZER_FILE, header)
  const label = join(directory, OPTIMIZER_FILE)
  const firstMoments = weightsFrom(optimizer, header.config, 'exp_avg.', label)
  const secondMoments = weightsFrom(optimizer, header.config, 'exp_avg_sq.', label)
  return {
    config: header.config,
    state: { step: header.step, parameters, firstMoments, secondMoments },
    metadata: header.metadata
  }
}
