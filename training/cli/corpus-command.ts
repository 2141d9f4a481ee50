/// `corpus imsdb`: builds a training corpus from IMSDb (or a site in its shape) into a folder that
/// `prepare --scripts DIR --genre …` reads: `<slug>.txt`, `manifest.jsonl`, and a resume state.
import { importImsdb } from '../data/imsdb/import-imsdb'
import { numberOption, UsageError, type CliOutput } from './run-cli'
import { genreOption } from './train-commands'

export const CORPUS_OPTIONS = {
  out: { type: 'string' },
  'base-url': { type: 'string' },
  'delay-ms': { type: 'string' },
  limit: { type: 'string' },
  retries: { type: 'string' },
  genre: { type: 'string' }
} as const

export async function corpusCommand(
  values: Record<string, string | boolean | undefined>,
  output: CliOutput,
  positionals: readonly string[] = []
): Promise<number> {
  const source = positionals[0]
  if (source !== 'imsdb') {
    throw new UsageError(
      source
        ? `Unknown corpus source '${source}'; the one source is imsdb.`
        : 'Name a source: corpus imsdb --out DIR.'
    )
  }
  if (typeof values.out !== 'string') throw new UsageError('corpus imsdb needs --out DIR.')
  const baseUrl = typeof values['base-url'] === 'string' ? values['base-url'] : undefined
  if (baseUrl !== undefined && !/^https?:\/\//.test(baseUrl)) {
    throw new UsageError(`--base-url ${baseUrl} is not an http(s) URL.`)
  }
  const summary = await importImsdb({
    outDir: values.out,
    baseUrl,
    delayMs: numberOption(values, 'delay-ms', undefined, (n) => Number.isInteger(n) && n >= 0),
    limit: numberOption(values, 'limit', undefined, (n) => Number.isInteger(n) && n >= 1),
    retries: numberOption(values, 'retries', undefined, (n) => Number.isInteger(n) && n >= 0),
    genres: genreOption(values),
    onScript: (event) => output.out(`${event.status.padEnd(8)} ${event.title}: ${event.detail}\n`)
  })
  output.out(
    `\n${summary.listed} films listed; ${summary.saved} saved, ${summary.alreadyDone} already saved, ` +
      `${summary.skipped} skipped, ${summary.failed} failed; ${summary.requests} requests.\n` +
      `Scripts and manifest.jsonl are in ${values.out}; run the same command again to resume.\n`
  )
  return 0
}
