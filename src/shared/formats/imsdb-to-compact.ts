/// A continuation written in IMSDb indented layout → the compact model text the editor expects
/// (one paragraph or speech per line, blank line between blocks). It reads the output after a
/// prompt made by `compactToImsdbLayout`, so it knows that layout's columns; each line's kind comes
/// from its indent (and a leading `(`), which is fixed as soon as its first letter arrives.
///
/// The conversion of a longer output always starts with the conversion of a shorter one (the
/// streaming contract of TextStream): an unfinished line shows once its first non-space character
/// is there, with the separator its indent calls for, and trailing spaces wait for the next word.
import type { CompactEnding } from './compact-to-imsdb'
import { IMSDB_LAYOUT } from './imsdb-layout'

type LineKind = NonNullable<CompactEnding['lastKind']>

// Midway between the layout's columns, so a model that drifts a few columns still reads right.
const DIALOGUE_FROM = Math.ceil(IMSDB_LAYOUT.dialogue.indent / 2)
const PARENTHETICAL_FROM = Math.ceil(
  (IMSDB_LAYOUT.dialogue.indent + IMSDB_LAYOUT.parenthetical.indent) / 2
)
const CUE_FROM = Math.ceil((IMSDB_LAYOUT.parenthetical.indent + IMSDB_LAYOUT.character.indent) / 2)
const TRANSITION_FROM = IMSDB_LAYOUT.character.indent + 10

/// The kind of a layout line from its indent and first character.
export function layoutLineKind(indent: number, text: string): LineKind {
  if (indent >= TRANSITION_FROM) return 'transition'
  if (indent >= CUE_FROM) return 'character'
  if (indent >= DIALOGUE_FROM && text.startsWith('(')) return 'parenthetical'
  if (indent >= PARENTHETICAL_FROM) return 'parenthetical'
  if (indent >= DIALOGUE_FROM) return 'dialogue'
  return 'action'
}

// A hard wrap: the line goes on with the previous one (action, speech, an unclosed parenthetical).
function continuesLine(previous: LineKind | null, previousText: string, kind: LineKind): boolean {
  if (previous !== kind) return false
  if (kind === 'action' || kind === 'dialogue') return true
  return kind === 'parenthetical' && !previousText.includes(')')
}

/// Converts the layout text generated after a prompt that ended as `ending` says (see
/// `compactEnding` of the compact prompt). Pure: call it again with the longer output.
export function imsdbOutputToCompact(output: string, ending: CompactEnding): string {
  let previous = ending.lastKind
  let previousText = ending.lastLine
  // Line breaks since the last text, and those the compact prompt already ends with.
  let newlines = ending.trailingNewlines
  let alreadyThere = ending.trailingNewlines
  let result = ''
  output.split('\n').forEach((line, index) => {
    if (index > 0) newlines++
    const visible = line.replace(/\s+$/, '')
    if (visible.trim() === '') return
    let separator: string
    let kind: LineKind
    let text: string
    if (newlines === 0) {
      // The rest of the prompt's unfinished line, spaces and all.
      separator = ''
      kind = previous ?? 'action'
      text = visible
    } else {
      const indent = visible.length - visible.trimStart().length
      text = visible.slice(indent)
      kind = layoutLineKind(indent, text)
      separator = newlines >= 2 ? '\n\n' : continuesLine(previous, previousText, kind) ? ' ' : '\n'
    }
    if (alreadyThere > 0) {
      // The prompt's own trailing line breaks count toward the separator; a wrap after them is
      // left as a new line (the prompt's line break cannot be taken back).
      separator = separator === ' ' ? '' : separator.slice(Math.min(alreadyThere, separator.length))
      alreadyThere = 0
    }
    result += separator + text
    previousText = newlines === 0 ? previousText + text : text
    previous = kind
    newlines = 0
  })
  return result
}
