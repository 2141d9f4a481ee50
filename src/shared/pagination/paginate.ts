/// The one pagination engine: elements → units → pages. The page view, the page count, the
/// timing and the PDF all read its output.
import type { CharacterCue, Screenplay, ScreenplayElement } from '../fountain/elements'
import { plainText } from '../formats/emphasis'
import { speechPart, dialogueUnit, type DialogueBlock, type SpeechPart } from './dialogue-unit'
import { dualUnit } from './dual-unit'
import { layoutText } from './layout'
import { LETTER, type PageProfile } from './profile'
import { applyEmphasis } from './styles'
import { layoutTitlePage } from './title-page'
import type { LaidOutLine, Page, Pagination } from './types'
import {
  keepWithNext,
  keepWithPrevious,
  pageBreakUnit,
  paragraphUnit,
  staticUnit,
  type Unit
} from './units'
import { rowBoundaries, sentenceBoundaries } from './wrap'

// 'keep': stays with what follows (scene headings, and cues with no speech under them).
type Kind = 'keep' | 'transition' | 'dialogue' | 'other'

interface Entry {
  unit: Unit
  kind: Kind
  block?: DialogueBlock
}

const speechTypes = new Set(['parenthetical', 'dialogue', 'lyrics'])

function gatherBlock(elements: ScreenplayElement[], cueIndex: number): [DialogueBlock, number] {
  const parts: SpeechPart[] = []
  let next = cueIndex + 1
  while (next < elements.length) {
    const element = elements[next]
    if (speechTypes.has(element.type)) {
      parts.push(speechPart(element.type as SpeechPart['type'], element.text, next))
    } else if (element.type !== 'note') break
    next += 1
  }
  const cue = elements[cueIndex] as CharacterCue
  return [{ cue, cueIndex, parts, continued: false }, next]
}

function buildEntries(elements: ScreenplayElement[], profile: PageProfile): Entry[] {
  const entries: Entry[] = []
  const columns = profile.columns
  let index = 0
  while (index < elements.length) {
    const element = elements[index]
    const text = plainText(element.text)
    switch (element.type) {
      case 'scene-heading': {
        const lines = layoutText(text, 'scene-heading', columns['scene-heading'], index)
        if (element.sceneNumber) lines[0] = { ...lines[0], sceneNumber: element.sceneNumber }
        entries.push({
          unit: staticUnit(lines, profile.blankLinesBeforeSceneHeading),
          kind: 'keep'
        })
        break
      }
      case 'action': {
        const elementIndex = index
        const block = {
          text,
          layout: (part: string) => layoutText(part, 'action', columns.action, elementIndex),
          boundaries: (relaxed: boolean) =>
            relaxed ? rowBoundaries(text, columns.action.width) : sentenceBoundaries(text)
        }
        entries.push({ unit: paragraphUnit(block, 1), kind: 'other' })
        break
      }
      case 'transition': {
        const lines = layoutText(text.trim(), 'transition', columns.transition, index, 'right')
        entries.push({ unit: staticUnit(lines, 1), kind: 'transition' })
        break
      }
      case 'centered': {
        const lines = layoutText(text.trim(), 'centered', columns.centered, index, 'center')
        entries.push({ unit: staticUnit(lines, 1), kind: 'other' })
        break
      }
      case 'character': {
        const [block, next] = gatherBlock(elements, index)
        const previous = entries[entries.length - 1]
        const dual =
          block.cue.dual && previous?.kind === 'dialogue' && previous.block
            ? dualUnit(previous.block, block, profile, 1)
            : null
        const speaks = block.parts.some((part) => part.type !== 'parenthetical')
        if (dual) entries[entries.length - 1] = { unit: dual, kind: 'other' }
        else if (!speaks) entries.push({ unit: dialogueUnit(block, profile, 1), kind: 'keep' })
        else entries.push({ unit: dialogueUnit(block, profile, 1), kind: 'dialogue', block })
        index = next
        continue
      }
      case 'parenthetical':
      case 'dialogue':
      case 'lyrics': {
        // Speech without a cue (or lyrics on their own): its own column, no break rules.
        const lines = layoutText(text, element.type, columns[element.type], index)
        entries.push({ unit: staticUnit(lines, 1), kind: 'other' })
        break
      }
      case 'page-break':
        entries.push({ unit: pageBreakUnit(), kind: 'other' })
        break
      default:
        // Sections, synopses, notes and boneyard do not print (nor would an unknown type).
        break
    }
    index += 1
  }
  return entries
}

// Transitions stay with what precedes them; headings and speechless cues stay with what follows.
function bindUnits(entries: Entry[]): Unit[] {
  const bound: Entry[] = []
  for (const entry of entries) {
    const previous = bound[bound.length - 1]
    if (entry.kind === 'transition' && previous && !previous.unit.pageBreak) {
      bound[bound.length - 1] = {
        unit: keepWithPrevious(previous.unit, entry.unit),
        kind: previous.kind === 'keep' ? 'keep' : 'other'
      }
    } else bound.push(entry)
  }
  const units: Unit[] = []
  for (let index = bound.length - 1; index >= 0; index -= 1) {
    const entry = bound[index]
    const next = units[0]
    if (entry.kind === 'keep' && next && !next.pageBreak) {
      units[0] = keepWithNext(entry.unit, next)
    } else units.unshift(entry.unit)
  }
  return units
}

/// Lays the screenplay out on pages by the rules of docs/screenplay-format.md §4.
export function paginate(screenplay: Screenplay, profile: PageProfile = LETTER): Pagination {
  const units = bindUnits(buildEntries(screenplay.elements, profile))
  const pages: Page[] = []
  const capacity = profile.linesPerPage
  let current: LaidOutLine[] = []
  const finishPage = (forcedBreak: boolean): void => {
    const number = pages.length + 1
    pages.push({ number, label: number === 1 ? null : `${number}.`, lines: current, forcedBreak })
    current = []
  }
  for (let unit of units) {
    if (unit.pageBreak) {
      if (current.length > 0) finishPage(true)
      continue
    }
    for (;;) {
      const gap = current.length === 0 ? 0 : unit.blankBefore
      const rows = capacity - current.length - gap
      if (unit.lines.length <= rows) {
        for (let blank = 0; blank < gap; blank += 1) current.push(blankRow())
        current.push(...unit.lines)
        break
      }
      const split = rows > 0 ? unit.split(rows, false) : null
      const relaxed = !split && current.length === 0 ? unit.split(capacity, true) : null
      const chosen = split ?? relaxed
      if (chosen) {
        if (split) for (let blank = 0; blank < gap; blank += 1) current.push(blankRow())
        current.push(...chosen.head)
        finishPage(false)
        unit = chosen.rest
        continue
      }
      if (current.length === 0) {
        // Cannot happen: relaxed splits always succeed on an empty page. Keep the loop finite.
        current.push(...unit.lines)
        break
      }
      finishPage(false)
    }
  }
  if (current.length > 0 || pages.length === 0) finishPage(false)
  applyEmphasis(pages, screenplay.elements)
  return { profile, titlePage: layoutTitlePage(screenplay.titlePage, profile), pages }
}

function blankRow(): LaidOutLine {
  return { text: '', type: 'blank', indent: 0, elementIndex: -1 }
}
