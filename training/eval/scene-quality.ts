/// How well-formed whole "Continue scene" suggestions are. At the end of seeded random speeches
/// (the places scene-starts.ts picks), the app's scene request in full, up to its token budget or
/// the next scene heading, normalised as the app shows it, then scored as continuation-quality.ts
/// scores one element's continuations: the elements a fresh parse shows as the same type, and the
/// suggestions that carry page furniture. One element is a few lines; a scene continuation is a
/// dozen elements of every kind, so this covers what "Continue ▸" puts in front of the writer.
/// Every other request is made at the end of the speech's own line rather than on the blank line
/// after it (a writer asks as soon as they have typed the line). There a cue the model writes must
/// keep the blank line before it, or it shows as more of the speech, which "elements shown as
/// parsed" cannot see (the shown text then parses the same wrong way): `cuesShownAsOther` counts
/// those.
import type { NormalisedContinuation } from '../../src/shared/ai/output-normaliser'
import { findFurniture } from '../../src/shared/ai/page-furniture'
import { parseFountain } from '../../src/shared/fountain/parse-fountain'
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
  /// Requests made at the end of the speech's own line (the others on the blank line after it).
  atLineEnd: number
  /// Cues the model wrote (with speech after them) that the suggestion shows inside another
  /// element, e.g. as a line of the speech before them.
  cuesShownAsOther: number
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
  let atLineEnd = 0
  let cuesShownAsOther = 0
  let tokens = 0
  let milliseconds = 0
  for (let tries = 0; done < count && tries < count * 20; tries++) {
    const lineEnd = tries % 2 === 1
    const request = sceneRequestAfterSpeech(scripts, random, engine, lineEnd)
    if (request === null) continue
    if (lineEnd) atLineEnd++
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
    cuesShownAsOther += misreadCues(request.linePrefix, alternative.text, normalised)
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
    atLineEnd,
    cuesShownAsOther,
    elementsPerSuggestion: done === 0 ? 0 : elements / done,
    tokensPerSecond: milliseconds > 0 ? tokens / (milliseconds / 1000) : 0
  }
}

// The cues the model wrote (read after the cursor's line, as the model laid them out) whose line
// the suggestion shows inside an element of another kind.
function misreadCues(prefix: string, raw: string, shown: NormalisedContinuation): number {
  const written = new Set(
    parseFountain(prefix + raw)
      .elements.filter((element) => element.type === 'character')
      .map((element) => element.text.trim())
  )
  let misread = 0
  for (const element of shown.elements) {
    if (element.type === 'character') continue
    for (const line of element.text.split('\n')) if (written.has(line.trim())) misread++
  }
  return misread
}
