/// Where the quality evaluation asks for continuations: seeded random points of three kinds in a
/// script's compact text, each with the script up to the cursor (what a writer at the end of
/// their draft would have) and the cast of the scene the point is in.
import type { Screenplay } from '../../src/shared/fountain/elements'
import { parseFountain } from '../../src/shared/fountain/parse-fountain'
import type { Random } from '../../src/shared/generation/random'
import { readCorpus, type ReadCorpusOptions } from '../data/corpus'
import { imsdbToModelText } from './ngram-index'

/// - 'after-cue': on the empty line right after a cue (dialogue is asked for);
/// - 'inside-action': after a word in the middle of an action paragraph;
/// - 'cue-line': on a cue line after its first letter (a name is asked for).
export type PointKind = 'after-cue' | 'inside-action' | 'cue-line'
export const POINT_KINDS: readonly PointKind[] = ['after-cue', 'inside-action', 'cue-line']

export interface ContinuationPoint {
  slug: string
  kind: PointKind
  /// The script up to the cursor (the cursor is at its end).
  source: string
  /// Speakers of the scene holding the point, in the whole script (before and after the point).
  sceneCast: string[]
}

/// A script ready for picking points: compact text and its parse.
export interface PointScript {
  slug: string
  text: string
  screenplay: Screenplay
}

export function pointScript(slug: string, text: string): PointScript {
  return { slug, text, screenplay: parseFountain(text) }
}

/// The corpus' validation scripts (never trained on) in compact text, at most `limit` of them.
export async function loadPointScripts(
  options: Pick<ReadCorpusOptions, 'folder'> & { limit?: number } = {}
): Promise<PointScript[]> {
  const scripts: PointScript[] = []
  for await (const script of readCorpus({ folder: options.folder, split: 'validation' })) {
    scripts.push(pointScript(script.slug, imsdbToModelText(script.text)))
    if (options.limit !== undefined && scripts.length >= options.limit) break
  }
  return scripts
}

/// Picks one point of `kind` in `script`, or null when the script has no place for it.
export function pickPoint(
  script: PointScript,
  kind: PointKind,
  random: Random
): ContinuationPoint | null {
  const { elements } = script.screenplay
  const candidates: number[] = []
  elements.forEach((element, index) => {
    if (kind === 'inside-action') {
      if (element.type === 'action' && element.text.split(/\s+/).length >= 8) candidates.push(index)
    } else if (element.type === 'character' && elements[index + 1]?.type === 'dialogue') {
      candidates.push(index)
    }
  })
  if (candidates.length === 0) return null
  const index = candidates[Math.floor(random() * candidates.length)]
  const element = elements[index]
  let cursor: number
  if (kind === 'after-cue') cursor = element.to + 1
  else if (kind === 'cue-line') cursor = element.from + 1
  else {
    const ends = [...script.text.slice(element.from, element.to).matchAll(/\S+/g)].map(
      (match) => element.from + match.index + match[0].length
    )
    // After the 4th word … the second-to-last: some paragraph before, some left to write.
    cursor = ends[3 + Math.floor(random() * (ends.length - 4))]
  }
  return {
    slug: script.slug,
    kind,
    source: script.text.slice(0, cursor),
    sceneCast: sceneCastAt(script.screenplay, index)
  }
}

function sceneCastAt(screenplay: Screenplay, index: number): string[] {
  const { elements } = screenplay
  let first = index
  while (first > 0 && elements[first].type !== 'scene-heading') first--
  const names: string[] = []
  for (let at = first; at < elements.length; at++) {
    const element = elements[at]
    if (at > first && element.type === 'scene-heading') break
    if (element.type === 'character' && !names.includes(element.name)) names.push(element.name)
  }
  return names
}
