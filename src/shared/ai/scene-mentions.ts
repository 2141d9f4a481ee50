/// Who the scene has mentioned before the cursor: characters a cue may name although they have
/// not spoken in the scene yet. Three kinds, nearest the cursor first:
/// - the script's speakers whose name the scene's action or dialogue uses ("Morning, Lois.",
///   "as Mini goes down"), as a whole word in any case;
/// - names the scene's action introduces in capitals, as a screenplay introduces a character the
///   first time they appear ("his YOUNG SECRETARY, LOIS, is waiting");
/// - capitalised words in the middle of a sentence, as a script refers to someone it has not cued
///   yet ("Alex sits while the Editor waits", "Where's Rada?").
/// Measured on the validation scripts (tests/benchmarks/ai-quality.ts): of the cues whose speaker
/// had not spoken in the scene yet, the misses were speakers the scene had named this way.
import type { Screenplay, ScreenplayElement } from '../fountain/elements'

// Capitals in action that are not people: camera and editing words, times of day, sounds. A run
// made only of these is no introduction.
const NOT_NAMES = new Set(
  (
    'A AN THE AND OR OF TO IN ON AT BY WITH FROM INTO UP DOWN OFF OUT OVER BACK ' +
    'INT EXT I/E INT./EXT EST ANGLE CLOSE CLOSEUP WIDE SHOT SHOTS POV INSERT CUT CUTS FADE FADES ' +
    'DISSOLVE SMASH MATCH PAN PANS TILT ZOOM PUSH PULL TRACK TRACKING DOLLY CRANE AERIAL ' +
    'SERIES MONTAGE FLASHBACK END BEGIN CONTINUOUS CONTINUED CONT MORE LATER MOMENTS ' +
    'SAME TIME DAY NIGHT DAWN DUSK MORNING EVENING AFTERNOON NOON MIDNIGHT SUPER TITLE TITLES ' +
    'CREDITS CARD SUBTITLE V.O. O.S. O.C. OS VO OC SFX FX SOUND NOISE MUSIC BANG BOOM CRASH ' +
    'SLAM BEEP RING THUD CLICK KNOCK SCREAM SCREAMS SILENCE BLACK WHITE FREEZE FRAME SLOW MOTION ' +
    'STOP HOLD OK OKAY NO YES HEY OH TV TV. PM AM DVD CD FBI CIA NYPD USA UK ' +
    'AS FOR BUT THEN NOW VIEW EFFECT EFFECTS CAMERA MOVES REVERSE ' +
    'ACROSS THROUGH THROUGHOUT AROUND TOWARD TOWARDS PAST BEHIND BELOW ABOVE UNDER INSIDE ' +
    'OUTSIDE BEYOND ONTO UPON THIS THAT THESE THOSE STILL ALL ' +
    // Places and things that a scene's action often writes in capitals.
    'ROOM BEDROOM OFFICE HOUSE STREET ROAD CAR TRUCK TOWN CITY DOOR DOORS WINDOW WINDOWS ' +
    'WHEELS DESK TABLE FLOOR WALL WALLS STAIRS HALLWAY CORRIDOR KITCHEN GARAGE LOBBY AREA'
  ).split(' ')
)

// One word of capitals (letters, with inner apostrophes, hyphens or periods), then up to two more.
const CAPITALS_RUN = /\b[A-Z][A-Z'.-]*[A-Z](?:\s+[A-Z][A-Z'.-]*[A-Z]){0,2}\b/g

/// Who the scene names before the cursor; each list nearest the cursor first.
export interface SceneMentions {
  /// The script's speakers whose names the scene's action or dialogue uses.
  speakers: string[]
  /// Names the scene's action introduces in capitals (some are not people: a sound, an effect).
  introduced: string[]
  /// Capitalised words the scene uses mid-sentence, in capitals ("the Editor" → EDITOR); not the
  /// script's speakers. Some are places or days, not people.
  named: string[]
}

