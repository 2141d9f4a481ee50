/// A quick look at a model folder for the model manager: size on disk, weight format, parameter
/// count and whether it can run — reading only config.json, the tokenizer's presence and the
/// safetensors headers, so listing gpt2-medium does not read 1.5 GB.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from './load-model'

export interface ModelFolderSummary {
  sizeBytes: number
  format: string
  parameters: number | null
  /// Null when the folder can run; otherwise what is wrong and what to do.
  problem: string | null
}

const HEADER_LIMIT = 100_000_000

interface HeaderSummary {
  dtypes: Set<string>
  parameters: number
  /// Bytes the header says the file must have.
  expectedBytes: number
}

function readHeader(path: string): HeaderSummary | string {
  const fd = openSync(path, 'r')
  try {
    const length = Buffer.alloc(8)
    if (readSync(fd, length, 0, 8, 0) < 8) return 'is truncated'
    const headerLength = Number(length.readBigUInt64LE(0))
    if (headerLength > HEADER_LIMIT) return 'is not a safetensors file'
    const header = Buffer.alloc(headerLength)
    if (readSync(fd, header, 0, headerLength, 8) < headerLength) return 'is truncated'
    const json = JSON.parse(header.toString('utf8')) as Record<
      string,
      { dtype: string; shape: number[]; data_offsets: [number, number] }
    >
    const summary: HeaderSummary = { dtypes: new Set(), parameters: 0, expectedBytes: 0 }
    for (const [name, tensor] of Object.entries(json)) {
      if (name === '__metadata__') continue
      summary.dtypes.add(tensor.dtype)
      summary.parameters += tensor.shape.reduce((a, b) => a * b, 1)
      summary.expectedBytes = Math.max(
        summary.expectedBytes,
        8 + headerLength + tensor.data_offsets[1]
      )
    }
    return summary
  } catch (error) {
    return `has an unreadable header (${(error as Error).message})`
  } finally {
    closeSync(fd)
  }
}

function weightFiles(folder: string): string[] | string {
  if (existsSync(join(folder, 'model.safetensors'))) return ['model.safetensors']
  const index = join(folder, 'model.safetensors.index.json')
  if (!existsSync(index)) {
    return existsSync(join(folder, 'pytorch_model.bin'))
      ? 'has only pytorch_model.bin; Script Buddy reads safetensors (convert it with save_pretrained(..., safe_serialization=True))'
      : 'has no model.safetensors'
  }
  try {
    const map = JSON.parse(readFileSync(index, 'utf8')).weight_map as Record<string, string>
    return [...new Set(Object.values(map))]
  } catch {
    return 'has an unreadable model.safetensors.index.json'
  }
}

export function inspectModelFolder(folder: string): ModelFolderSummary {
  const summary: ModelFolderSummary = {
    sizeBytes: 0,
    format: 'unknown',
    parameters: null,
    problem: null
  }
  const problems: string[] = []
  const config = loadConfig(folder)
  if (!config.ok) return { ...summary, problem: config.error.message }
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    const path = join(folder, file)
    if (existsSync(path)) summary.sizeBytes += statSync(path).size
    else if (file !== 'config.json') problems.push(`it has no ${file}`)
  }
  const files = weightFiles(folder)
  if (typeof files === 'string') {
    problems.push(`it ${files}`)
  } else {
    const dtypes = new Set<string>()
    let parameters = 0
    for (const file of files) {
      const path = join(folder, file)
      if (!existsSync(path)) {
        problems.push(`the weight shard ${file} is missing`)
        continue
      }
      const size = statSync(path).size
      summary.sizeBytes += size
      const header = readHeader(path)
      if (typeof header === 'string') {
        problems.push(`${file} ${header}`)
        continue
      }
      if (size < header.expectedBytes) problems.push(`${file} is truncated`)
      header.dtypes.forEach((dtype) => dtypes.add(dtype))
      parameters += header.parameters
    }
    summary.format =
      `safetensors ${[...dtypes].join('/') || '?'}` +
      (files.length > 1 ? `, ${files.length} shards` : '')
    summary.parameters = problems.length === 0 ? parameters : null
  }
  if (problems.length > 0) {
    summary.problem = `This model cannot run: ${problems.join('; ')}. Download it again, or choose a complete Hugging Face GPT-2 folder.`
  }
  return summary
}
