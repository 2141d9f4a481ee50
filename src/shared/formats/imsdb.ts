/// IMSDb-style indented plain text → screenplay elements. Each transcript keeps its typist's
/// columns, so the bands (action, dialogue, cue) are detected per script; page furniture, scene
/// numbers and CONT'D are dropped; hard-wrapped lines are joined into paragraphs.
import type { Screenplay, ScreenplayElement } from '../fountain/elements'
import {
  indentOf,
  isCapitals,
  isFurniture,
  isTransition,
  parseCue,
  sceneHeading
} from './imsdb-lines'

interface Line {
  raw: string
  trimmed: string
  indent: number
  /// Offset of the line's first character in the source.
  offset: number
  /// Offsets of the first non-space character and of the line end in the source (tabs unexpanded).
  textFrom: number
  textTo: number
}

/// The columns of one script (characters from the left edge).
export interface ImsdbBands {
  action: number
  /// Most common cue column, or null when the script is flat (no indented dialogue).
  cue: number | null
  dialogue: number | null
  /// True when cues and dialogue sit at the action column (a flat transcript).
  flat: boolean
  /// True when a blank line separates each cue from its speech (cues indented, speech not).
  gapped: boolean
}

function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let offset = 0
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const expanded = raw.includes('\t') ? raw.replace(/\t/g, '        ') : raw
    const trimmed = expanded.trim()
    const textFrom = offset + (raw.length - raw.trimStart().length)
    const textTo = offset + raw.trimEnd().length
    lines.push({ raw: expanded, trimmed, indent: indentOf(expanded), offset, textFrom, textTo })
    offset += raw.length + 1
  }
  return lines
}

function mode(values: number[]): number | null {
  const counts = new Map<number, number>()
  let best: number | null = null
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1
    counts.set(value, count)
    if (best === null || count > (counts.get(best) ?? 0)) best = value
  }
  return best
}

function looksLikeCue(line: Line, next: Line | undefined): boolean {
  if (!next || next.trimmed === '' || isFurniture(next.trimmed)) return false
  const text = line.trimmed
  if (text.length > 45 || !isCapitals(text) || text.startsWith('(')) return false
  if (/[:;,!?]$/.test(text) || /^[^A-Za-z]*$/.test(text.replace(/\([^)]*\)?/g, ''))) return false
  if (isFurniture(text) || isTransition(text) || sceneHeading(text)) return false
  return !sceneHeading(next.trimmed)
}

/// Finds the action, cue and dialogue columns of a script's text.
export function detectImsdbBands(source: string): ImsdbBands {
  return detectBands(splitLines(source))
}

function detectBands(lines: Line[]): ImsdbBands {
  // Scene-numbered lines (`12   INT. ...`) sit left of the action column: leave them out.
  const content = lines.filter(
    (line) =>
      line.trimmed !== '' && !isFurniture(line.trimmed) && !/^\d+[A-Z]?\.?\s/.test(line.trimmed)
  )
  const counts = new Map<number, number>()
  for (const line of content) counts.set(line.indent, (counts.get(line.indent) ?? 0) + 1)
  const threshold = Math.max(2, content.length * 0.03)
  const indents = [...counts.keys()].sort((a, b) => a - b)
  const action = indents.find((indent) => (counts.get(indent) ?? 0) >= threshold) ?? indents[0] ?? 0
  const cueIndents: number[] = []
  const dialogueIndents: number[] = []
  lines.forEach((line, index) => {
    const next = lines[index + 1]
    if (line.indent >= action + 6 && looksLikeCue(line, next) && next.indent < line.indent) {
      cueIndents.push(line.indent)
      if (!next.trimmed.startsWith('(')) dialogueIndents.push(next.indent)
    }
  })
  // Cues followed by a blank line and then text (one transcript style puts speech at column 0).
  const gappedIndents: number[] = []
  lines.forEach((line, index) => {
    const after = lines[index + 2]
    if (line.indent >= action + 10 && lines[index + 1]?.trimmed === '' && after?.trimmed) {
      if (looksLikeCue(line, after) && after.indent < line.indent) gappedIndents.push(line.indent)
    }
  })
  const gapped = gappedIndents.length >= 20 && gappedIndents.length >= 3 * cueIndents.length
  const cue = gapped ? mode(gappedIndents) : cueIndents.length >= 3 ? mode(cueIndents) : null
  const dialogue = cue === null ? null : gapped ? action : mode(dialogueIndents)
  return { action, cue, dialogue, flat: cue === null, gapped }
}

type Draft = Omit<ScreenplayElement, 'from' | 'to'> & Record<string, unknown>

/// How `imsdbToScreenplay` writes the text of an element.
export interface ImsdbReadOptions {
  /// Keep each line as typed (spacing inside it, `some-` at a line end) and join a paragraph's
  /// hard-wrapped lines with one space: the conversion of the model README
  /// (shared/models/screenplay-gpt2-30m/README.md), which evaluation must reproduce. Off (the
  /// editor's import): runs of spaces become one and a word split by a hyphen is rejoined.
  asWritten?: boolean
}

