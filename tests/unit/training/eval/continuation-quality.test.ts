import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildContinuationRequest } from '../../../../src/shared/ai/context-builder'
import { normaliseContinuation } from '../../../../src/shared/ai/output-normaliser'
import { findFurniture } from '../../../../src/shared/ai/page-furniture'
import { createRandom } from '../../../../src/shared/generation/random'
import { unwrap } from '../../../../src/shared/result'
import { corpusAvailable } from '../../../../training/data/corpus'
import { loadEngine, type Engine } from '../../../../training/inference/engine'
import {
  loadPointScripts,
  pickPoint,
  pointScript,
  type PointScript
} from '../../../../training/eval/continuation-points'
import {
  agreement,
  measureContinuationQuality,
  startsAsExpected,
  summarise,
  type ContinuationSample
} from '../../../../training/eval/continuation-quality'
import { formatQualityTable } from '../../../../training/eval/quality-table'
import { measureSceneQuality } from '../../../../training/eval/scene-quality'
import { measureSceneStarts } from '../../../../training/eval/scene-starts'

// Invented script for the point picker.
const fixture = pointScript(
  'fixture',
  [
    'INT. SIGNAL BOX - NIGHT',
    'A lever shudders in its slot as the last train of the night approaches the crossing.',
    'NELL\nIt is early.',
    'OTTO\n(checking his watch)\nIt is never early.',
    'EXT. TRACKS - CONTINUOUS',
    'PIM\nWait for me!',
    ''
  ].join('\n\n')
)

describe('summarise (invented samples)', () => {
  // A cue point: the typed letters, the suggestion after them, the model's own line.
  const cuePoint = (typed: string, suggestion: string, raw: string): ContinuationSample => {
    const request = buildContinuationRequest(`${fixture.text}${typed}`, fixture.text.length + 1, {
      maxPromptChars: 2000,
      mode: 'continue-element'
    })
    const normalised = normaliseContinuation(suggestion, {
      expect: 'character-name',
      cast: ['NELL', 'OTTO'],
      prefix: typed
    })
    const proposed = `${typed}${normalised.text}`.trim()
    return {
      slug: 'fixture',
      kind: 'cue-line',
      request,
      raw,
      normalised,
      promptTokens: 10,
      newTokens: 3,
      totalMs: 5,
      elements: 1,
      agreeing: 1,
      name: {
        proposed,
        inCast: ['NELL', 'OTTO'].includes(proposed),
        raw: `${typed}${raw}`.trim(),
        rawInCast: ['NELL', 'OTTO'].includes(`${typed}${raw}`.trim()),
        sceneCast: ['NELL', 'OTTO']
      },
      rawAsExpected: true,
      rawFurniture: [],
      furniture: [],
      copiedWords: 0
    }
  }

  it('counts a name only where the suggestion proposes one; an empty one is counted as empty', () => {
    const report = summarise(
      [
        cuePoint('N', 'ELL', 'ELL'),
        cuePoint('T', 'OM', 'OM'),
        cuePoint('P', '', 'ITCHED DOWN THE WINDOW.')
      ],
      false
    )
    expect(report.castNames).toMatchObject({ count: 1, total: 2 })
    expect(report.rawCastNames).toMatchObject({ count: 1, total: 3 })
    expect(report.emptySuggestions).toBe(1)
  })
})

describe('pickPoint (invented script)', () => {
  it('places each kind of point where its request asks for the right thing', () => {
    const random = createRandom(3)
    for (let round = 0; round < 10; round++) {
      const afterCue = pickPoint(fixture, 'after-cue', random)!
      expect(afterCue.source).toMatch(/\n\n(NELL|OTTO|PIM)\n$/)
      const cueLine = pickPoint(fixture, 'cue-line', random)!
      expect(cueLine.source).toMatch(/\n\n[NOP]$/)
      const action = pickPoint(fixture, 'inside-action', random)!
      expect(action.source).toMatch(/\n\nA lever( \S+){2,}$/)
      expect(action.source.endsWith('crossing.')).toBe(false)
    }
  })

  it('gives the cast of the scene holding the point, later speakers included', () => {
    const random = createRandom(1)
    for (let round = 0; round < 10; round++) {
      const point = pickPoint(fixture, 'cue-line', random)!
      const expected = point.source.endsWith('P') ? ['PIM'] : ['NELL', 'OTTO']
      expect(point.sceneCast).toEqual(expected)
    }
  })

  it('returns null when a script has no place of the kind', () => {
    const bare = pointScript('bare', 'INT. ROOM - DAY\n\nShort.\n')
    expect(pickPoint(bare, 'after-cue', createRandom(1))).toBeNull()
    expect(pickPoint(bare, 'inside-action', createRandom(1))).toBeNull()
  })
})

describe('agreement (hand-made model outputs, no model)', () => {
  it('counts elements a fresh parse shows as the same type, and catches one it does not', () => {
    const source = 'INT. DOCK - DAY\n\nODILE\n'
    const request = buildContinuationRequest(source, source.length, {
      maxPromptChars: 500,
      mode: 'continue-element'
    })
    const good = normaliseContinuation('Where is the boat?', {
      expect: request.expect,
      cast: request.cast,
      speaker: 'ODILE'
    })
    expect(agreement(request, good)).toEqual({ elements: 1, agreeing: 1 })
    // Laid out as dialogue, but a fresh parse after a blank line reads it as a heading.
    const shifted = { ...good, text: '\nINT. BOAT - DAY\n\nRain.' }
    shifted.elements = [{ type: 'dialogue', from: 1, to: 15, text: 'INT. BOAT - DAY' }]
    expect(agreement(request, shifted)).toEqual({ elements: 1, agreeing: 0 })
  })
})

