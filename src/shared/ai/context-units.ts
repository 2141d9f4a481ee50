/// The script before the cursor as units of the model's compact format: a scene heading, an action
/// paragraph, a transition, or a whole dialogue block (cue + parentheticals + speech). Units are
/// what the context builder keeps or drops when it trims a prompt to its budget: a cue is never
/// separated from its speech.
import type { ScreenplayElement } from '../fountain/elements'
import { plainText } from '../formats/emphasis'
import { screenplayToModelText } from '../formats/model-text'

/// One unit of context in compact Fountain, without the blank line that separates units.
export interface ContextUnit {
  /// Index of the unit's first element in the parsed screenplay.
  first: number
  /// The unit's compact text ('' for notes, sections and the like, which the model never sees).
  text: string
  /// The speaker of a dialogue block (cue name without extensions).
  speaker?: string
  heading: boolean
}

const blockParts = new Set(['parenthetical', 'dialogue', 'lyrics'])

/// True for the elements that continue a dialogue block after its cue.
export function isBlockPart(element: ScreenplayElement): boolean {
  return blockParts.has(element.type)
}

/// True when `element` continues the block that `previous` belongs to: a parenthetical, speech or
/// lyrics on the very next line (lyrics after a blank line stand alone; `\n` line breaks assumed,
/// as the element-at rules do).
export function continuesBlock(previous: ScreenplayElement, element: ScreenplayElement): boolean {
  return isBlockPart(element) && element.from - previous.to <= 1
}

/// Compact text of a run of elements (one unit), without a trailing newline.
export function compactText(elements: readonly ScreenplayElement[]): string {
  return screenplayToModelText({ titlePage: [], elements: [...elements] }).replace(/\n+$/, '')
}

/// Groups `elements[0, end)` into units; units with no compact text are left out.
export function unitsOf(elements: readonly ScreenplayElement[], end: number): ContextUnit[] {
  const units: ContextUnit[] = []
  let index = 0
  while (index < end) {
    const element = elements[index]
    let last = index
    if (element.type === 'character') {
      while (last + 1 < end && continuesBlock(elements[last], elements[last + 1])) last++
    }
    const text = compactText(elements.slice(index, last + 1))
    if (text) {
      units.push({
        first: index,
        text,
        heading: element.type === 'scene-heading',
        ...(element.type === 'character' ? { speaker: element.name } : {})
      })
    }
    index = last + 1
  }
  return units
}

/// The part of an element's source before the cursor, as one compact line: force markers and
/// emphasis removed, line breaks and runs of spaces made single spaces, no leading spaces.
/// Trailing spaces are kept (the caller decides what to do with them).
export function partialText(element: ScreenplayElement, source: string, cursor: number): string {
  let raw = source.slice(element.from, Math.max(element.from, cursor)).replace(/\r/g, '')
  raw = raw.replace(/^\s+/, '')
  const force = forceMarker(element)
  if (force && raw.startsWith(force)) raw = raw.slice(force.length)
  if (element.type === 'lyrics') raw = raw.replace(/(^|\n)\s*~/g, '$1')
  if (element.type === 'action') raw = raw.replace(/(^|\n)!/g, '$1')
  const trailing = /\s$/.test(raw) ? ' ' : ''
  const text = plainText(raw).replace(/\s+/g, ' ').trim()
  return text ? text + trailing : ''
}

function forceMarker(element: ScreenplayElement): string | undefined {
  switch (element.type) {
    case 'scene-heading':
      return element.forced ? '.' : undefined
    case 'character':
      return element.forced ? '@' : undefined
    case 'transition':
      return element.forced ? '>' : undefined
    case 'centered':
      return '>'
    default:
      return undefined
  }
}
