/// `prepare` and `train`: the retraining pipeline from the command line (the same code the
/// settings panel's "Retrain" runs in the training host).
import { homedir } from 'node:os'
import { join } from 'node:path'
import { listScriptFiles } from '../data/script-files'
import { loadTokenizer } from '../inference/tokenizer'
import { prepareDataset, type PreparedScript } from '../retrain/dataset'
import { retrain } from '../retrain/run-retraining'
import { TRAINING_BACKEND_CHOICES, type TrainingBackendChoice } from '../train/backend-choice'
import { defaultModelFolder, numberOption, UsageError, type CliOutput } from './run-cli'

export const PREPARE_OPTIONS = {
  scripts: { type: 'string', multiple: true },
  genre: { type: 'string' },
  context: { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' }
} as const

export const TRAIN_OPTIONS = {
  scripts: { type: 'string', multiple: true },
  out: { type: 'string' },
  steps: { type: 'string' },
  'learning-rate': { type: 'string' },
  batch: { type: 'string' },
  context: { type: 'string' },
  resume: { type: 'boolean' },
  genre: { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  backend: { type: 'string' }
} as const

/// `--backend NAME` (default auto), checked against the backends there are.
function backendOption(values: Record<string, unknown>): TrainingBackendChoice {
  const backend = values.backend ?? 'auto'
  if (!TRAINING_BACKEND_CHOICES.includes(backend as TrainingBackendChoice)) {
    throw new UsageError(
      `--backend must be one of ${TRAINING_BACKEND_CHOICES.join(', ')}, got ${String(backend)}.`
    )
  }
  return backend as TrainingBackendChoice
}

/// `--genre Drama,Comedy` → ['Drama', 'Comedy'] (undefined when not given).
export function genreOption(values: Record<string, unknown>): string[] | undefined {
  if (values.genre === undefined) return undefined
  const genres = String(values.genre)
    .split(',')
    .map((genre) => genre.trim())
    .filter(Boolean)
  if (genres.length === 0) {
    throw new UsageError('--genre needs one or more genres, e.g. --genre Drama,Comedy')
  }
  return genres
}

/// The tokenized-script cache: --cache-dir, else ~/.cache/script-buddy/dataset; off with --no-cache.
function cacheDirOption(values: Record<string, unknown>): string | undefined {
  if (values['no-cache'] === true) return undefined
  if (typeof values['cache-dir'] === 'string') return values['cache-dir']
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'script-buddy', 'dataset')
}

const MAX_SKIPPED_SHOWN = 25

function describeScript(script: PreparedScript): string {
  const details = [
    script.format,
    script.genres?.join('|'),
    script.cached === undefined ? undefined : script.cached ? 'cached' : 'tokenized'
  ]
    .filter(Boolean)
    .join(', ')
  return `${script.split.padEnd(10)} ${String(script.tokens).padStart(8)} tokens  ${script.name}${details ? `  (${details})` : ''}\n`
}

function scriptPaths(values: Record<string, unknown>): string[] {
  const scripts = values.scripts
  const list = Array.isArray(scripts)
    ? (scripts as string[])
    : typeof scripts === 'string'
      ? [scripts]
      : []
  if (list.length === 0) {
    throw new UsageError('Name the scripts with --scripts FILE_OR_FOLDER (repeatable).')
  }
  return list
}

function baseModel(values: Record<string, unknown>): string {
  const folder = typeof values.model === 'string' ? values.model : defaultModelFolder()
  if (!folder) throw new UsageError('No model found: pass --model DIR.')
  return folder
}

export async function prepareCommand(
  values: Record<string, unknown>,
  output: CliOutput
): Promise<number> {
  const tokenizer = loadTokenizer(baseModel(values))
  if (!tokenizer.ok) {
    output.error(`${tokenizer.error.message}\n`)
    return 1
  }
  const v = values as Record<string, string | boolean | undefined>
  const context = numberOption(v, 'context', 256, (n) => Number.isInteger(n) && n >= 16)!
  const files = listScriptFiles(scriptPaths(values))
  if (files.length === 0) {
    output.error(
      'No script files were found (.fountain, .fdx, .txt, .pdf or a .jsonl.gz corpus). Check the --scripts paths.\n'
    )
    return 1
  }
  const dataset = await prepareDataset(files, tokenizer.value, {
    genres: genreOption(values),
    cacheDir: cacheDirOption(values),
    contextLength: context
  })
  for (const script of dataset.scripts) output.out(describeScript(script))
  // A big corpus filtered by genre skips hundreds: show the first ones and count the rest.
  for (const skipped of dataset.skipped.slice(0, MAX_SKIPPED_SHOWN)) {
    output.out(`skipped    ${skipped.path}: ${skipped.reason}\n`)
  }
  if (dataset.skipped.length > MAX_SKIPPED_SHOWN) {
    output.out(`skipped    … and ${dataset.skipped.length - MAX_SKIPPED_SHOWN} more\n`)
  }
  const pdfs = dataset.scripts.filter((script) => script.format === 'pdf').length
  output.out(
    `\n${dataset.scripts.length} scripts (${pdfs} from PDF), ${dataset.skipped.length} skipped\n` +
      `${dataset.trainTokens.length} train tokens (${Math.floor(dataset.trainTokens.length / context)} blocks of ${context}), ${dataset.validationTokens.length} validation tokens\n` +
      `cache: ${dataset.cache.hits} read from cache, ${dataset.cache.misses} tokenized\n` +
      (dataset.genresFound.length > 0 ? `genres found: ${dataset.genresFound.join(', ')}\n` : '') +
      `\n--- sample of the converted text ---\n${dataset.sample}\n`
  )
  return dataset.scripts.length > 0 ? 0 : 1
}

export async function trainCommand(
  values: Record<string, unknown>,
  output: CliOutput
): Promise<number> {
  if (typeof values.out !== 'string') {
    throw new UsageError('train needs --out DIR for the new model.')
  }
  const backend = backendOption(values)
  const v = values as Record<string, string | boolean | undefined>
  const result = await retrain(
    {
      baseModel: baseModel(values),
      scripts: scriptPaths(values),
      outputDir: values.out,
      steps: numberOption(v, 'steps', 200, (n) => Number.isInteger(n) && n >= 1)!,
      learningRate: numberOption(v, 'learning-rate', 1e-4, (n) => n > 0 && n < 1)!,
      batchSize: numberOption(v, 'batch', 4, (n) => Number.isInteger(n) && n >= 1)!,
      contextLength: numberOption(v, 'context', 256, (n) => Number.isInteger(n) && n >= 16)!,
      resume: values.resume === true,
      genres: genreOption(values),
      cacheDir: cacheDirOption(values),
      backend
    },
    {
      onEvent: (event) => {
        if (event.type === 'progress') {
          const validation =
            event.validationLoss === undefined
              ? ''
              : `  validation ${event.validationLoss.toFixed(3)}`
          output.out(
            `step ${event.step}/${event.maxSteps}  loss ${event.loss.toFixed(3)}${validation}  ${Math.round(event.tokensPerSecond)} tokens/s  ETA ${Math.round(event.etaSeconds)} s\n`
          )
        } else if (event.type === 'prepared') {
          output.out(
            `${event.scripts.length} scripts, ${event.trainTokens} train tokens, ${event.validationTokens} validation tokens\n`
          )
        } else if (event.type === 'sample') {
          output.out(`\n--- sample after step ${event.step} ---\n${event.text}\n`)
        } else if (event.type === 'resumed') {
          output.out(`resumed from the checkpoint of step ${event.step}\n`)
          for (const reason of event.skipped) {
            output.out(`  (skipped a damaged checkpoint: ${reason})\n`)
          }
        } else if (event.type === 'backends') {
          for (const backend of event.backends) {
            output.out(
              `backend ${backend.name}: ${backend.available ? 'yes' : 'no'} (${backend.detail})\n`
            )
          }
          if (event.chosen) {
            output.out(`training on ${event.chosen.name}: ${event.chosen.reason}\n`)
          }
        } else output.out(`checkpoint saved at step ${event.step}\n`)
      }
    }
  )
  if (!result.ok) {
    output.error(`${result.error.message}\n`)
    return 1
  }
  const { validationBefore, validationAfter, modelDir } = result.value
  output.out(
    `\n${result.value.status === 'done' ? 'Wrote' : 'Paused; checkpoint in'} ${modelDir}\nvalidation nats/token: before ${validationBefore?.toFixed(3) ?? '—'}, after ${validationAfter?.toFixed(3) ?? '—'}\n`
  )
  return 0
}