describe('startsAsExpected (hand-made model outputs, no model)', () => {
  const source = 'INT. DOCK - DAY\n\nRain on the water.\n\nODILE\n'
  const options = { maxPromptChars: 500, mode: 'continue-element' as const }

  it('accepts speech after a cue and refuses a blank line that ends the block', () => {
    const request = buildContinuationRequest(source, source.length, options)
    expect(startsAsExpected(request, 'Where is the boat?')).toBe(true)
    expect(startsAsExpected(request, '(quietly)\nWhere is the boat?')).toBe(true)
    expect(startsAsExpected(request, '\nShe leaves.')).toBe(false)
  })

  it('checks a name on a cue line and the rest of an action line', () => {
    const cue = `${source}Where?\n\nB`
    const request = buildContinuationRequest(cue, cue.length, options)
    expect(startsAsExpected(request, 'RAM')).toBe(true)
    expect(startsAsExpected(request, 'ram walks in.')).toBe(false)
    const action = 'INT. DOCK - DAY\n\nRain on the'
    const actionRequest = buildContinuationRequest(action, action.length, options)
    expect(startsAsExpected(actionRequest, ' water.')).toBe(true)
  })
})

const SHARED = fileURLToPath(new URL('../../../../../shared', import.meta.url))
const MODEL = fileURLToPath(
  new URL('../../../../resources/models/screenplay-gpt2-30m', import.meta.url)
)
const ready = existsSync(SHARED) && corpusAvailable() && existsSync(`${MODEL}/config.json`)
if (!ready) {
  console.warn(
    'continuation-quality: skipping the real-model run (needs ../shared/data/screenplays and ' +
      'resources/models/screenplay-gpt2-30m).'
  )
}

describe.skipIf(!ready)('measureContinuationQuality (embedded model, 3 validation points)', () => {
  let engine: Engine
  let scripts: PointScript[]
  beforeAll(async () => {
    engine = unwrap(await loadEngine(MODEL, { precision: 'int8', threads: 2 }))
    scripts = await loadPointScripts({ limit: 2 })
  }, 60_000)
  afterAll(async () => {
    await engine?.release()
  })

  it('generates one continuation of each kind and scores it', async () => {
    const report = await measureContinuationQuality({ engine, scripts, count: 3, seed: 7 })
    expect(report.samples.map((sample) => sample.kind)).toEqual([
      'after-cue',
      'inside-action',
      'cue-line'
    ])
    expect(report.samples.map((sample) => sample.request.expect)).toEqual([
      'dialogue',
      'action',
      'character-name'
    ])
    for (const sample of report.samples) {
      expect(sample.newTokens).toBeGreaterThan(0)
      expect(sample.totalMs).toBeGreaterThan(0)
      expect(findFurniture(sample.request.linePrefix + sample.normalised.text)).toEqual([])
    }
    expect(report.samples[2].name?.proposed).toMatch(/^[A-Z]/)
    expect(report.typeAgreement.total).toBeGreaterThan(0)
    expect(report.typeAgreement.share).toBeGreaterThanOrEqual(0)
    expect(report.typeAgreement.share).toBeLessThanOrEqual(1)
    expect(formatQualityTable(report)).toContain('elements shown as parsed')
  }, 60_000)

  it('can generate at one kind of point only, at the same points with the same seeds', async () => {
    const all = await measureContinuationQuality({ engine, scripts, count: 3, seed: 7 })
    const cues = await measureContinuationQuality({
      engine,
      scripts,
      count: 3,
      seed: 7,
      kinds: ['cue-line']
    })
    expect(cues.samples.map((sample) => sample.kind)).toEqual(['cue-line'])
    expect(cues.samples[0].request.prompt).toBe(all.samples[2].request.prompt)
    expect(cues.samples[0].raw).toBe(all.samples[2].raw)
  }, 60_000)

  it('scores whole scene continuations as the app shows them', async () => {
    const report = await measureSceneQuality({ engine, scripts, count: 2, seed: 2 })
    expect(report.count).toBe(2)
    expect(report.typeAgreement.total).toBeGreaterThan(2)
    expect(report.typeAgreement.count).toBeLessThanOrEqual(report.typeAgreement.total)
    expect(report.elementsPerSuggestion).toBeGreaterThan(1)
    expect(report.furnitureSuggestions).toBe(0)
    expect(report.newScene).toBe(0)
    // One of the two asked at the end of the speech's line; no cue the model wrote is shown as
    // part of another element.
    expect(report.atLineEnd).toBe(1)
    expect(report.cuesShownAsOther).toBe(0)
    expect(report.tokensPerSecond).toBeGreaterThan(0)
  }, 60_000)

  it('asks for scene continuations at the end of speeches; steered, none opens a new scene', async () => {
    const steered = await measureSceneStarts({ engine, scripts, count: 4, seed: 3 })
    expect(steered.count).toBe(4)
    expect(steered.newScene).toBe(0)
    expect(steered.empty).toBeLessThanOrEqual(steered.count)
  }, 60_000)
})
