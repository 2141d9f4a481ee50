/// Blocks that the paginator places whole or splits by the break rules (docs/screenplay-format.md
/// §4.4–4.5). Each unit knows its full layout and how to split itself into a head that fits a given
/// number of rows and a rest that starts the next page.
import type { LaidOutLine } from './types'

/// Rules for where a block may break (stated, per the format doc and Trelby's defaults).
export const BREAK_RULES = {
  /// Action breaks only at a sentence end, with at least this many rows on the page…
  actionRowsBefore: 2,
  /// …and at least this many rows carried to the next page.
  actionRowsAfter: 2,
  /// Dialogue breaks only at a sentence end (or before a parenthetical), with at least this many
  /// speech rows above (MORE) (Trelby `pbDialogueLines`)…
  dialogueRowsBefore: 2,
  /// …and at least this many speech rows under the (CONT'D) cue.
  dialogueRowsAfter: 1
} as const

export interface Split {
  head: LaidOutLine[]
  rest: Unit
}

export interface Unit {
  lines: LaidOutLine[]
  /// Blank rows before the unit unless it starts a page.
  blankBefore: number
  /// A forced `===` page break (no lines).
  pageBreak?: boolean
  /// Splits so that `head.length <= rows`. `relaxed` ignores the sentence and minimum-row rules; the
  /// paginator uses it only for a block taller than a whole page. Null when no break fits.
  split(rows: number, relaxed: boolean): Split | null
}

export function blankLine(): LaidOutLine {
  return { text: '', type: 'blank', indent: 0, elementIndex: -1 }
}

function blanks(count: number): LaidOutLine[] {
  return Array.from({ length: count }, blankLine)
}

/// A block with no rule-abiding break (heading, transition, short lines); relaxed mode cuts rows.
export function staticUnit(lines: LaidOutLine[], blankBefore: number): Unit {
  const unit: Unit = {
    lines,
    blankBefore,
    split(rows, relaxed) {
      if (!relaxed || rows < 1 || rows >= lines.length) return null
      const head = lines.slice(0, rows)
      head[head.length - 1] = { ...head[head.length - 1], forcedSplit: true }
      return { head, rest: staticUnit(lines.slice(rows), 0) }
    }
  }
  return unit
}

/// A page break from `===`.
export function pageBreakUnit(): Unit {
  return { lines: [], blankBefore: 0, pageBreak: true, split: () => null }
}

/// `first` then `second`, breaking only inside `second` (a scene heading keeps with what follows).
export function keepWithNext(first: Unit, second: Unit): Unit {
  const gap = blanks(second.blankBefore)
  return {
    lines: [...first.lines, ...gap, ...second.lines],
    blankBefore: first.blankBefore,
    split(rows, relaxed) {
      const offset = first.lines.length + gap.length
      const inner = rows > offset ? second.split(rows - offset, relaxed) : null
      if (inner) return { head: [...first.lines, ...gap, ...inner.head], rest: inner.rest }
      if (!relaxed) return null
      // Only when the heading and its first rows cannot share any page: give up on the rule.
      const fallback = staticUnit([...first.lines, ...gap, ...second.lines], 0)
      return fallback.split(rows, true)
    }
  }
}

/// `first` then `second`, breaking only inside `first` (a transition never starts a page).
export function keepWithPrevious(first: Unit, second: Unit): Unit {
  const gap = blanks(second.blankBefore)
  return {
    lines: [...first.lines, ...gap, ...second.lines],
    blankBefore: first.blankBefore,
    split(rows, relaxed) {
      const inner = first.split(rows, relaxed)
      if (inner) return { head: inner.head, rest: keepWithPrevious(inner.rest, second) }
      if (!relaxed) return null
      return staticUnit([...first.lines, ...gap, ...second.lines], 0).split(rows, true)
    }
  }
}

/// Text broken into rows by a layout function, splittable at sentence ends (action).
export interface TextBlock {
  text: string
  layout(text: string): LaidOutLine[]
  boundaries(relaxed: boolean): number[]
}

/// An action paragraph: breaks at a sentence end with the minimum rows on both pages.
export function paragraphUnit(block: TextBlock, blankBefore: number): Unit {
  const lines = block.layout(block.text)
  return {
    lines,
    blankBefore,
    split(rows, relaxed) {
      const minimumBefore = relaxed ? 1 : BREAK_RULES.actionRowsBefore
      const minimumAfter = relaxed ? 1 : BREAK_RULES.actionRowsAfter
      const offsets = block.boundaries(relaxed)
      for (let index = offsets.length - 1; index >= 0; index -= 1) {
        const head = block.layout(block.text.slice(0, offsets[index]).trimEnd())
        if (head.length > rows || head.length < minimumBefore) continue
        const restText = block.text.slice(offsets[index])
        const rest = block.layout(restText)
        if (rest.length < minimumAfter) continue
        if (relaxed) head[head.length - 1] = { ...head[head.length - 1], forcedSplit: true }
        return { head, rest: paragraphUnit({ ...block, text: restText }, 0) }
      }
      return relaxed ? staticUnit(lines, 0).split(rows, true) : null
    }
  }
}