/// What the scene holding `cursor` mentions before it. `from` is where the scene starts (its
/// heading's index in `screenplay.elements`; 0 before any heading); `cast` the script's speakers.
export function sceneMentions(
  screenplay: Screenplay,
  from: number,
  cursor: number,
  cast: readonly string[]
): SceneMentions {
  const named: Found[] = []
  const texts = [...sceneText(screenplay, from, cursor)]
  const speakers = lastUses(
    texts,
    cast.filter((name) => /[A-Z]/.test(name) && name.length >= 2)
  )
  for (const { element, text } of texts) {
    for (const match of text.matchAll(MID_SENTENCE_CAPITALISED)) {
      const name = namedInPassing(match[1])
      if (name && !cast.includes(name)) named.push({ name, at: element.from + match.index })
    }
  }
  const introduced = introductions(texts, cast)
  return {
    speakers: nearestFirst(speakers),
    introduced: nearestFirst(introduced),
    named: nearestFirst(named).filter((name) => !introduced.some((found) => found.name === name))
  }
}

/// Only the names the scene's action introduces in capitals (`sceneMentions(…).introduced`),
/// without looking for the cast's names in the scene or reading its mid-sentence capitals: for a
/// list that runs as the writer types (about a tenth of sceneMentions' time).
export function sceneIntroductions(
  screenplay: Screenplay,
  from: number,
  cursor: number,
  cast: readonly string[]
): string[] {
  return nearestFirst(introductions(sceneText(screenplay, from, cursor), cast))
}

// The names the action of `texts` introduces in capitals, with where.
function introductions(texts: Iterable<SceneText>, cast: readonly string[]): Found[] {
  const found: Found[] = []
  for (const { element, text } of texts) {
    if (element.type !== 'action') continue
    for (const match of text.matchAll(CAPITALS_RUN)) {
      for (const name of introducedNames(match[0], text.slice(match.index + match[0].length))) {
        if (!cast.includes(name)) found.push({ name, at: element.from + match.index })
      }
    }
  }
  return found
}

interface SceneText {
  element: ScreenplayElement
  text: string
}

// The scene's action and dialogue from element `from` up to `cursor`, each cut at the cursor.
function* sceneText(screenplay: Screenplay, from: number, cursor: number): Generator<SceneText> {
  const { elements } = screenplay
  for (let index = Math.max(0, from); index < elements.length; index++) {
    const element = elements[index]
    if (element.from >= cursor) break
    if (element.type !== 'action' && element.type !== 'dialogue') continue
    yield { element, text: element.text.slice(0, Math.max(0, cursor - element.from)) }
  }
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

// Where each name is last used as a whole word, in any case ("Morning, Lois." uses LOIS), among
// `texts`; names never used are left out. Only a name's last use counts (the lists are nearest
// first), so the texts are read once into an index of where each word starts, and a name is looked
// for only where its first word stands, from the end back. Searching the whole scene for every
// name of the cast took 4.2 ms on average and up to 374 ms (a 120,000-character scene, 117 names)
// over 26,646 cursor positions of the validation scripts, before the request for a cue was sent;
// this way 0.43 ms and 26 ms, with the same lists at every position (scene-mentions.test.ts keeps
// the cases that matter: a shorter name inside a longer one, names with punctuation).
function lastUses(texts: readonly SceneText[], names: readonly string[]): Found[] {
  if (names.length === 0) return []
  const starts = new Map<string, { text: SceneText; index: number }[]>()
  for (const text of texts) {
    for (const match of text.text.matchAll(WORD)) {
      const key = match[0].toLowerCase()
      const list = starts.get(key)
      if (list) list.push({ text, index: match.index })
      else starts.set(key, [{ text, index: match.index }])
    }
  }
  const found: Found[] = []
  for (const name of names) {
    const first = LEADING_WORD.exec(name)
    const places = first ? starts.get(first[0].toLowerCase()) : undefined
    if (!first) {
      found.push(...lastUseAnywhere(texts, name))
      continue
    }
    if (!places) continue
    const pattern = wordPattern(name, 'iuy')
    for (let at = places.length - 1; at >= 0; at--) {
      const { text, index } = places[at]
      pattern.lastIndex = index
      if (pattern.test(text.text)) {
        found.push({ name, at: text.element.from + index })
        break
      }
    }
  }
  return found
}

// A name that does not start with a letter or digit ('"ILIA"'): searched for in full.
function lastUseAnywhere(texts: readonly SceneText[], name: string): Found[] {
  const pattern = wordPattern(name, 'giu')
  let last: Found | null = null
  for (const { element, text } of texts) {
    for (const match of text.matchAll(pattern)) last = { name, at: element.from + match.index }
  }
  return last ? [last] : []
}

// A word: letters and digits not preceded by one (where a name used as a word can start).
const WORD = /(?<![\p{L}\p{N}])[\p{L}\p{N}]+/gu
const LEADING_WORD = /^[\p{L}\p{N}]+/u

function wordPattern(name: string, flags: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, flags)
}

