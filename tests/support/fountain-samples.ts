/// The Fountain samples in ../shared/data/fountain-samples, read at run time (they are never
/// copied into the repository), and why tests that need them skip when that folder is absent.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const FOUNTAIN_SAMPLES_DIR = fileURLToPath(
  new URL('../../../shared/data/fountain-samples/', import.meta.url)
)

/// Every sample, by file name without `.fountain`.
export const FOUNTAIN_SAMPLE_NAMES = [
  'big-fish',
  'simple',
  'dialogue',
  'scene-headers',
  'indenting',
  'brick-and-steel',
  'my-living-memory',
  'printing-trouble',
  'afterwriting-client-test',
  'afterwriting-test'
] as const

/// Null when the samples are there; otherwise the reason to print with a skip.
export const fountainSamplesMissingReason: string | null = existsSync(FOUNTAIN_SAMPLES_DIR)
  ? null
  : `../shared/data/fountain-samples is absent (${FOUNTAIN_SAMPLES_DIR})`

export function readFountainSample(name: string): string {
  return readFileSync(`${FOUNTAIN_SAMPLES_DIR}${name}.fountain`, 'utf8')
}
