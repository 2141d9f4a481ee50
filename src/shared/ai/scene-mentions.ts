/// Who the scene has mentioned before the cursor: characters a cue may name although they have
/// not spoken in the scene yet. Two kinds, nearest the cursor first:
/// - the script's speakers whose name the scene's action or dialogue uses ("Morning, Lois.",
///   "as Mini goes down"), as a whole word in any case;
/// - names the scene's action introduces in capitals, as a screenplay introduces a character the
///   first time they appear ("his YOUNG SECRETARY, LOIS, is waiting").
/// Measured on the validation scripts (tests/benchmarks/ai-quality.ts): of the cues whose speaker
/// had not spoken in the scene yet, the misses were speakers the scene had named this way.
import type { Screenplay } from '../fountain/elements'

// Capitals in action that are not people: camera and editing words, times of day, sounds. A run
// made only of these is no introduction.
const NOT_NAMES = new Set(
  (
    'A AN THE AND OR OF TO IN ON AT BY WITH FROM INTO UP DOWN OFF OUT OVER BACK ' +
    'INT EXT I/E INT./EXT EST ANGLE CLOSE CLOSEUP WIDE SHOT SHOTS POV INSERT CUT CUTS TO FADE FADES ' +
    'DISSOLVE SMASH MATCH PAN PANS TILT ZOOM PUSH PULL TRACK TRACKING DOLLY CRANE AERIAL ' +
    'SERIES MONTAGE FLASHBACK END BEGIN CONTINUOUS CONTINUED CONT MORE LATER MOMENTS ' +
    'SAME TIME DAY NIGHT DAWN DUSK MORNING EVENING AFTERNOON NOON MIDNIGHT SUPER TITLE TITLES ' +
    'CREDITS CARD SUBTITLE V.O. O.S. O.C. OS VO OC SFX FX SOUND NOISE MUSIC BANG BOOM CRASH ' +
    'SLAM BEEP RING THUD CLICK KNOCK SCREAM SCREAMS SILENCE BLACK WHITE FREEZE FRAME SLOW MOTION ' +
    'STOP HOLD OK OKAY NO YES HEY OH TV TV. PM AM DVD CD FBI CIA NYPD USA UK'
  ).split(' ')
)

const ARTICLES = new Set(['A', 'AN', 'THE'])

// One word of capitals (letters, with inner apostrophes, hyphens or periods), then up to two more.
const CAPITALS_RUN = /\b[A-Z][A-Z'.-]*[A-Z](?:\s+[A-Z][A-Z'.-]*[A-Z]){0,2}\b/g

/// Who the scene names before the cursor; each list nearest the cursor first.
export interface SceneMentions {
  /// The script's speakers whose names the scene's action or dialogue uses.
  speakers: string[]
  /// Names the scene's action introduces in capitals (some are not people: a sound, an effect).
  introduced: string[]
}

/// What the scene holding `cursor` mentions before it. `from` is where the scene starts (its
/// heading's index in `screenplay.elements`; 0 before any heading); `cast` the script's speakers.
export function sceneMentions(
  screenplay: Screenplay,
  from: number,
  cursor: number,
  cast: readonly string[]
): SceneMentions {
  const speakers: Found[] = []
  const introduced: Found[] = []
  const patterns = cast
    .filter((name) => /[A-Z]/.test(name) && name.length >= 2)
    .map((name) => ({ name, pattern: wordPattern(name) }))
  const { elements } = screenplay
  for (let index = Math.max(0, from); index < elements.length; index++) {
    const element = elements[index]
    if (element.from >= cursor) break
    if (element.type !== 'action' && element.type !== 'dialogue') continue
    const text = element.text.slice(0, Math.max(0, cursor - element.from))
    for (const { name, pattern } of patterns) {
      for (const match of text.matchAll(pattern)) {
        speakers.push({ name, at: element.from + match.index })
      }
    }
    if (element.type !== 'action') continue
    for (const match of text.matchAll(CAPITALS_RUN)) {
      const name = introducedName(match[0], text.slice(match.index + match[0].length))
      if (name && !cast.includes(name)) introduced.push({ name, at: element.from + match.index })
    }
  }
  return { speakers: nearestFirst(speakers), introduced: nearestFirst(introduced) }
}

interface Found {
  name: string
  at: number
}

function nearestFirst(found: Found[]): string[] {
  const names: string[] = []
  for (const { name } of found.sort((a, b) => b.at - a.at)) {
    if (!names.includes(name)) names.push(name)
  }
  return names
}

function wordPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu')
}

// A run of capitals read as a character's introduction: not a sound ("BANG!"), not made only of
// camera, time or filler words, and with at least three letters.
function introducedName(run: string, after: string): string | null {
  if (/^\s*!/.test(after)) return null
  const words = run.split(/\s+/).map((word) => word.replace(/[.'-]+$/, ''))
  if (words.every((word) => NOT_NAMES.has(word))) return null
  // "THE FEMALE COP" is cued as FEMALE COP.
  while (words.length > 1 && ARTICLES.has(words[0])) words.shift()
  const name = words.join(' ')
  return name.replace(/[^A-Z]/g, '').length >= 3 ? name : null
}