// First words of an introduction that describe someone rather than name them ("YOUNG SECRETARY").
const DESCRIBING = new Set(
  (
    'YOUNG OLD OLDER ELDERLY LITTLE BIG TALL SHORT FAT THIN SKINNY LARGE SMALL HEAVY-SET BURLY ' +
    'MIDDLE-AGED FEMALE MALE BEAUTIFUL PRETTY HANDSOME UGLY FIRST SECOND THIRD FOURTH FIFTH ' +
    'ANOTHER OTHER TWO THREE FOUR SEVERAL FEW NEW HEAD ARMED UNIFORMED MASKED DEAD'
  ).split(' ')
)

// Titles: "CAPTAIN GALGENSTEIN" is cued as GALGENSTEIN or in full, not as CAPTAIN.
const TITLES = new Set(
  (
    'MR MRS MS MISS DR DOCTOR CAPTAIN CAPT LIEUTENANT LT SERGEANT SGT OFFICER AGENT DETECTIVE ' +
    'DET PROFESSOR PROF FATHER SISTER BROTHER AUNT UNCLE GENERAL COLONEL MAJOR PRIVATE CORPORAL ' +
    'ADMIRAL COMMANDER ENSIGN KING QUEEN PRINCE PRINCESS LORD LADY SIR JUDGE DEPUTY SHERIFF ' +
    'NURSE COACH CHIEF REV REVEREND SENATOR PRESIDENT GOVERNOR MAYOR WARRANT TROOPER'
  ).split(' ')
)

// One to three capitalised words (not all capitals) after a lower-case word or a comma: in the
// middle of a sentence, where a capital marks a name.
const MID_SENTENCE_CAPITALISED =
  /(?<=[a-z,;]\s+)([A-Z][a-z]+(?:'s)?(?:\s+[A-Z][a-z]+(?:'s)?){0,2})(?![\p{L}'])/gu

// Capitalised words that are no one even in mid-sentence.
const NOT_PEOPLE = new Set([
  'I',
  'GOD',
  'CHRISTMAS',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
  'MR',
  'MRS',
  'MS',
  'DR'
])

// "the Editor's" → EDITOR.
function namedInPassing(words: string): string | null {
  const name = words.replace(/'s\b/g, '').toUpperCase()
  if (name.split(/\s+/).every((word) => NOT_PEOPLE.has(word) || NOT_NAMES.has(word))) return null
  return name.length >= 3 ? name : null
}

// A run of capitals read as a character's introduction: not a sound ("BANG!"), not made only of
// camera, time or filler words, and with at least three letters. A name of several words is also
// read as its last and first words: "JACK STEVENS" is cued as STEVENS or JACK, "SAM'S MOTHER"
// as MOTHER.
function introducedNames(run: string, after: string): string[] {
  if (/^\s*!/.test(after)) return []
  const words = run.split(/\s+/).map((word) => word.replace(/[.'-]+$/, ''))
  if (words.every((word) => NOT_NAMES.has(word))) return []
  // "THE FEMALE COP" is cued as FEMALE COP; "WITH STRICKLAND" as STRICKLAND.
  while (words.length > 1 && NOT_NAMES.has(words[0])) words.shift()
  // "MATT'S POV", "SUB-WARP EFFECT": a thing, not a person. "QUIVERING", "STILL MOVING": an
  // action or a sound.
  const last = words[words.length - 1]
  if (NOT_NAMES.has(last) || (last.length >= 5 && last.endsWith('ING'))) return []
  const names = [words.join(' ')]
  if (words.length > 1) names.push(words[words.length - 1])
  if (words.length > 1 && !DESCRIBING.has(words[0]) && !TITLES.has(words[0])) {
    names.push(words[0].replace(/'S$/, ''))
  }
  return names.filter(
    (name, index) =>
      name.replace(/[^A-Z]/g, '').length >= 3 &&
      !NOT_NAMES.has(name) &&
      names.indexOf(name) === index
  )
}
