/// Model output → text fit to insert at the cursor. The generated text is read as a continuation of
/// the context (text after a cue is dialogue, text after half a line finishes that line), cleaned
/// of page furniture, given capitals where Fountain needs them, and cut back to whole elements.
///
/// Unfinished-tail rule (unless `keepUnfinished`), applied to the last element until it holds:
/// - a cue (or a lone capitals line that reads as one) with no speech after it is dropped;
/// - a parenthetical that never closes is dropped;
/// - a scene heading with nothing after it is dropped, unless completing a heading was asked;
/// - action, dialogue or lyrics whose last character does not end a sentence (. ! ? … ' " ) ] :
///   ; - — or a closing quote) is cut after its last sentence end; with none in the generated
///   part, the element's generated part is dropped.
/// A character name (expect 'character-name') is never dropped, but a proposed "name" that reads
/// as a sentence (more than four words, or ending in . ! ? , ; :) and matches no cast name is
/// replaced by what was typed.
import type { CharacterCue, ScreenplayElement } from '../fountain/elements'
import { isPossibleCue } from '../fountain/element-at'
import { splitCue } from '../fountain/line-patterns'
import { parseFountainRange } from '../fountain/parse-fountain'
import type { ContinuationExpectation } from './context-builder'
import { isFurnitureLine, withoutContinued, withoutSceneNumbers } from './page-furniture'

export interface NormaliseContext {
  expect: ContinuationExpectation
  /// Names the scene knows (the request's `cast`): a proposed cue snaps to one of them.
  cast: readonly string[]
  /// Keep a half-finished last element (for streaming previews).
  keepUnfinished?: boolean
  /// The current element's text before the cursor (the request's `linePrefix`); '' or absent
  /// when the continuation starts on a new line.
  prefix?: string
  /// Who speaks (the request's `speaker`), for reading a continuation inside a dialogue block.
  speaker?: string
}

export interface NormalisedContinuation {
  /// The text to insert at the cursor.
  text: string
  /// The elements the continuation writes or completes, as they read once laid out after the
  /// context; offsets are into `prefix + text` (the first may begin in the prefix).
  elements: ScreenplayElement[]
  /// What was removed, one entry each: 'furniture: (MORE)', 'scene number: 12', 'unfinished: …',
  /// 'extra line: …'.
  dropped: string[]
  /// A proposed character name that is in no cast name's prefix range and was kept as the model
  /// wrote it.
  offCast?: string
  /// A proposed character name replaced by the cast name it is a prefix match of.
  replaced?: { from: string; to: string }
}

