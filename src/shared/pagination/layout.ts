/// Element → rows: word-wrap each element in its column (docs/screenplay-format.md §4.2).
import type { CharacterCue } from '../fountain/elements'
import { plainText } from '../formats/emphasis'
import type { Column, ColumnKind, PageProfile } from './profile'
import type { LaidOutLine } from './types'
import { wrapText } from './wrap'

/// Rows of `text` in a column (left-aligned, centered or right-aligned).
export function layoutText(
  text: string,
  type: ColumnKind,
  column: Column,
  elementIndex: number,
  align: 'left' | 'center' | 'right' = 'left'
): LaidOutLine[] {
  return wrapText(text, column.width).map((row) => {
    let indent = column.indent
    if (align !== 'left') {
      const trimmed = row.trim()
      const room = column.width - trimmed.length
      indent += align === 'right' ? room : Math.floor(room / 2)
      return { text: trimmed, type, indent, elementIndex }
    }
    return { text: row, type, indent, elementIndex }
  })
}

/// The cue as printed, with `(CONT'D)` merged into its extensions when it continues a speech:
/// `JOHN (V.O.; CONT'D)`.
export function cueText(cue: CharacterCue, continued: boolean): string {
  const written = plainText(cue.text).trim()
  if (!continued) return written
  const extensions = cue.extensions.filter((extension) => extension.trim() !== '')
  if (extensions.some((extension) => /^CONT['’]?D$|^CONTINUED$/i.test(extension.trim()))) {
    return written
  }
  const name = cue.name.trim() || written.replace(/\s*\(.*$/, '')
  return `${name} (${[...extensions, "CONT'D"].join('; ')})`
}

/// Rows of a character cue (wraps only if absurdly long).
export function layoutCue(
  cue: CharacterCue,
  elementIndex: number,
  profile: PageProfile,
  continued = false
): LaidOutLine[] {
  const rows = layoutText(
    cueText(cue, continued),
    'character',
    profile.columns.character,
    elementIndex
  )
  if (continued) rows[0] = { ...rows[0], contd: true }
  return rows
}

/// The `(MORE)` row, at the cue's indent.
export function moreLine(elementIndex: number, profile: PageProfile): LaidOutLine {
  return {
    text: '(MORE)',
    type: 'more',
    indent: profile.columns.character.indent,
    elementIndex,
    more: true
  }
}
