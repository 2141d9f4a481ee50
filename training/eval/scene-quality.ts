/// How well-formed whole "Continue scene" suggestions are. At the end of seeded random speeches
/// (the places scene-starts.ts picks), the app's scene request in full, up to its token budget or
/// the next scene heading, normalised as the app shows it, then scored as continuation-quality.ts
/// scores one element's continuations: the elements a fresh parse shows as the same type, and the
/// suggestions that carry page furniture. One element is a few lines; a scene continuation is a
/// dozen elements of every kind, so this covers what "Continue ▸" puts in front of the writer.
import { findFurniture } from '../../src/shared/ai/page-furniture'
import { opensSceneHeading } from '../../src/shared/fountain/line-patterns'
import { createRandom } from '../../src/shared/generation'
import type { Engine } from '../inference/engine'
import { generateAsApp, normaliseAsApp } from './app-request'
import type { PointScript } from './continuation-points'
import { agreement, type Share } from './continuation-quality'
import { sceneRequestAfterSpeech } from './scene-starts'

export interface SceneQualityOptions {
  engine: Engine
  scripts: readonly PointScript[]
  /// Scene continuations to generate. Default 20 (each is up to 256 tokens).
  count?: number
  /// Seed of the point picker and of generation (continuation i uses seed + i). Default 1.
  seed?: number
}

export interface SceneQualityReport {
  count: number
  /// Elements shown, and how many a fresh parse of the script plus the suggestion agrees with.
  typeAgreement: Share
  furnitureSuggestions: number
  emptySuggestions: number
  /// Suggestions whose first line opens a new scene.
  newScene: number
  elementsPerSuggestion: number
  tokensPerSecond: number
}

export async function measureSceneQuality(
  options: SceneQualityOptions
): Promise<SceneQualityReport> {
  const { engine, scripts } = options
  const count = options.count ?? 20
  const seed = options.seed ?? 1
  const random = createRandom(seed)
  let done = 0
  let elements = 0
  let agreeing = 0
  let furniture = 0
  let empty = 0
  let newScene = 0
  let tokens = 0
  let milliseconds = 0
  for (let tries = 0; done < count && tries < count * 20; tries++) {
    const request = sceneRequestAfterSpeech(scripts, random, engine)
    if (request === null) continue
    const { alternative } = await generateAsApp(engine, request, { seed: seed + done })
    const normalised = normaliseAsApp(request, alternative.text)
    done++
    tokens += alternative.tokenIds.length
    milliseconds += alternative.timing.totalMs
    const scored = agreement(request, normalised)
    elements += scored.elements
    agreeing += scored.agreeing
    if (normalised.text.trim() === '') empty++
    if (findFurniture(request.linePrefix + normalised.text).length > 0) furniture++
    if (opensSceneHeading(normalised.text.trimStart().split('\n', 1)[0])) newScene++
  }
  return {
    count: done,
    typeAgreement: {
      count: agreeing,
      total: elements,
      share: elements === 0 ? 0 : agreeing / elements
    },
    furnitureSuggestions: furniture,
    emptySuggestions: empty,
    newScene,
    elementsPerSuggestion: done === 0 ? 0 : elements / done,
    tokensPerSecond: milliseconds > 0 ? tokens / (milliseconds / 1000) : 0
  }
}
