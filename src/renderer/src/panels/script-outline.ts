/// What the side panels list: the scenes with their lengths, and the cast with how much each
/// character speaks. Pure functions of the parsed screenplay (and its pagination, when ready).
import type { Screenplay } from '../../../shared/fountain/elements'
import { plainText } from '../../../shared/formats/emphasis'
import { scenesOf } from '../../../shared/fountain/screenplay-queries'
import type { SceneLength } from '../../../shared/pagination/timing'

/// One row of the Scenes navigator.
export interface OutlineScene {
  /// 1-based position in the script.
  number: number
  /// The number written on the heading (`#12A#`), shown instead of `number` when present.
  label: string
  /// The heading as printed (upper case, emphasis markers removed).
  heading: string
  /// Where the heading starts in the document.
  from: number
  /// Start of the next heading (or the end of the script).
  to: number
  /// Length in eighths of a page; null until the script has been paginated.
  eighths: number | null
  /// `eighths` as Final Draft shows it ("1 2/8"); '' until paginated.
  length: string
}

/// One row of the Characters panel.
export interface CastMember {
  name: string
  /// Dialogue blocks: cues followed by speech.
  blocks: number
  /// Source lines of dialogue, parentheticals and lyrics under those cues.
  lines: number
}

/// The scenes of `screenplay`, with `lengths` (from `sceneLengths`) when given. The pagination may
/// lag a few keystrokes behind (it is debounced), so lengths are matched to scenes by position.
export function outlineScenes(screenplay: Screenplay, lengths: SceneLength[] = []): OutlineScene[] {
  return scenesOf(screenplay).map((scene, index) => {
    const length = lengths[index]
    return {
      number: scene.number,
      label: scene.sceneNumber ?? String(scene.number),
      heading: plainText(scene.heading.text).trim().toUpperCase(),
      from: scene.from,
      to: scene.to,
      eighths: length ? length.eighths : null,
      length: length ? length.label : ''
    }
  })
}

const speechTypes = new Set(['dialogue', 'parenthetical', 'lyrics'])

/// The cast, most dialogue blocks first (then most lines, then by name). Names are compared
/// without extensions, so `JANE (V.O.)` counts as JANE.
export function castCounts(screenplay: Screenplay): CastMember[] {
  const members = new Map<string, CastMember>()
  const { elements } = screenplay
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index]
    if (element.type !== 'character') continue
    const name = element.name.trim().toUpperCase()
    if (!name) continue
    let lines = 0
    let next = index + 1
    while (next < elements.length && speechTypes.has(elements[next].type)) {
      lines += elements[next].text.split('\n').filter((line) => line.trim() !== '').length
      next++
    }
    // A cue with nothing under it is not (yet) a speech.
    if (lines === 0) continue
    const member = members.get(name) ?? { name, blocks: 0, lines: 0 }
    member.blocks += 1
    member.lines += lines
    members.set(name, member)
  }
  return [...members.values()].sort(
    (a, b) => b.blocks - a.blocks || b.lines - a.lines || a.name.localeCompare(b.name)
  )
}

/// The index into `scenes` of the scene holding `offset`, or -1 before the first heading.
export function sceneIndexAt(scenes: OutlineScene[], offset: number): number {
  let low = 0
  let high = scenes.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (scenes[middle].from <= offset) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  return found
}
