/// "Preview" in the retrain panel and `script-buddy prepare`: what a retraining would read from the
/// writer's scripts (found, skipped with why, tokens, genres, cache hits, a sample of the converted
/// text) without training, with the base model's tokenizer.
import { basename } from 'node:path'
import { err, ok, type Result } from '../../src/shared/result'
import type { DatasetPreview } from '../../src/shared/retraining/training-types'
import { listScriptFiles } from '../data/script-files'
import { loadTokenizer } from '../inference/tokenizer'
import { prepareDataset } from './dataset'

export interface PreviewOptions {
  baseModel: string
  scripts: readonly string[]
  genres?: readonly string[]
  contextLength?: number
  cacheDir?: string
}

export async function previewDataset(
  options: PreviewOptions,
  signal?: AbortSignal
): Promise<Result<DatasetPreview>> {
  const files = listScriptFiles(options.scripts)
  if (files.length === 0) {
    return err(
      'bad-input',
      'No script files were found (.fountain, .fdx, .txt, .pdf or a .jsonl.gz corpus). Choose files or a folder that holds your scripts.'
    )
  }
  const tokenizer = loadTokenizer(options.baseModel)
  if (!tokenizer.ok) return tokenizer
  const dataset = await prepareDataset(files, tokenizer.value, {
    genres: options.genres,
    contextLength: options.contextLength,
    cacheDir: options.cacheDir,
    signal
  })
  return ok({
    scripts: dataset.scripts.map((script) => ({ ...script, name: basename(script.name) })),
    skipped: dataset.skipped,
    trainTokens: dataset.trainTokens.length,
    validationTokens: dataset.validationTokens.length,
    sample: dataset.sample,
    cache: dataset.cache,
    genresFound: dataset.genresFound
  })
}