// Joins hard-wrapped lines: a line ending in a hyphenated word part joins without a space.
function joinLines(parts: string[], asWritten: boolean): string {
  if (asWritten) return parts.join(' ')
  let text = ''
  for (const part of parts) {
    const clean = part.replace(/\s{2,}/g, ' ')
    if (text === '') text = clean
    else if (/[A-Za-z]-$/.test(text) && !/--$/.test(text)) text += clean
    else text += ` ${clean}`
  }
  return text
}

/// Parses IMSDb-style indented text into elements (no title page: front matter becomes action).
export function imsdbToScreenplay(source: string, options: ImsdbReadOptions = {}): Screenplay {
  const asWritten = options.asWritten ?? false
  const lines = splitLines(source)
  const bands = detectBands(lines)
  const elements: ScreenplayElement[] = []
  let open: { draft: Draft; parts: string[]; from: number; to: number } | null = null
  let inBlock = false
  let parenthesisOpen = false

  const close = (): void => {
    if (!open) return
    elements.push({
      ...open.draft,
      text: joinLines(open.parts, asWritten),
      from: open.from,
      to: open.to
    } as ScreenplayElement)
    open = null
  }
  const start = (draft: Draft, line: Line, text: string): void => {
    close()
    open = {
      draft,
      parts: [text],
      from: line.textFrom,
      to: line.textTo
    }
  }
  const extend = (line: Line, text: string): void => {
    open!.parts.push(text)
    open!.to = line.textTo
  }
  // When speech shares the action column, a dialogue block runs to the next blank line.
  const distinct = bands.dialogue !== null && bands.dialogue > bands.action + 2
  const dialogueFloor = distinct ? bands.action + 2 : -1

  const nextText = (index: number): string => {
    for (let next = index + 1; next < lines.length; next += 1) {
      if (lines[next].trimmed !== '') return lines[next].trimmed
    }
    return ''
  }

  lines.forEach((line, index) => {
    const text = line.trimmed
    if (text === '') {
      const type = open?.draft.type ?? elements[elements.length - 1]?.type
      close()
      // Gapped layout: the block goes on after a blank line below the cue or a parenthetical, and
      // when the next paragraph is a parenthetical.
      const keep =
        bands.gapped &&
        inBlock &&
        (type === 'character' || type === 'parenthetical' || nextText(index).startsWith('('))
      if (!keep) {
        inBlock = false
        parenthesisOpen = false
      }
      return
    }
    if (isFurniture(text)) return
    if (inBlock && line.indent > dialogueFloor) {
      if (parenthesisOpen && open?.draft.type === 'parenthetical') {
        extend(line, text)
        parenthesisOpen = !text.includes(')')
        return
      }
      if (text.startsWith('(')) {
        const closing = text.indexOf(')')
        const after = closing >= 0 ? text.slice(closing + 1).trim() : ''
        start({ type: 'parenthetical', text: '' }, line, after ? text.slice(0, closing + 1) : text)
        parenthesisOpen = closing < 0
        if (after) start({ type: 'dialogue', text: '' }, line, after)
        return
      }
      const next = lines[index + 1]
      if (!bands.flat && line.indent >= (bands.dialogue ?? 0) + 3 && looksLikeCue(line, next)) {
        const cue = parseCue(text)
        start(
          { type: 'character', text: cue.text, name: cue.name, extensions: cue.extensions },
          line,
          cue.text
        )
        close()
        return
      }
      if (open?.draft.type === 'dialogue') extend(line, text)
      else start({ type: 'dialogue', text: '' }, line, text)
      return
    }
    inBlock = false
    parenthesisOpen = false
    const heading = sceneHeading(text, { keepSpacing: asWritten })
    if (heading && (bands.cue === null || line.indent < bands.cue - 2)) {
      const draft: Draft = { type: 'scene-heading', text: heading.text }
      if (heading.sceneNumber) draft.sceneNumber = heading.sceneNumber
      start(draft, line, heading.text)
      close()
      return
    }
    const next = lines[index + 1]
    const rightColumn = bands.cue !== null && line.indent >= bands.cue + 10
    if (isTransition(text) || (rightColumn && isCapitals(text) && /:$/.test(text))) {
      start({ type: 'transition', text: '' }, line, text)
      close()
      return
    }
    const indented = bands.flat || bands.gapped || line.indent >= bands.action + 6
    const below = bands.gapped && next?.trimmed === '' ? lines[index + 2] : next
    const cueLike =
      indented &&
      looksLikeCue(line, below) &&
      (bands.flat || bands.gapped || below.indent < line.indent || below.trimmed.startsWith('('))
    if (cueLike) {
      const cue = parseCue(text)
      start(
        { type: 'character', text: cue.text, name: cue.name, extensions: cue.extensions },
        line,
        cue.text
      )
      close()
      inBlock = true
      return
    }
    if (open?.draft.type === 'action') extend(line, text)
    else start({ type: 'action', text: '' }, line, text)
  })
  close()
  return { titlePage: [], elements }
}
