/// Line-level Fountain rules shared by the parser, the writer and the editor: what a single line
/// would be taken for, ignoring the lines around it except where a rule names them.

const sceneHeadingPrefix = /^(?:INT\.?\/EXT|EXT\.?\/INT|I\.?\/E|INT|EXT|EST)(?:\.|\s)/i
const sceneNumberSuffix = /\s*#([A-Za-z0-9.-]+)#\s*$/
const pageBreakLine = /^={3,}$/
const titleKeyLine = /^([A-Za-z][A-Za-z0-9 ]*?)\s*:(.*)$/

/// Keys accepted on the first line of a title page. Later keys may be anything, but requiring a
/// known first key keeps a script that opens with `FADE IN:` from becoming a title page.
const firstTitleKeys = new Set([
  'title',
  'credit',
  'author',
  'authors',
  'source',
  'notes',
  'draft date',
  'date',
  'contact',
  'copyright',
  'revision',
  'episode',
  'format'
])

/// True when a trimmed line starts with a scene-heading prefix (INT, EXT, EST, INT./EXT, I/E…)
/// followed by a dot or a space.
export function hasSceneHeadingPrefix(line: string): boolean {
  return sceneHeadingPrefix.test(line)
}

// What a scene heading starts with, in capitals, before its dot or space (sceneHeadingPrefix's
// alternatives, written out).
const sceneHeadingStarts = [
  'INT./EXT',
  'INT/EXT',
  'EXT./INT',
  'EXT/INT',
  'I./E',
  'I/E',
  'INT',
  'EXT',
  'EST'
]

/// True when a line begun with `start` (leading spaces and tabs ignored) could still become a
/// scene heading as more text is written: '', '.', 'I', 'IN', 'INT', 'ext/'…
export function couldStartSceneHeading(start: string): boolean {
  const line = start.replace(/^[ \t]+/, '').toUpperCase()
  if (line === '' || line === '.') return true
  return sceneHeadingStarts.some(
    (prefix) => line.length <= prefix.length && prefix.startsWith(line)
  )
}

/// True when generated text opens a scene heading on this (trimmed) line: a heading prefix, or a
/// heading forced by one leading '.' before a letter or digit ('...' and '."' are not).
export function opensSceneHeading(line: string): boolean {
  return hasSceneHeadingPrefix(line) || /^\.[A-Za-z0-9]/.test(line)
}

/// Splits a trailing scene number off a heading: `INT. HOUSE #12A#` → ['INT. HOUSE', '12A'].
export function splitSceneNumber(line: string): [string, string | undefined] {
  const match = sceneNumberSuffix.exec(line)
  if (!match) return [line, undefined]
  return [line.slice(0, match.index), match[1]]
}

/// True when a trimmed line is a forced scene heading: a leading `.` not followed by another dot.
export function isForcedSceneHeading(line: string): boolean {
  return line.length > 1 && line[0] === '.' && line[1] !== '.'
}

/// True when a trimmed line is a page break (`===` or longer).
export function isPageBreak(line: string): boolean {
  return pageBreakLine.test(line)
}

/// True when a trimmed line is `>text<`, a centered line.
export function isCentered(line: string): boolean {
  return line.length > 1 && line[0] === '>' && line[line.length - 1] === '<'
}

/// True when a trimmed line is a section (`#`) or a synopsis (`=` but not a page break).
export function isSectionOrSynopsis(line: string): boolean {
  return line[0] === '#' || (line[0] === '=' && !isPageBreak(line))
}

/// True when text has no lowercase letter and at least one uppercase one.
export function isAllCaps(text: string): boolean {
  return !/\p{Ll}/u.test(text) && /\p{Lu}/u.test(text)
}

/// True when a trimmed line ends in `TO:` and is all capitals: a transition once it stands alone.
export function isTransitionText(line: string): boolean {
  return line.endsWith('TO:') && isAllCaps(line)
}

/// The parts of a character cue: `JANE (V.O.) ^` → name 'JANE', extensions ['V.O.'], dual.
export interface CueParts {
  name: string
  extensions: string[]
  dual: boolean
}

/// Splits a cue (without `@`) into name, parenthesised extensions and the dual-dialogue caret.
export function splitCue(cue: string): CueParts {
  let text = cue.trim()
  const dual = text.endsWith('^')
  if (dual) text = text.slice(0, -1).trimEnd()
  const open = text.indexOf('(')
  const name = (open < 0 ? text : text.slice(0, open)).trim()
  const extensions: string[] = []
  if (open >= 0) {
    for (const match of text.slice(open).matchAll(/\(([^)]*)\)/g)) extensions.push(match[1].trim())
  }
  return { name, extensions, dual }
}

/// True when a trimmed line can be a character cue without `@`: its name (before any
/// parenthesised extension) is all capitals with a letter, nothing but extensions follow it (the
/// last may still be open while it is typed), and it is not a heading or transition. An action
/// line that opens with a name and a note, "DR. BECKER (50s, tired) and his staff convene.", is
/// no cue.
export function isCueText(line: string): boolean {
  if (line.length === 0 || hasSceneHeadingPrefix(line) || isTransitionText(line)) return false
  if ('.!@>~=#[/('.includes(line[0])) return false
  const { name } = splitCue(line)
  if (name.length === 0 || !isAllCaps(name)) return false
  const open = line.indexOf('(')
  return open < 0 || onlyExtensions.test(line.slice(open))
}

// Parenthesised groups, the last possibly unclosed, then an optional dual-dialogue caret.
const onlyExtensions = /^(?:\([^()]*\)\s*)*(?:\([^()]*)?\s*\^?$/

/// True when a trimmed line is a parenthetical: `(…)`.
export function isParentheticalText(line: string): boolean {
  return line.length > 1 && line[0] === '(' && line[line.length - 1] === ')'
}

/// Matches a title page `Key: value` line; `first` demands one of the usual first keys.
export function matchTitleKey(line: string, first: boolean): [string, string] | undefined {
  if (line.length === 0 || line[0] === ' ' || line[0] === '\t') return undefined
  const match = titleKeyLine.exec(line)
  if (!match) return undefined
  if (first && !firstTitleKeys.has(match[1].toLowerCase())) return undefined
  return [match[1], match[2]]
}

/// True when a raw line is blank for Fountain: empty or whitespace only.
export function isBlankLine(line: string): boolean {
  return line.trim().length === 0
}

/// True when a raw line holds the deliberate "two spaces" that keep a dialogue block open.
export function isDialogueSpacer(line: string): boolean {
  return line.length >= 2 && /^ +$/.test(line)
}
