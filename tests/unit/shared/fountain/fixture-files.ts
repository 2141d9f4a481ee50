// Helpers for the Fountain tests: our own fixtures, and the shared samples when ../shared exists.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Screenplay } from '../../../../src/shared/fountain/elements'

export const fixtureFolder = fileURLToPath(new URL('../../../fixtures/fountain/', import.meta.url))
export const samplesFolder = fileURLToPath(
  new URL('../../../../../shared/data/fountain-samples/', import.meta.url)
)
export const samplesPresent = existsSync(samplesFolder)

export function readFixture(name: string): string {
  return readFileSync(fixtureFolder + name, 'utf8')
}

export function fixtureNames(): string[] {
  return readdirSync(fixtureFolder).filter((name) => name.endsWith('.fountain'))
}

export function sampleNames(): string[] {
  if (!samplesPresent) return []
  return readdirSync(samplesFolder)
    .filter((name) => name.endsWith('.fountain'))
    .sort()
}

export function readSample(name: string): string {
  return readFileSync(samplesFolder + name, 'utf8')
}

/// [type, text] pairs: what the round-trip and fixture tests compare.
export function typesAndTexts(screenplay: Screenplay): [string, string][] {
  return screenplay.elements.map((element) => [element.type, element.text])
}

/// Every element covers whole lines: it starts at a line start and ends before a line break, and
/// the elements come in order without overlapping.
export function rangeProblems(source: string, screenplay: Screenplay): string[] {
  const problems: string[] = []
  let previousEnd = -1
  for (const element of screenplay.elements) {
    const where = `${element.type} ${element.from}-${element.to}`
    if (element.from <= previousEnd) problems.push(`${where} overlaps the previous element`)
    if (element.to < element.from) problems.push(`${where} ends before it starts`)
    if (element.from > 0 && source[element.from - 1] !== '\n') {
      problems.push(`${where} not at line start`)
    }
    const after = source[element.to]
    if (after !== undefined && after !== '\n' && after !== '\r') {
      problems.push(`${where} not at line end`)
    }
    previousEnd = element.to
  }
  return problems
}
