/// Cursor → model request: what to ask the model for at a cursor in a Fountain script, and the
/// prompt that asks it. The prompt is the script before the cursor in the model's compact format
/// (shared/models/screenplay-gpt2-30m/README.md), trimmed to a character budget at unit boundaries.
///
/// Trimming rule (units are headings, action paragraphs, transitions and whole dialogue blocks; a
/// cue is never cut from its speech):
/// 1. Always kept: the element or dialogue block the cursor is in (as far as the cursor), and the
///    current scene's heading. Only these two may push the prompt over the budget.
/// 2. Then, while the budget allows, for each speaker of the current scene before the cursor (most
///    recent first), that speaker's latest dialogue block in the scene, so the model sees the
///    scene's cast speak (no cast list line is ever added).
/// 3. Then the units right before the cursor, newest first, as long as each next one fits; the
///    first that does not fit ends the context (whole units are dropped from the start).
/// Units are written in script order. When nothing was dropped, the prompt starts with
/// `<|endoftext|>`, which the model saw before the start of every script.
import type { NameChoices } from '../generation/name-constraint'
import type { ElementType, Screenplay, ScreenplayElement } from '../fountain/elements'
import { elementAt, isPossibleCue, lastStartingAtOrBefore } from '../fountain/element-at'
import { parseFountain } from '../fountain/parse-fountain'
import { sceneAt } from '../fountain/screenplay-queries'
import { sceneMentions, type SceneMentions } from './scene-mentions'
import type { StopAt } from '../generation/config'
import {
  compactText,
  continuesBlock,
  isBlockPart,
  partialText,
  unitsOf,
  type ContextUnit
} from './context-units'

export type ContinuationMode = 'continue-element' | 'continue-scene'

/// What a continuation is expected to be: the element type it continues or starts, or the rest of
/// a character name being typed on a cue line.
export type ContinuationExpectation = ElementType | 'character-name'

export interface ContinuationOptions {
  /// Most characters of context in the prompt (the kept heading and current block may exceed it).
  maxPromptChars: number
  mode: 'continue-element' | 'continue-scene'
  /// Overrides the token budget chosen for the expected element.
  maxNewTokens?: number
  /// The model's usable window in tokens (prompt + output). When given, the character budget
  /// shrinks to what fits beside the output, so the inference host never has to cut the prompt
  /// (and with it the scene heading and cast this builder keeps).
  windowTokens?: number
}

export interface ContinuationRequest {
  /// Compact Fountain text ending exactly where the generated text goes.
  prompt: string
  stopAt: StopAt
  stopStrings: string[]
  maxNewTokens: number
  expect: ContinuationExpectation
  /// Who speaks when the cursor is in or right after a dialogue block.
  speaker?: string
  /// Character names to prefer: the current scene's speakers (before the cursor most recent first,
  /// then those after it), then the rest of the script's speakers, most recent first.
  cast: string[]
  /// How many of `cast`, from the start, speak in the current scene.
  sceneCastCount: number
  /// For a cue being typed: who the scene mentions before the cursor (see scene-mentions.ts).
  sceneMentions?: SceneMentions
  /// Continuing a scene that has its heading: the continuation must not open a new scene (pass it
  /// on as the generation's `continuesScene`).
  continuesScene: boolean
  /// The current element's text before the cursor, as typed (one line, trailing space kept): pass
  /// it to `normaliseContinuation` as `prefix`.
  linePrefix: string
}

/// Characters per token of compact screenplay text, on the low side: the 5th percentile of
/// 1,500-character windows of 10 validation scripts (median 3.56, 5th percentile 2.98).
const CHARS_PER_TOKEN = 3

/// The marker the model saw between scripts (GPT-2's `<|endoftext|>`).
export const START_OF_SCRIPT = '<|endoftext|>'

const TOKENS: Record<ContinuationExpectation | 'scene', number> = {
  'character-name': 12,
  character: 12,
  'scene-heading': 24,
  transition: 12,
  centered: 24,
  parenthetical: 16,
  dialogue: 80,
  lyrics: 48,
  action: 80,
  scene: 256,
  'page-break': 1,
  section: 1,
  synopsis: 1,
  note: 1,
  boneyard: 1
}

const notForTheModel = new Set(['note', 'boneyard', 'section', 'synopsis', 'page-break'])

interface Target {
  expect: ContinuationExpectation
  speaker?: string
  /// Index of the first element of the current unit (or of the first element after the context).
  start: number
  /// The current unit's compact text up to the cursor, or null at a fresh block.
  current: string | null
  linePrefix: string
  /// Index of the element the cursor is in, if any (left out of the cast).
  inside: number
}

