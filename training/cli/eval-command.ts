/// `eval`: validation loss of a model on the screenplay corpus (nats/token and bits/word).
import { existsSync } from 'node:fs'
import { readCorpus, type CorpusScript } from '../data/corpus'
import { imsdbToScreenplay } from '../../src/shared/formats/imsdb'
import { screenplayToModelText } from '../../src/shared/formats/model-text'
import { engineFromOptions } from './engine-options'
import { defaultCorpus, numberOption, type CliOutput } from './run-cli'
import { genreOption } from './train-commands'

export const EVAL_OPTIONS = {
  data: { type: 'string' },
  split: { type: 'string' },
  limit: { type: 'string' },
  skip: { type: 'string' },
  context: { type: 'string' },
  stride: { type: 'string' },
  genre: { type: 'string' }
} as const

export async function evalCommand(
  values: Record<string, string | boolean | undefined>,
  output: CliOutput
): Promise<number> {
  const data = (values.data as string | undefined) ?? defaultCorpus()
  const split = (values.split as string | undefined) ?? 'validation'
  const limit = numberOption(values, 'limit', undefined, (n) => Number.isInteger(n) && n > 0)
  const skip = numberOption(values, 'skip', 0, (n) => Number.isInteger(n) && n >= 0)!
  const context = numberOption(values, 'context', undefined, (n) => Number.isInteger(n) && n > 1)
  const stride = numberOption(values, 'stride', undefined, (n) => Number.isInteger(n) && n > 0)
  if (!existsSync(data)) {
    output.error(
      `The corpus ${data} does not exist. Pass --data with a .jsonl.gz screenplay corpus.\n`
    )
    return 1
  }
  const genres = genreOption(values)
  if (split !== 'train' && split !== 'validation') {
    output.error(`--split must be train or validation, not '${split}'.\n`)
    return 1
  }
  const scripts: CorpusScript[] = []
  const wanted = limit === undefined ? Infinity : skip + limit
  for await (const script of readCorpus({ file: data, split, genres })) {
    scripts.push(script)
    if (scripts.length >= wanted) break
  }
  scripts.splice(0, skip)
  if (scripts.length === 0) {
    output.error(
      `No scripts with split '${split}'${genres ? ` and genre ${genres.join(' or ')}` : ''} in ${data}${skip ? ` after the first ${skip}` : ''}. ` +
        `Use --split train or --split validation${genres ? ', or other genres' : ''}${skip ? ' (and a smaller --skip)' : ''}.
`
    )
    return 1
  }
  const engine = await engineFromOptions(values, output)
  if (!engine) return 1
  try {
    // The conversion rules of the model README: IMSDb layout → elements → compact Fountain, each
    // line as typed (spacing inside it kept, wraps joined with one space).
    const texts = scripts.map((script) =>
      screenplayToModelText(imsdbToScreenplay(script.text, { asWritten: true }), { literal: true })
    )
    const started = performance.now()
    let lastReport = started
    const result = await engine.evaluate(texts, {
      ...(context ? { contextLength: context } : {}),
      ...(stride ? { stride } : {}),
      onProgress: (done, total, nats) => {
        if (performance.now() - lastReport > 5000) {
          lastReport = performance.now()
          // The running figure, so a run cut short still says something.
          output.error(
            `  ${done} / ${total} tokens, ${(nats / done).toFixed(4)} nats/token so far\n`
          )
        }
      }
    })
    const seconds = (performance.now() - started) / 1000
    output.out(
      `model: ${engine.folder} (${engine.precision}, ${engine.provider})\n` +
        `scripts: ${scripts.length} (${split}${skip ? `, after the first ${skip}` : ''})\n` +
        `tokens: ${result.tokens}  words: ${result.words}  ` +
        `(${(result.tokens / result.words).toFixed(3)} tokens/word, ${result.totalNats.toFixed(0)} nats)\n` +
        `nats/token: ${result.natsPerToken.toFixed(4)}\n` +
        `bits/word: ${result.bitsPerWord.toFixed(3)}\n` +
        `time: ${seconds.toFixed(1)} s (${Math.round(result.tokens / seconds)} tokens/s)\n`
    )
    return 0
  } finally {
    await engine.release()
  }
}
