/// A dialogue block (cue, parentheticals, speeches, lyrics) as a unit that breaks across pages with
/// (MORE) and a (CONT'D) cue (docs/screenplay-format.md §4.4–4.5).
import type { CharacterCue } from '../fountain/elements'
import { plainText } from '../formats/emphasis'
import { layoutCue, layoutText, moreLine } from './layout'
import type { PageProfile } from './profile'
import type { LaidOutLine } from './types'
import { BREAK_RULES, staticUnit, type Unit } from './units'
import { rowBoundaries, sentenceBoundaries } from './wrap'

/// One element under the cue.
export interface SpeechPart {
  type: 'parenthetical' | 'dialogue' | 'lyrics'
  /// Printed text (markup removed).
  text: string
  elementIndex: number
}

export interface DialogueBlock {
  cue: CharacterCue
  cueIndex: number
  parts: SpeechPart[]
  /// The block starts with a `(CONT'D)` cue (it is the rest of a split block).
  continued: boolean
}

/// Reads a speech part's printed text from an element text.
export function speechPart(
  type: SpeechPart['type'],
  text: string,
  elementIndex: number
): SpeechPart {
  return { type, text: plainText(text), elementIndex }
}

function layoutPart(part: SpeechPart, profile: PageProfile): LaidOutLine[] {
  return layoutText(part.text, part.type, profile.columns[part.type], part.elementIndex)
}

function isSpeech(line: LaidOutLine): boolean {
  return line.type === 'dialogue' || line.type === 'lyrics'
}

/// Lays out a block and returns it as a unit that splits with (MORE)/(CONT'D).
export function dialogueUnit(
  block: DialogueBlock,
  profile: PageProfile,
  blankBefore: number
): Unit {
  const cueLines = layoutCue(block.cue, block.cueIndex, profile, block.continued)
  const partLines = block.parts.map((part) => layoutPart(part, profile))
  const lines = [...cueLines, ...partLines.flat()]
  return {
    lines,
    blankBefore,
    split(rows, relaxed) {
      const found = findSplit(block, cueLines, partLines, profile, rows, relaxed)
      if (found) return found
      return relaxed ? staticUnit(lines, 0).split(rows, true) : null
    }
  }
}

function findSplit(
  block: DialogueBlock,
  cueLines: LaidOutLine[],
  partLines: LaidOutLine[][],
  profile: PageProfile,
  rows: number,
  relaxed: boolean
): { head: LaidOutLine[]; rest: Unit } | null {
  const before = relaxed ? 1 : BREAK_RULES.dialogueRowsBefore
  const after = relaxed ? 1 : BREAK_RULES.dialogueRowsAfter
  // Latest break first, so the page holds as much as possible.
  for (let partIndex = block.parts.length - 1; partIndex >= 0; partIndex -= 1) {
    const part = block.parts[partIndex]
    const above = [...cueLines, ...partLines.slice(0, partIndex).flat()]
    const candidates: Array<{ head: SpeechPart | null; tail: SpeechPart }> = []
    if (part.type !== 'parenthetical') {
      const offsets = relaxed
        ? rowBoundaries(part.text, profile.columns[part.type].width)
        : sentenceBoundaries(part.text)
      for (let index = offsets.length - 1; index >= 0; index -= 1) {
        const headText = part.text.slice(0, offsets[index]).trimEnd()
        candidates.push({
          head: { ...part, text: headText },
          tail: { ...part, text: part.text.slice(offsets[index]) }
        })
      }
    }
    // Between two parts: never right after a parenthetical (break before it instead).
    if (partIndex > 0 && (relaxed || block.parts[partIndex - 1].type !== 'parenthetical')) {
      candidates.push({ head: null, tail: part })
    }
    for (const candidate of candidates) {
      const headLines = candidate.head ? layoutPart(candidate.head, profile) : []
      const head = [...above, ...headLines]
      if (head.length + 1 > rows) continue
      if (head.filter(isSpeech).length < before) continue
      const restParts = [candidate.tail, ...block.parts.slice(partIndex + 1)]
      const restBlock: DialogueBlock = { ...block, parts: restParts, continued: true }
      const rest = dialogueUnit(restBlock, profile, 0)
      if (rest.lines.filter(isSpeech).length < after) continue
      const last = head[head.length - 1]
      if (relaxed) head[head.length - 1] = { ...last, forcedSplit: true }
      return { head: [...head, moreLine(block.cueIndex, profile)], rest }
    }
  }
  return null
}