/// Builds the request for a continuation at `cursor` in Fountain `source`. Throws a RangeError
/// when the cursor is outside the text or in something the model does not write (title page,
/// notes, boneyard, sections, synopses).
export function buildContinuationRequest(
  source: string,
  cursor: number,
  options: ContinuationOptions
): ContinuationRequest {
  if (!Number.isInteger(cursor) || cursor < 0 || cursor > source.length) {
    throw new RangeError(`The cursor ${cursor} is outside the text (0 to ${source.length}).`)
  }
  if (!(options.maxPromptChars > 0)) {
    throw new RangeError('maxPromptChars must be a positive number of characters.')
  }
  const screenplay = parseFountain(source)
  const target = targetAt(screenplay, source, cursor)
  const units = unitsOf(screenplay.elements, target.start)
  const scene = sceneAt(screenplay, Math.min(cursor, source.length))
  const sceneStart = scene && scene.index < target.start ? scene.index : -1
  const wholeScene = options.mode === 'continue-scene'
  const maxNewTokens = options.maxNewTokens ?? TOKENS[wholeScene ? 'scene' : target.expect]
  const budget =
    options.windowTokens === undefined
      ? options.maxPromptChars
      : Math.min(
          options.maxPromptChars,
          Math.max(1, options.windowTokens - maxNewTokens) * CHARS_PER_TOKEN
        )
  const chosen = chooseUnits(units, target, sceneStart, budget)
  const texts = chosen.map((unit) => unit.text)
  if (target.current !== null) texts.push(target.current)
  let prompt = texts.join('\n\n')
  if (target.current === null && texts.length > 0) prompt += '\n\n'
  if (chosen.length === units.length) prompt = START_OF_SCRIPT + prompt

  const stops = stopsFor(target, wholeScene)
  const cast = castAround(screenplay, target.inside, cursor, scene?.index ?? 0)
  return {
    prompt,
    ...stops,
    maxNewTokens,
    expect: target.expect,
    ...(target.speaker ? { speaker: target.speaker } : {}),
    ...cast,
    ...(target.expect === 'character-name'
      ? { sceneMentions: sceneMentions(screenplay, scene?.index ?? 0, cursor, cast.cast) }
      : {}),
    linePrefix: target.linePrefix,
    continuesScene: wholeScene && scene !== undefined
  }
}

function stopsFor(target: Target, scene: boolean): { stopAt: StopAt; stopStrings: string[] } {
  if (scene) return { stopAt: 'scene', stopStrings: [] }
  switch (target.expect) {
    case 'dialogue':
    case 'lyrics':
      // A speech may go on with a parenthetical and more speech; the block's blank line ends it.
      return { stopAt: 'element', stopStrings: [] }
    case 'action':
      // Compact action is one paragraph per line; a fresh block may also be a cue + speech.
      return target.current === null
        ? { stopAt: 'element', stopStrings: [] }
        : { stopAt: 'element', stopStrings: ['\n'] }
    default:
      return { stopAt: 'none', stopStrings: ['\n'] }
  }
}

// What the cursor asks for, and where the context before it ends.
function targetAt(screenplay: Screenplay, source: string, cursor: number): Target {
  const context = elementAt(screenplay, cursor, source)
  const { elements } = screenplay
  if (context.type === 'title-page') {
    throw new RangeError(
      'The cursor is in the title page; put it in the script body to continue the script.'
    )
  }
  const element = context.element
  if (!element) {
    const before = lastStartingAtOrBefore(elements, cursor)
    if (context.type === 'dialogue' && before >= 0) {
      // On the line after a cue, a parenthetical or speech: the block so far, then a new line.
      const cue = blockStart(elements, before)
      const block = compactText(elements.slice(cue, before + 1))
      return {
        expect: 'dialogue',
        speaker: context.speaker,
        start: cue,
        current: `${block}\n`,
        linePrefix: '',
        inside: -1
      }
    }
    return { expect: 'action', start: before + 1, current: null, linePrefix: '', inside: -1 }
  }
  if (notForTheModel.has(element.type)) {
    throw new RangeError(
      `The cursor is in a ${element.type}, which the model does not write; move it into the script.`
    )
  }
  const index = context.index
  const typed = partialText(element, source, cursor)
  const line = typed.trimEnd()
  if (element.type === 'character' || isPossibleCue(element)) {
    return {
      expect: 'character-name',
      start: index,
      current: line,
      linePrefix: typed,
      inside: index
    }
  }
  if (isBlockPart(element) && context.speaker) {
    const cue = blockStart(elements, index)
    const head = compactText(elements.slice(cue, index))
    return {
      expect: element.type,
      speaker: context.speaker,
      start: cue,
      current: head ? `${head}\n${line}` : line,
      linePrefix: typed,
      inside: index
    }
  }
  return { expect: element.type, start: index, current: line, linePrefix: typed, inside: index }
}

// Index of the cue that opens the dialogue block holding element `index`.
function blockStart(elements: readonly ScreenplayElement[], index: number): number {
  let at = index
  while (at > 0 && continuesBlock(elements[at - 1], elements[at])) at--
  return at
}

