/// Training checkpoints: a directory with `checkpoint.json` (magic, version, config, step, tensor
/// table, caller metadata such as the batch sampler's state) and three raw little-endian float32
/// files, `parameters.bin`, `exp_avg.bin`, `exp_avg_sq.bin`, each holding every tensor in
/// `parameterSpecs` order. (The lead plans to store the parameters as safetensors later.)
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  checkWeights,
  elementCount,
  parameterSpecs,
  type Gpt2Shape,
  type Gpt2Weights
} from './gpt2-shapes'
import type { TrainerState } from './trainer'

export const CHECKPOINT_MAGIC = 'script-buddy-training-checkpoint'
export const CHECKPOINT_VERSION = 1

const FILES = {
  parameters: 'parameters.bin',
  firstMoments: 'exp_avg.bin',
  secondMoments: 'exp_avg_sq.bin'
} as const

export interface Checkpoint {
  config: Gpt2Shape
  state: TrainerState
  /// Anything JSON the run needs to resume (sampler state, schedule, best validation loss).
  metadata: Record<string, unknown>
}

interface Header {
  magic: string
  version: number
  config: Gpt2Shape
  step: number
  tensors: { name: string; shape: readonly number[]; offset: number }[]
  metadata: Record<string, unknown>
}

/// Writes a checkpoint into `directory` (created if needed). The header is written last, via a
/// rename, so a crash mid-save never leaves a header pointing at half-written data.
export async function saveCheckpoint(directory: string, checkpoint: Checkpoint): Promise<void> {
  const { config, state } = checkpoint
  const specs = parameterSpecs(config)
  await mkdir(directory, { recursive: true })
  let offset = 0
  const tensors = specs.map((spec) => {
    const entry = { name: spec.name, shape: spec.shape, offset }
    offset += elementCount(spec.shape)
    return entry
  })
  for (const key of Object.keys(FILES) as (keyof typeof FILES)[]) {
    const weights = state[key]
    checkWeights(config, weights)
    const flat = new Float32Array(offset)
    for (const entry of tensors) flat.set(weights.get(entry.name) as Float32Array, entry.offset)
    await writeFile(join(directory, FILES[key]), new Uint8Array(flat.buffer))
  }
  const header: Header = {
    magic: CHECKPOINT_MAGIC,
    version: CHECKPOINT_VERSION,
    config,
    step: state.step,
    tensors,
    metadata: checkpoint.metadata
  }
  const path = join(directory, 'checkpoint.json')
  await writeFile(`${path}.tmp`, JSON.stringify(header, null, 1))
  await rename(`${path}.tmp`, path)
}

/// Reads a checkpoint written by `saveCheckpoint`; refuses other files with a hint.
export async function loadCheckpoint(directory: string): Promise<Checkpoint> {
  const path = join(directory, 'checkpoint.json')
  let header: Header
  try {
    header = JSON.parse(await readFile(path, 'utf8')) as Header
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
  const total = header.tensors.reduce((sum, entry) => sum + elementCount(entry.shape), 0)
  const read = async (file: string): Promise<Gpt2Weights> => {
    const bytes = await readFile(join(directory, file))
    if (bytes.byteLength !== total * 4) {
      throw new Error(
        `${join(directory, file)} holds ${bytes.byteLength} bytes, the header expects ${total * 4}; ` +
          'the checkpoint is incomplete'
      )
    }
    const flat = new Float32Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
    )
    return new Map(
      header.tensors.map((entry) => [
        entry.name,
        flat.subarray(entry.offset, entry.offset + elementCount(entry.shape))
      ])
    )
  }
  const state: TrainerState = {
    step: header.step,
    parameters: await read(FILES.parameters),
    firstMoments: await read(FILES.firstMoments),
    secondMoments: await read(FILES.secondMoments)
  }
  for (const weights of [state.parameters, state.firstMoments, state.secondMoments]) {
    checkWeights(header.config, weights)
  }
  return { config: header.config, state, metadata: header.metadata }
}
