/// How well-formed the model's continuations are once they pass through the context builder and
/// the output normaliser: over seeded random points of the validation scripts, the share of
/// generated elements shown as the type a fresh parse gives them, the share of proposed character
/// names in the scene's cast, how many suggestions carry page furniture, and timing.
///
/// "Shown as" agreement: each element the normaliser returns (its type as laid out after the
/// context) against the type of the element that a fresh `parseFountain(prompt + text)` puts at
/// that place. A cue with nothing after it yet counts as agreeing when the fresh parse reads a lone
/// capitals line (the editor's "cue being written").
import { buildContinuationRequest, START_OF_SCRIPT } from '../../src/shared/ai/context-builder'
import type { ContinuationRequest } from '../../src/shared/ai/context-builder'
import type { NormalisedContinuation } from '../../src/shared/ai/output-normaliser'
import { findFurniture } from '../../src/shared/ai/page-furniture'
import { findCopiedRuns, type NgramIndex } from '../../src/shared/ai/provenance'
import { isPossibleCue } from '../../src/shared/fountain/element-at'
import { splitCue } from '../../src/shared/fountain/line-patterns'
import { parseFountain } from '../../src/shared/fountain/parse-fountain'
import { createRandom } from '../../src/shared/generation'
import type { Engine } from '../inference/engine'
import { generateAsApp, normaliseAsApp } from './app-request'
import {
  pickPoint,
  POINT_KINDS,
  type ContinuationPoint,
  type PointKind
} from './continuation-points'
import type { PointScript } from './continuation-points'

export interface QualityOptions {
  engine: Engine
  /// Scripts to pick points from (compact text); see `loadPointScripts`.
  scripts: readonly PointScript[]
  /// Continuations to generate. Default 200.
  count?: number
  /// Seed of the point picker and of generation (continuation i uses seed + i). Default 1.
  seed?: number
  /// Context budget of the builder. Default 1500 characters (about 400 tokens).
  maxPromptChars?: number
  /// Copy-detection index of the training scripts, if any.
  index?: NgramIndex
  /// Generate only at points of these kinds. The others are still picked, so a point and its
  /// generation seed are the same as in a run of every kind (`count` counts points picked).
  kinds?: readonly PointKind[]
  onSample?: (sample: ContinuationSample, done: number) => void
}

export interface ContinuationSample {
  slug: string
  kind: PointKind
  request: ContinuationRequest
  raw: string
  normalised: NormalisedContinuation
  promptTokens: number
  newTokens: number
  totalMs: number
  /// Elements returned and how many a fresh parse shows as the same type.
  elements: number
  agreeing: number
  /// For 'cue-line': the name after normalising and the model's own, and whether each is in the
  /// scene's cast.
  name?: {
    proposed: string
    inCast: boolean
    raw: string
    rawInCast: boolean
    sceneCast: string[]
  }
  /// Whether a fresh parse of prompt + raw model text (no normalising) starts with the expected type.
  rawAsExpected: boolean
  rawFurniture: string[]
  furniture: string[]
  /// Words of the suggestion in 12-word runs found in the training index (0 without an index).
  copiedWords: number
}

export interface Share {
  count: number
  total: number
  share: number
}

export interface QualityReport {
  samples: ContinuationSample[]
  typeAgreement: Share
  rawAsExpected: Share
  castNames: Share
  rawCastNames: Share
  furnitureSuggestions: number
  rawFurnitureSuggestions: number
  emptySuggestions: number
  copiedSuggestions: number | null
  timing: { meanMs: number; medianMs: number; p95Ms: number; tokensPerSecond: number }
  byKind: Record<
    PointKind,
    { samples: number; typeAgreement: Share; rawAsExpected: number; emptySuggestions: number }
  >
}

/// Generates and scores `count` continuations.
export async function measureContinuationQuality(options: QualityOptions): Promise<QualityReport> {
  const count = options.count ?? 200
  const seed = options.seed ?? 1
  const random = createRandom(seed)
  const samples: ContinuationSample[] = []
  let picked = 0
  for (let at = 0; picked < count && at < count * 20; at++) {
    const kind = POINT_KINDS[picked % POINT_KINDS.length]
    const script = options.scripts[Math.floor(random() * options.scripts.length)]
    const point = pickPoint(script, kind, random)
    if (!point) continue
    const pointSeed = seed + picked
    picked++
    if (options.kinds && !options.kinds.includes(kind)) continue
    const sample = await runPoint(point, pointSeed, options)
    samples.push(sample)
    options.onSample?.(sample, samples.length)
  }
  return summarise(samples, options.index !== undefined)
}

async function runPoint(
  point: ContinuationPoint,
  seed: number,
  options: QualityOptions
): Promise<ContinuationSample> {
  const { engine } = options
  const request = buildContinuationRequest(point.source, point.source.length, {
    maxPromptChars: options.maxPromptChars ?? 6000,
    windowTokens: engine.model.contextLength,
    mode: 'continue-element'
  })
  const { alternative, promptTokens } = await generateAsApp(engine, request, { seed })
  const normalised = normaliseAsApp(request, alternative.text)
  const laidOut = request.linePrefix + normalised.text
  const { elements, agreeing } = agreement(request, normalised)
  return {
    slug: point.slug,
    kind: point.kind,
    request,
    raw: alternative.text,
    normalised,
    promptTokens,
    newTokens: alternative.tokenIds.length,
    totalMs: alternative.timing.totalMs,
    elements,
    agreeing,
    ...(point.kind === 'cue-line'
      ? { name: names(point, request, alternative.text, normalised) }
      : {}),
    rawAsExpected: startsAsExpected(request, alternative.text),
    rawFurniture: findFurniture(request.linePrefix + alternative.text),
    furniture: findFurniture(laidOut),
    copiedWords: options.index
      ? findCopiedRuns(normalised.text, options.index).reduce((sum, run) => sum + run.words, 0)
      : 0
  }
}

