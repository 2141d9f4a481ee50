/// `prepare` and `train`: the retraining pipeline from the command line (the same code the
/// settings panel's "Retrain" runs in the training host).
import { loadTokenizer } from '../inference/tokenizer'
import { prepareDataset } from '../retrain/dataset'
import { listScriptFiles, retrain } from '../retrain/run-retraining'
import { defaultModelFolder, numberOption, UsageError, type CliOutput } from './run-cli'

export const PREPARE_OPTIONS = { scripts: { type: 'string', multiple: true } } as const

export const TRAIN_OPTIONS = {
  scripts: { type: 'string', multiple: true },
  out: { type: 'string' },
  steps: { type: 'string' },
  'learning-rate': { type: 'string' },
  batch: { type: 'string' },
  context: { type: 'string' },
  resume: { type: 'boolean' }
} as const

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
  const dataset = await prepareDataset(listScriptFiles(scriptPaths(values)), tokenizer.value)
  for (const script of dataset.scripts) {
    output.out(
      `${script.split.padEnd(10)} ${String(script.tokens).padStart(8)} tokens  ${script.name}\n`
    )
  }
  for (const skipped of dataset.skipped) {
    output.out(`skipped    ${skipped.path}: ${skipped.reason}\n`)
  }
  output.out(
    `\n${dataset.trainTokens.length} train tokens, ${dataset.validationTokens.length} validation tokens\n\n${dataset.sample}\n`
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
      resume: values.resume === true
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
