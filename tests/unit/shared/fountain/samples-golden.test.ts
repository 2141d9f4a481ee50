// Golden tests on the ten shared Fountain samples. The golden file stores only counts, scene
// numbers, offsets and a hash of each element list, never the samples' text (they are not ours).
// Regenerate after a deliberate parser change with UPDATE_FOUNTAIN_GOLDEN=1 and review the diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Screenplay } from '../../../../src/shared/fountain/elements'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'
import {
  fixtureFolder,
  rangeProblems,
  readSample,
  sampleNames,
  samplesFolder,
  samplesPresent
} from './fixture-files'

const goldenPath = `${fixtureFolder}samples.golden.json`
const updating = process.env.UPDATE_FOUNTAIN_GOLDEN === '1'

interface SampleSummary {
  titlePageKeys: number
  counts: Record<string, number>
  sceneNumbers: string[]
  /// [type, from, to] of every element, as one string to keep the file small.
  ranges: string
  /// FNV-1a of every element (type, range, text and cue/heading details).
  hash: string
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

function summarise(screenplay: Screenplay): SampleSummary {
  const counts: Record<string, number> = {}
  for (const element of screenplay.elements) counts[element.type] = (counts[element.type] ?? 0) + 1
  const sceneNumbers = screenplay.elements.flatMap((element) =>
    element.type === 'scene-heading' && element.sceneNumber ? [element.sceneNumber] : []
  )
  const initials: Record<string, string> = {
    'scene-heading': 'H',
    'page-break': 'B',
    parenthetical: 'P'
  }
  const ranges = screenplay.elements
    .map((element) => `${initials[element.type] ?? element.type[0]}${element.from}-${element.to}`)
    .join(' ')
  return {
    titlePageKeys: screenplay.titlePage.length,
    counts,
    sceneNumbers,
    ranges,
    hash: fnv1a(JSON.stringify([screenplay.titlePage, screenplay.elements]))
  }
}

describe.skipIf(!samplesPresent)('parseFountain on the shared samples (golden)', () => {
  if (!samplesPresent) console.warn(`skipping Fountain sample goldens: ${samplesFolder} is absent`)

  it('matches the golden summaries for all ten samples', () => {
    const summaries: Record<string, SampleSummary> = {}
    for (const name of sampleNames()) {
      const source = readSample(name)
      const screenplay = parseFountain(source)
      expect(rangeProblems(source, screenplay), name).toEqual([])
      summaries[name] = summarise(screenplay)
    }
    expect(Object.keys(summaries)).toHaveLength(10)
    if (updating) {
      writeFileSync(goldenPath, `${JSON.stringify(summaries, null, 2)}\n`)
      console.warn(`wrote ${goldenPath}; review the diff before committing`)
    }
    if (!existsSync(goldenPath)) {
      throw new Error(`${goldenPath} is missing: run with UPDATE_FOUNTAIN_GOLDEN=1 to write it`)
    }
    const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as Record<string, SampleSummary>
    for (const name of Object.keys(summaries)) expect(summaries[name], name).toEqual(golden[name])
  })

  it('parses the feature-length sample quickly (prints the time, asserts nothing about it)', () => {
    const source = readSample('big-fish.fountain')
    // Warm the JIT first: the editor re-parses the same script many times.
    for (let warm = 0; warm < 20; warm++) parseFountain(source)
    const times: number[] = []
    let elements = 0
    for (let run = 0; run < 20; run++) {
      const start = performance.now()
      elements = parseFountain(source).elements.length
      times.push(performance.now() - start)
    }
    times.sort((a, b) => a - b)
    console.log(
      `parseFountain: big-fish.fountain (${source.length} chars, ${elements} elements): ` +
        `median ${times[10].toFixed(2)} ms, best ${times[0].toFixed(2)} ms`
    )
    expect(elements).toBeGreaterThan(1000)
  })
})
