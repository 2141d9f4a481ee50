/// Cursor → element: which element an offset is in, and on a line between elements, which element
/// the writer is about to write there. The AI features use it to decide what to ask the model for.

import type {
  CharacterCue,
  ElementType,
  Screenplay,
  ScreenplayElement,
  TitlePageEntry
} from './elements'
import { isCueText } from './line-patterns'

/// Where an offset sits in a screenplay.
export interface ElementContext {
  /// The element whose lines hold the offset; undefined on a blank line or in the title page.
  element: ScreenplayElement | undefined
  /// Index of `element` in `screenplay.elements`, or -1.
  index: number
  /// The element's type; on a line between elements, the type expected there: 'dialogue' on the
  /// line right after a cue, a parenthetical or dialogue, 'action' otherwise. 'title-page' inside
  /// the title page.
  type: ElementType | 'title-page'
  /// The title page entry holding the offset, if any.
  titlePageEntry?: TitlePageEntry
  /// The character speaking when the offset is in a dialogue block or on the line right after it.
  speaker?: string
  /// True when the element is a one-line, all-capitals action at the start of a block: Fountain
  /// reads it as action only because no dialogue follows yet, so it is a cue being written.
  possibleCue: boolean
}

/// Finds the element at `offset`. Pass `source` when the text may have `\r\n` line breaks or
/// whitespace on blank lines; without it, line breaks are assumed to be a single `\n`.
export function elementAt(screenplay: Screenplay, offset: number, source?: string): ElementContext {
  const entry = screenplay.titlePage.find((item) => item.from <= offset && offset <= item.to)
  if (entry) {
    return {
      element: undefined,
      index: -1,
      type: 'title-page',
      titlePageEntry: entry,
      possibleCue: false
    }
  }
  const { elements } = screenplay
  const index = lastStartingAtOrBefore(elements, offset)
  const element = index >= 0 ? elements[index] : undefined
  if (element && offset <= element.to) {
    const possibleCue = isPossibleCue(element)
    const speaker = possibleCue ? element.text.trim() : speakerAt(elements, index)
    return { element, index, type: element.type, possibleCue, ...(speaker ? { speaker } : {}) }
  }
  const between: ElementContext = {
    element: undefined,
    index: -1,
    type: 'action',
    possibleCue: false
  }
  if (!element || !onNextLine(element.to, offset, source)) return between
  if (isPossibleCue(element)) {
    return { ...between, type: 'dialogue', speaker: element.text.trim() }
  }
  const speaker = speakerAt(elements, index)
  if (speaker && element.type !== 'lyrics') return { ...between, type: 'dialogue', speaker }
  return between
}

/// Finds the element on a 1-based line of `source`.
export function elementAtLine(
  screenplay: Screenplay,
  source: string,
  line: number
): ElementContext {
  let offset = 0
  for (let current = 1; current < line; current++) {
    const newline = source.indexOf('\n', offset)
    if (newline < 0) break
    offset = newline + 1
  }
  return elementAt(screenplay, offset, source)
}

/// True when an element is a lone all-capitals action line that becomes a cue once dialogue follows.
export function isPossibleCue(element: ScreenplayElement): boolean {
  return (
    element.type === 'action' &&
    !element.forced &&
    !element.text.includes('\n') &&
    isCueText(element.text.trim())
  )
}

/// Index of the last element whose `from` is at or before `offset`, or -1 (binary search).
export function lastStartingAtOrBefore(
  elements: readonly ScreenplayElement[],
  offset: number
): number {
  let low = 0
  let high = elements.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (elements[middle].from <= offset) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  return found
}

// The speaker of the dialogue block that element `index` belongs to, if it belongs to one.
function speakerAt(elements: readonly ScreenplayElement[], index: number): string | undefined {
  for (let at = index; at >= 0; at--) {
    const element = elements[at]
    if (element.type === 'character') return (element as CharacterCue).name
    if (
      element.type !== 'dialogue' &&
      element.type !== 'parenthetical' &&
      element.type !== 'lyrics'
    ) {
      return undefined
    }
    // Lyrics may also stand alone after a blank line; inside a block they follow the previous
    // line directly. (Dialogue and parentheticals only ever exist inside a block.)
    if (element.type === 'lyrics' && at > 0 && element.from - elements[at - 1].to > 1) {
      return undefined
    }
  }
  return undefined
}

// Is `offset` on the line directly after the line that ends at `end`?
function onNextLine(end: number, offset: number, source: string | undefined): boolean {
  if (source === undefined) return offset === end + 1
  let breaks = 0
  for (let position = end; position < offset; position++) {
    if (source.charCodeAt(position) === 10) breaks++
  }
  return breaks === 1
}
