/// Dual dialogue: two dialogue blocks side by side (afterwriting's `dual_max_factor` 0.75). Stated
/// simplification: a dual block never breaks across pages; one taller than a page is laid out as
/// two ordinary blocks one after the other.
import { cueText, layoutText } from './layout'
import type { PageProfile } from './profile'
import type { LaidOutLine, LineSegment } from './types'
import type { DialogueBlock } from './dialogue-unit'
import { staticUnit, type Unit } from './units'

function layoutColumn(block: DialogueBlock, profile: PageProfile, offset: number): LaidOutLine[] {
  const half = Math.floor(profile.bodyWidth / 2)
  const factor = profile.dualWidthFactor
  const dialogueWidth = Math.floor(profile.columns.dialogue.width * factor)
  const dialogueIndent = offset + Math.max(0, Math.floor((half - dialogueWidth) / 2))
  const parentheticalWidth = Math.floor(profile.columns.parenthetical.width * factor)
  const cueIndent = dialogueIndent + Math.floor((profile.columns.character.indent - 10) * factor)
  const cueColumn = { indent: cueIndent, width: offset + half - cueIndent }
  const rows = layoutText(cueText(block.cue, false), 'character', cueColumn, block.cueIndex)
  for (const part of block.parts) {
    const column =
      part.type === 'parenthetical'
        ? { indent: dialogueIndent + 3, width: parentheticalWidth }
        : { indent: dialogueIndent, width: dialogueWidth }
    rows.push(...layoutText(part.text, part.type, column, part.elementIndex))
  }
  return rows
}

/// Rows holding both columns: the left block in the line itself, the right one in `right`.
export function layoutDual(
  left: DialogueBlock,
  right: DialogueBlock,
  profile: PageProfile
): LaidOutLine[] {
  const leftRows = layoutColumn(left, profile, 0)
  const rightRows = layoutColumn(right, profile, Math.floor(profile.bodyWidth / 2))
  const count = Math.max(leftRows.length, rightRows.length)
  const rows: LaidOutLine[] = []
  for (let index = 0; index < count; index += 1) {
    const leftRow: LaidOutLine = leftRows[index] ?? {
      text: '',
      type: 'blank',
      indent: 0,
      elementIndex: -1
    }
    const rightRow = rightRows[index]
    const segment: LineSegment | undefined = rightRow && {
      text: rightRow.text,
      type: rightRow.type,
      indent: rightRow.indent,
      elementIndex: rightRow.elementIndex
    }
    rows.push(segment ? { ...leftRow, right: segment } : leftRow)
  }
  return rows
}

/// The side-by-side unit; null when it is taller than a page (the caller lays the blocks out
/// one after the other instead).
export function dualUnit(
  left: DialogueBlock,
  right: DialogueBlock,
  profile: PageProfile,
  blankBefore: number
): Unit | null {
  const rows = layoutDual(left, right, profile)
  if (rows.length > profile.linesPerPage) return null
  const unit = staticUnit(rows, blankBefore)
  return { ...unit, split: () => null }
}
