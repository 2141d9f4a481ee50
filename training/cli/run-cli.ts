/// Parses the command line and runs one command. Returns the process exit code.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { corpusCommand, CORPUS_OPTIONS } from './corpus-command'
import { evalCommand, EVAL_OPTIONS } from './eval-command'
import { generateCommand, GENERATE_OPTIONS } from './generate-command'
import { prepareCommand, PREPARE_OPTIONS, trainCommand, TRAIN_OPTIONS } from './train-commands'
import { downloadCommand, DOWNLOAD_OPTIONS } from './download-command'

export interface CliOutput {
  out(text: string): void
  error(text: string): void
}

const consoleOutput: CliOutput = {
  out: (text) => process.stdout.write(text),
  error: (text) => process.stderr.write(text)
}

export const USAGE = `Usage: script-buddy <command> [options]

Commands:
  generate  Continue a scene with the local model.
      --prompt TEXT        text to continue (required; "\\n" in it means a new line)
      --n N                alternatives to write (default 3)
      --max-tokens N       new tokens per alternative (default 200)
      --temperature T      sampling temperature (default 0.9)
      --top-k K            keep the K most likely tokens (default 50; 0 = all)
      --top-p P            nucleus sampling mass (default 1 = off)
      --seed S             random seed (default: time)
  eval      Measure validation loss on the screenplay corpus.
      --data FILE          gzip JSON lines corpus (default ../shared/data/screenplays/scripts.jsonl.gz)
      --split NAME         which split to score (default validation)
      --limit N            score only the first N scripts
      --skip N             leave out the first N scripts (split a long run: --limit 20, --skip 20)
      --context N          tokens per window (default min(512, model context))
      --stride N           tokens between windows (default = context)
      --genre LIST         only scripts with one of these genres (e.g. Drama,Comedy)

  prepare   Show what retraining would read from your scripts (found, skipped, tokens, sample).
      --scripts PATH       a script file or folder (repeatable): .fountain, .fdx, .txt, .pdf,
                           or a .jsonl.gz corpus; a manifest.jsonl or MANIFEST.tsv beside the
                           scripts gives their genres
      --genre LIST         only scripts with one of these genres (e.g. Drama,Comedy)
      --context N          tokens per block (default 256)
      --cache-dir DIR      tokenized-script cache (default ~/.cache/script-buddy/dataset)
      --no-cache           tokenize everything again
  train     Retrain the model on your scripts and write a new model folder.
      --scripts PATH       a script file or folder (repeatable)
      --out DIR            where the new model goes (checkpoints in DIR/checkpoint)
      --steps N            optimizer steps (default 200)
      --learning-rate LR   peak learning rate (default 1e-4)
      --batch N            sequences per step (default 4)
      --context N          tokens per sequence (default 256)
      --resume             continue from the checkpoint in --out
      --genre LIST         only scripts with one of these genres (e.g. Drama,Comedy)
      --cache-dir DIR      tokenized-script cache (as for prepare); --no-cache to skip it
      --backend NAME       auto (default: tfjs-node-gpu where installed, else onnxruntime-cpu),
                           onnxruntime-cpu, tfjs-node-gpu, or tfjs-cpu (pure JS, slow)
  corpus imsdb  Build a training corpus from IMSDb (politely: robots.txt, rate limit, resumable).
      --out DIR            folder for <slug>.txt files, manifest.jsonl and the resume state
      --base-url URL       site to read (default https://imsdb.com)
      --delay-ms N         pause between requests (default 1500, at least 1000 for imsdb.com)
      --limit N            stop after N scripts
      --genre LIST         only films with one of these genres
  download <repo>  Download a GPT-2 model from Hugging Face (resumes an interrupted download).
      --revision REV       branch, tag, commit or refs/pr/N (default main)
      --endpoint URL       hub to use (default $HF_ENDPOINT or https://huggingface.co)
      --out DIR            where the model goes (default ./owner--name)

Common options:
  --model DIR              model folder (default: the embedded screenplay-gpt2-30m)
  --precision fp32|int8    which compiled graph to run (default int8)
  --provider LIST          execution providers to try, best first (default cpu; e.g. cuda,webgpu,cpu)
  --threads N              onnxruntime threads (default: all cores)
  --help                   show this message
`

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url))

/// The embedded model: resources/models/… in the app, else the shared checkout beside it.
export function defaultModelFolder(): string | undefined {
  const candidates = [
    `${REPOSITORY}resources/models/screenplay-gpt2-30m`,
    `${REPOSITORY}../shared/models/screenplay-gpt2-30m`
  ]
  return candidates.find((folder) => existsSync(`${folder}/config.json`))
}

export function defaultCorpus(): string {
  return `${REPOSITORY}../shared/data/screenplays/scripts.jsonl.gz`
}

export const COMMON_OPTIONS = {
  model: { type: 'string' },
  precision: { type: 'string' },
  provider: { type: 'string' },
  threads: { type: 'string' },
  help: { type: 'boolean' }
} satisfies ParseArgsConfig['options']

export async function runCli(
  argv: readonly string[],
  output: CliOutput = consoleOutput
): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === 'help') {
    output.out(USAGE)
    return command ? 0 : 2
  }
  const commands = {
    generate: { options: GENERATE_OPTIONS, run: generateCommand },
    eval: { options: EVAL_OPTIONS, run: evalCommand },
    prepare: { options: PREPARE_OPTIONS, run: prepareCommand },
    train: { options: TRAIN_OPTIONS, run: trainCommand },
    corpus: { options: CORPUS_OPTIONS, run: corpusCommand },
    download: { options: DOWNLOAD_OPTIONS, run: downloadCommand }
  }
  const chosen = commands[command as keyof typeof commands]
  if (!chosen) {
    output.error(`Unknown command '${command}'.\n\n${USAGE}`)
    return 2
  }
  let values: Record<string, string | boolean | undefined>
  // `download <repo>`: the repo may come first, as a word rather than an option.
  if (command === 'download' && rest[0] !== undefined && !rest[0].startsWith('-')) {
    rest.unshift('--repo', rest.shift() as string)
  }
  let positionals: string[]
  try {
    const options: ParseArgsConfig['options'] = { ...COMMON_OPTIONS, ...chosen.options }
    // Only `corpus` takes a positional (its source: `corpus imsdb`).
    const parsed = parseArgs({
      args: [...rest],
      options,
      strict: true,
      allowPositionals: command === 'corpus'
    })
    values = parsed.values as typeof values
    positionals = parsed.positionals
  } catch (error) {
    output.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (values.help) {
    output.out(USAGE)
    return 0
  }
  try {
    return await chosen.run(values, output, positionals)
  } catch (error) {
    if (error instanceof UsageError) {
      output.error(`${error.message}\n\n${USAGE}`)
      return 2
    }
    output.error(`${(error as Error).message}\n`)
    return 1
  }
}

/// Bad arguments: the message is followed by the usage text.
export class UsageError extends Error {}

/// Reads a numeric option, checking its range.
export function numberOption(
  values: Record<string, string | boolean | undefined>,
  name: string,
  fallback: number | undefined,
  check: (value: number) => boolean = () => true
): number | undefined {
  const raw = values[name]
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value) || !check(value)) {
    throw new UsageError(`--${name} ${String(raw)} is not a valid value.`)
  }
  return value
}