function chooseUnits(
  units: readonly ContextUnit[],
  target: Target,
  sceneStart: number,
  budget: number
): ContextUnit[] {
  const keep = new Set<number>()
  const cost = (unit: ContextUnit): number => unit.text.length + 2
  let left = budget - (target.current === null ? 2 : target.current.length)
  const headingAt = units.findIndex((unit) => unit.first === sceneStart)
  if (headingAt >= 0) {
    keep.add(headingAt)
    left -= cost(units[headingAt])
  }
  // 2. the scene's speakers, each by their latest block in the scene
  if (headingAt >= 0) {
    const seen = new Set<string>(target.speaker ? [target.speaker] : [])
    for (let at = units.length - 1; at > headingAt; at--) {
      const speaker = units[at].speaker
      if (!speaker || seen.has(speaker)) continue
      seen.add(speaker)
      if (cost(units[at]) <= left) {
        keep.add(at)
        left -= cost(units[at])
      }
    }
  }
  // 3. the units right before the cursor, newest first, until one does not fit
  for (let at = units.length - 1; at >= 0; at--) {
    if (keep.has(at)) continue
    if (cost(units[at]) > left) break
    keep.add(at)
    left -= cost(units[at])
  }
  return units.filter((_, at) => keep.has(at))
}

// The scene's speakers (before the cursor most recent first, then after it), then everyone else
// who speaks in the script, most recent first; the cue being typed is left out.
function castAround(
  screenplay: Screenplay,
  inside: number,
  cursor: number,
  sceneIndex: number
): { cast: string[]; sceneCastCount: number } {
  const { elements } = screenplay
  const names: string[] = []
  const add = (index: number): void => {
    const element = elements[index]
    if (index === inside || element.type !== 'character') return
    if (element.name && !names.includes(element.name)) names.push(element.name)
  }
  const before = lastStartingAtOrBefore(elements, cursor)
  let sceneEnd = elements.length
  for (let at = before + 1; at < elements.length; at++) {
    if (elements[at].type === 'scene-heading') {
      sceneEnd = at
      break
    }
  }
  for (let at = before; at >= sceneIndex; at--) add(at)
  for (let at = Math.max(before + 1, 0); at < sceneEnd; at++) add(at)
  const sceneCastCount = names.length
  for (let at = sceneIndex - 1; at >= 0; at--) add(at)
  for (let at = sceneEnd; at < elements.length; at++) add(at)
  return { cast: names, sceneCastCount }
}

/// For a cue being written: the names the model's cue is steered to (constrained decoding, see
/// shared/generation/name-constraint.ts) that fit the letters typed so far, the first of these
/// that has any:
/// 1. the scene's speakers;
/// 2. the script's speakers that the scene names ("Morning, Lois."): someone about to speak for
///    the first time in a scene is usually named first;
/// 3. names the scene's action introduces in capitals, as a script introduces a character on
///    their first appearance ("his SECRETARY, LOIS, waits");
/// 4. capitalised words the scene uses mid-sentence ("the Editor"), together with the nearest of
///    the script's speakers (the cast is in order of distance from the cursor): such words are
///    not always people (a place, a brand), so the model's odds choose among them;
/// 5. the whole cast.
/// Measured over 10 seeds of tests/benchmarks/ai-quality.ts, putting introductions in a tier of
/// their own (rather than beside the nearest speakers) moved more cues into the scene's cast.
/// Null for every other request. Typing past every name leaves the model free to propose someone
/// new.
export function nameChoicesFor(
  request: Pick<
    ContinuationRequest,
    'expect' | 'cast' | 'sceneCastCount' | 'linePrefix' | 'sceneMentions'
  >
): NameChoices | null {
  if (request.expect !== 'character-name') return null
  const { speakers, introduced, named } = request.sceneMentions ?? NO_MENTIONS
  if (request.cast.length === 0 && introduced.length === 0 && named.length === 0) return null
  const typed = request.linePrefix.trim().toUpperCase()
  // A capitals line this long is action being written, and no name fits it.
  if (typed.length > LONGEST_NAME) return null
  const fit = (names: readonly string[]) => names.filter((name) => name.startsWith(typed))
  const tiers = [
    fit(request.cast.slice(0, request.sceneCastCount)),
    fit(speakers),
    fit(introduced),
    [...fit(named), ...fit(request.cast).slice(0, NEAREST_NAMES)]
  ]
  const names = tiers.find((tier) => tier.length > 0) ?? request.cast
  return { typed: request.linePrefix, names }
}

/// The names a continuation may use as they are: the cast, then the names the scene's action
/// introduces (the output normaliser snaps any other proposed cue to one of these).
export function knownNames(request: Pick<ContinuationRequest, 'cast' | 'sceneMentions'>): string[] {
  const { introduced, named } = request.sceneMentions ?? NO_MENTIONS
  return introduced.length + named.length > 0
    ? [...request.cast, ...introduced, ...named]
    : request.cast
}

const NO_MENTIONS: SceneMentions = { speakers: [], introduced: [], named: [] }

// Longer than any cue a writer types (and than the generation settings accept).
const LONGEST_NAME = 100

// How many of the script's speakers a cue is steered to when none of the scene's fits. Measured
// on 20 seeds of ai-quality's cue points: the nearest one alone put 95.2% of the names in the
// scene's cast (1247/1310), the nearest two (the model choosing) 94.4% (1237/1310); the nearest
// is the scene's speaker in 72% of such cues, the second in 8%.
const NEAREST_NAMES = 1
