/// Whether "Continue scene" stays in the writer's scene: at the end of seeded random speeches of
/// the validation scripts, the app's scene continuation request (context builder → shared
/// generate()), and how many of them open with a new scene heading instead. Only the first line
/// matters, so each continuation is cut short.
import {
  buildContinuationRequest,
  type ContinuationRequest
} from '../../src/shared/ai/context-builder'
import { opensSceneHeading } from '../../src/shared/fountain/line-patterns'
import { createRandom } from '../../src/shared/generation'
import type { Random } from '../../src/shared/generation/random'
import type { Engine } from '../inference/engine'
import { generateAsApp } from './app-request'
import { pickPoint, type PointScript } from './continuation-points'

export interface SceneStartOptions {
  engine: Engine
  scripts: readonly PointScript[]
  /// Continuations to ask for. Default 60.
  count?: number
  /// Seed of the point picker and of generation (continuation i uses seed + i). Default 1.
  seed?: number
  /// Whether requests ask to stay in the scene, as the app's do (`continuesScene`). Default true;
  /// false shows what the model does left free.
  steer?: boolean
}

export interface SceneStartReport {
  count: number
  /// Continuations whose first line is a scene heading (or a forced one).
  newScene: number
  /// Continuations with no text at all.
  empty: number
}

// Tokens generated per continuation: enough for a heading's first line.
const FIRST_LINE_TOKENS = 16

/// The app's "Continue scene" request at the end of a seeded random speech, on the blank line
/// after it: where a writer asks for more scene. With `atLineEnd`, at the end of the speech's
/// last line instead (the writer asks as soon as they have typed it). Null when the pick has no
/// such place (pick again).
export function sceneRequestAfterSpeech(
  scripts: readonly PointScript[],
  random: Random,
  engine: Engine,
  atLineEnd = false
): ContinuationRequest | null {
  const script = scripts[Math.floor(random() * scripts.length)]
  const point = pickPoint(script, 'after-cue', random)
  if (!point) return null
  const end = script.text.indexOf('\n\n', point.source.length)
  if (end < 0) return null
  // The script up to the cursor only, as a writer at the end of their draft has it.
  const source = script.text.slice(0, atLineEnd ? end : end + 2)
  return buildContinuationRequest(source, source.length, {
    maxPromptChars: 6000,
    windowTokens: engine.model.contextLength,
    mode: 'continue-scene'
  })
}

export async function measureSceneStarts(options: SceneStartOptions): Promise<SceneStartReport> {
  const { engine, scripts } = options
  const count = options.count ?? 60
  const seed = options.seed ?? 1
  const random = createRandom(seed)
  const report: SceneStartReport = { count: 0, newScene: 0, empty: 0 }
  for (let tries = 0; report.count < count && tries < count * 20; tries++) {
    const request = sceneRequestAfterSpeech(scripts, random, engine)
    if (request === null) continue
    const { alternative } = await generateAsApp(engine, request, {
      seed: seed + report.count,
      maxNewTokens: FIRST_LINE_TOKENS,
      continuesScene: (options.steer ?? true) && request.continuesScene
    })
    const first = alternative.text.trimStart().split('\n', 1)[0]
    report.count++
    if (first === '') report.empty++
    else if (opensSceneHeading(first)) report.newScene++
  }
  return report
}