const inBlock = new Set<string>(['dialogue', 'parenthetical', 'lyrics'])
const sentenceEnd = /(?:[.!?…:;)\]'"”’—-]|--)$/
const lastSentenceEnd = /[.!?…]+["'”’)]*(?=\s|$)/g

/// Normalises generated `text` for insertion after the context described by `context`.
export function normaliseContinuation(
  text: string,
  context: NormaliseContext
): NormalisedContinuation {
  const prefix = context.prefix ?? ''
  const dropped: string[] = []
  if (context.expect === 'character-name') return characterName(text, prefix, context, dropped)
  const continuesLine = prefix.trim() !== ''
  const block = inBlock.has(context.expect)
  const lines = cleanLines(text.replace(/\r/g, ''), continuesLine, dropped)
  // A fresh block's leading blank lines are layout the cursor already has; inside a block one
  // blank line says the model closed the block at once, and stays.
  if (!continuesLine && !block) while (lines.length > 0 && lines[0] === '') lines.shift()
  let body = lines.join('\n')
  if (/\s$/.test(prefix)) body = body.replace(/^[ \t]+/, '')
  const lead = block ? `@${context.speaker ?? 'SPEAKER'}\n` : ''
  const typed = prefix.replace(/^\s+/, '')
  let laid = lead + typed + body
  let elements = elementsOf(laid, lead)
  laid = capitalise(laid, elements)
  if (!context.keepUnfinished) {
    const start = lead.length + typed.length
    for (let round = 0; round < 8; round++) {
      const cut = unfinishedCut(laid, elements, start, context.expect, dropped)
      if (cut === null) break
      laid = laid.slice(0, cut).replace(/\s+$/, '')
      if (laid.length < start) laid = laid.slice(0, start)
      elements = elementsOf(laid, lead)
    }
  }
  const out = laid.slice(lead.length + typed.length).replace(/\s+$/, '')
  elements = elementsOf(lead + typed + out, lead).map((element) => shift(element, -lead.length))
  return { text: out, elements, dropped }
}

// Lines with furniture removed, scene numbers and (CONT'D) stripped, blank runs collapsed. When
// the text continues the cursor's line, its first line is the rest of that line, not a line of its
// own: empty, it is no blank line (after "No sir." the model's "\n\nDICK STEEL" keeps its blank
// line, without which the cue would read as more of the speech).
function cleanLines(text: string, continuesLine: boolean, dropped: string[]): string[] {
  const kept: string[] = []
  const blankBefore = (): boolean =>
    kept.length > (continuesLine ? 1 : 0) && kept[kept.length - 1].trim() === ''
  text.split('\n').forEach((raw, index) => {
    if (index === 0 && continuesLine) {
      kept.push(raw.trimEnd())
      return
    }
    const trimmed = raw.trim()
    if (isFurnitureLine(trimmed)) {
      dropped.push(`furniture: ${trimmed}`)
      return
    }
    let line = raw.trimEnd()
    const cue = withoutContinued(line)
    cue.removed.forEach((item) => dropped.push(`furniture: ${item}`))
    const heading = withoutSceneNumbers(cue.line)
    heading.removed.forEach((item) => dropped.push(`scene number: ${item}`))
    line = heading.removed.length > 0 ? heading.line : cue.line.trimEnd()
    if (line.trim() === '' && blankBefore()) return
    kept.push(line.trim() === '' ? '' : line)
  })
  return kept
}

// The elements of `laid` after the lead-in cue.
function elementsOf(laid: string, lead: string): ScreenplayElement[] {
  const { elements } = parseFountainRange(laid, 0, laid.length, false)
  return lead ? elements.slice(1) : elements
}

function shift(element: ScreenplayElement, by: number): ScreenplayElement {
  return { ...element, from: element.from + by, to: element.to + by }
}

// Scene headings and cue lines in capitals (same length, so offsets hold).
function capitalise(laid: string, elements: readonly ScreenplayElement[]): string {
  let out = laid
  for (const element of elements) {
    if (element.type !== 'scene-heading' && element.type !== 'character') continue
    const line = out.slice(element.from, element.to)
    const upper = line.toUpperCase()
    if (upper.length === line.length && upper !== line) {
      out = out.slice(0, element.from) + upper + out.slice(element.to)
    }
  }
  return out
}

// Where to cut `laid` so its last element is whole, or null when it already is.
function unfinishedCut(
  laid: string,
  elements: readonly ScreenplayElement[],
  start: number,
  expect: ContinuationExpectation,
  dropped: string[]
): number | null {
  const last = elements[elements.length - 1]
  if (!last || last.to <= start) return null
  const drop = (): number => {
    const from = Math.max(last.from, start)
    dropped.push(`unfinished: ${laid.slice(from, last.to).trim()}`)
    return from
  }
  const lone = last.type === 'character' || (isPossibleCue(last) && last.from >= start)
  if (lone) return drop()
  if (last.type === 'scene-heading') {
    return elements.length === 1 && expect === 'scene-heading' ? null : drop()
  }
  if (last.type === 'dialogue' && last.text.startsWith('(') && !last.text.includes(')')) {
    return drop()
  }
  if (last.type === 'parenthetical') {
    // Whole, but one that ends a block leaves its speech unsaid.
    return elements.length === 1 && expect === 'parenthetical' ? null : drop()
  }
  if (last.type !== 'action' && last.type !== 'dialogue' && last.type !== 'lyrics') return null
  const tail = laid.slice(0, last.to).trimEnd()
  if (sentenceEnd.test(tail)) return null
  const from = Math.max(last.from, start)
  let cut = -1
  for (const match of laid.slice(from, last.to).matchAll(lastSentenceEnd)) {
    cut = from + match.index + match[0].length
  }
  if (cut < 0) return drop()
  dropped.push(`unfinished: ${laid.slice(cut, last.to).trim()}`)
  return cut
}

// Names are short and end in a letter or digit (`DR. MOSS` is fine, `HE RUNS.` is not).
function looksLikeName(name: string): boolean {
  return name.split(' ').length <= 4 && !/[.!?,;:]$/.test(name)
}

// An extension is a few words without digits or commas: V.O., O.S., CONT'D, ON PHONE, INTO RADIO.
function isCueExtension(extension: string): boolean {
  return extension.length > 0 && !/[0-9,;]/.test(extension) && extension.split(' ').length <= 3
}

// A cue being typed: prefix + first generated line, in capitals, without (CONT'D), snapped to
// the cast when a cast name is a prefix match (see NormalisedContinuation.replaced).
function characterName(
  text: string,
  prefix: string,
  context: NormaliseContext,
  dropped: string[]
): NormalisedContinuation {
  const [first, ...rest] = text.replace(/\r/g, '').split('\n')
  const extra = rest.join('\n').trim()
  if (extra) dropped.push(`extra line: ${extra}`)
  const typed = prefix.replace(/^\s+/, '')
  let line = (typed + (/\s$/.test(typed) ? first.replace(/^\s+/, '') : first)).replace(/\s+/g, ' ')
  const stripped = withoutContinued(line.toUpperCase())
  stripped.removed.forEach((item) => dropped.push(`furniture: ${item}`))
  line = stripped.removed.length > 0 ? stripped.line : line
  line = line.trim().toUpperCase()
  const cue = splitCue(line)
  // A note copied from the character's introduction, "(60S, HARBOUR MASTER)", is no extension
  // such as (V.O.) or (ON PHONE). Only the model's: what the writer typed stays.
  if (!typed.includes('(')) {
    cue.extensions = cue.extensions.filter((extension) => {
      const keep = isCueExtension(extension)
      if (!keep) dropped.push(`not a cue extension: (${extension})`)
      return keep
    })
  }
  const extensions = cue.extensions.map((extension) => ` (${extension})`).join('')
  let name = cue.name
  let replaced: NormalisedContinuation['replaced']
  let offCast: string | undefined
  const typedName = splitCue(typed.toUpperCase()).name
  if (name && !context.cast.includes(name)) {
    const match =
      context.cast.find((candidate) => candidate.startsWith(name)) ??
      (typedName ? context.cast.find((candidate) => candidate.startsWith(typedName)) : undefined)
    if (match) {
      replaced = { from: name, to: match }
      name = match
    } else if (!looksLikeName(name)) {
      // A sentence in capitals is action the model started, not a name: keep only what was typed.
      dropped.push(`not a name: ${name}`)
      name = typedName
    } else {
      offCast = name
    }
  }
  const full = `${name}${extensions}`
  const typedLine = typed.trimEnd()
  let out = full.startsWith(typedLine.toUpperCase()) ? full.slice(typedLine.length) : full
  if (/\s$/.test(typed)) out = out.replace(/^\s+/, '')
  const cueElement: CharacterCue = {
    type: 'character',
    from: 0,
    to: typed.length + out.length,
    text: full,
    name,
    extensions: cue.extensions
  }
  return {
    text: out,
    elements: name ? [cueElement] : [],
    dropped,
    ...(offCast ? { offCast } : {}),
    ...(replaced ? { replaced } : {})
  }
}