/// How many of the normaliser's elements a fresh parse of prompt + text shows as the same type.
export function agreement(
  request: ContinuationRequest,
  normalised: NormalisedContinuation
): { elements: number; agreeing: number } {
  const prompt = promptText(request)
  const space = /\s$/.test(request.linePrefix) ? ' ' : ''
  const fresh = parseFountain(prompt + space + normalised.text)
  const base = prompt.length + space.length - request.linePrefix.length
  let agreeing = 0
  for (const element of normalised.elements) {
    const middle = base + Math.floor((Math.max(element.from, 0) + element.to) / 2)
    const found = fresh.elements.find((item) => item.from <= middle && middle <= item.to)
    if (!found) continue
    const same =
      found.type === element.type || (element.type === 'character' && isPossibleCue(found))
    if (same) agreeing++
  }
  return { elements: normalised.elements.length, agreeing }
}

/// Whether a fresh parse of prompt + `text` has the expected element type where the text starts
/// (a parenthetical counts as the start of a speech).
export function startsAsExpected(request: ContinuationRequest, text: string): boolean {
  const prompt = promptText(request)
  const start = prompt.length - request.linePrefix.trimEnd().length
  const fresh = parseFountain(prompt + text)
  const found = fresh.elements.find((item) => item.to >= start && item.to > item.from)
  if (!found || found.from > prompt.length + text.search(/\S|$/)) return false
  if (request.expect === 'character-name') {
    return found.type === 'character' || isPossibleCue(found)
  }
  // A speech may open with a parenthetical.
  if (request.expect === 'dialogue' && found.type === 'parenthetical') return true
  return found.type === request.expect
}

function promptText(request: ContinuationRequest): string {
  return request.prompt.startsWith(START_OF_SCRIPT)
    ? request.prompt.slice(START_OF_SCRIPT.length)
    : request.prompt
}

function names(
  point: ContinuationPoint,
  request: ContinuationRequest,
  raw: string,
  normalised: NormalisedContinuation
): ContinuationSample['name'] {
  const cue = normalised.elements.find((element) => element.type === 'character')
  const proposed = cue && cue.type === 'character' ? cue.name : ''
  const rawName = splitCue((request.linePrefix + raw.split('\n')[0]).toUpperCase()).name
  return {
    proposed,
    inCast: point.sceneCast.includes(proposed),
    raw: rawName,
    rawInCast: point.sceneCast.includes(rawName),
    sceneCast: point.sceneCast
  }
}

function share(count: number, total: number): Share {
  return { count, total, share: total === 0 ? 0 : count / total }
}

/// The report's shares and counts over `samples` (exported for its unit test).
export function summarise(samples: ContinuationSample[], indexed: boolean): QualityReport {
  const sum = (pick: (sample: ContinuationSample) => number, from = samples): number =>
    from.reduce((total, sample) => total + pick(sample), 0)
  // A name is proposed when the suggestion adds letters to the cue; an empty suggestion (the
  // normaliser dropped a line that was no name) proposes none and is counted among the empty ones.
  const named = samples.filter((sample) => sample.name && sample.normalised.text.trim() !== '')
  const rawNamed = samples.filter((sample) => sample.name && sample.name.raw !== '')
  const times = samples.map((sample) => sample.totalMs).sort((a, b) => a - b)
  const byKind = {} as QualityReport['byKind']
  for (const kind of POINT_KINDS) {
    const ofKind = samples.filter((sample) => sample.kind === kind)
    byKind[kind] = {
      samples: ofKind.length,
      typeAgreement: share(
        sum((sample) => sample.agreeing, ofKind),
        sum((sample) => sample.elements, ofKind)
      ),
      rawAsExpected: ofKind.filter((sample) => sample.rawAsExpected).length,
      emptySuggestions: ofKind.filter((sample) => sample.normalised.text.trim() === '').length
    }
  }
  const totalSeconds = sum((sample) => sample.totalMs) / 1000
  return {
    samples,
    typeAgreement: share(
      sum((sample) => sample.agreeing),
      sum((sample) => sample.elements)
    ),
    rawAsExpected: share(samples.filter((sample) => sample.rawAsExpected).length, samples.length),
    castNames: share(named.filter((sample) => sample.name!.inCast).length, named.length),
    rawCastNames: share(
      rawNamed.filter((sample) => sample.name!.rawInCast).length,
      rawNamed.length
    ),
    furnitureSuggestions: samples.filter((sample) => sample.furniture.length > 0).length,
    rawFurnitureSuggestions: samples.filter((sample) => sample.rawFurniture.length > 0).length,
    emptySuggestions: samples.filter((sample) => sample.normalised.text.trim() === '').length,
    copiedSuggestions: indexed ? samples.filter((sample) => sample.copiedWords > 0).length : null,
    timing: {
      meanMs: times.length ? sum((sample) => sample.totalMs) / times.length : 0,
      medianMs: times.length ? times[Math.floor(times.length / 2)] : 0,
      p95Ms: times.length ? times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] : 0,
      tokensPerSecond: totalSeconds > 0 ? sum((sample) => sample.newTokens) / totalSeconds : 0
    },
    byKind
  }
}
