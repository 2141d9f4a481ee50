/// The parsed screenplay as editor state. On each change only the paragraphs around the edit are
/// parsed again (from the blank line before it to the blank line after it); elements after the
/// edit are shifted. A full parse happens when the edit can change more than its paragraphs: an
/// edit near the title page, one that adds or removes a `/*`, `*/`, `[[` or `]]`, or one in
/// paragraphs that hold such a marker.

import { StateField, type ChangeSet, type EditorState, type Text } from '@codemirror/state'
import type { Screenplay, ScreenplayElement } from '../../../shared/fountain/elements'
import {
  elementAt,
  lastStartingAtOrBefore,
  type ElementContext
} from '../../../shared/fountain/element-at'
import { parseFountain, parseFountainRange } from '../../../shared/fountain/parse-fountain'

/// Holds the screenplay parsed from the document, kept up to date as it changes.
export const screenplayField = StateField.define<Screenplay>({
  create(state) {
    return parseFountain(state.doc.toString())
  },
  update(screenplay, transaction) {
    if (!transaction.docChanged) return screenplay
    return reparseScreenplay(
      screenplay,
      transaction.startState.doc,
      transaction.newDoc,
      transaction.changes
    )
  }
})

/// The screenplay of an editor state: the field's value when the field is installed, else a parse.
export function screenplayOf(state: EditorState): Screenplay {
  return state.field(screenplayField, false) ?? parseFountain(state.doc.toString())
}

/// Where a position in the editor sits in the screenplay (default: the main cursor): the element,
/// its type, or on a blank line the type expected there ('dialogue' right under a cue).
export function elementAtPosition(
  state: EditorState,
  position: number = state.selection.main.head
): ElementContext {
  return elementAt(screenplayOf(state), position)
}

const blockMarker = /\/\*|\*\/|\[\[|\]\]/

/// Updates `previous` (the parse of `oldDoc`) for `changes`, re-parsing only the touched paragraphs
/// when that is safe. The result always equals `parseFountain(newDoc.toString())`.
export function reparseScreenplay(
  previous: Screenplay,
  oldDoc: Text,
  newDoc: Text,
  changes: ChangeSet
): Screenplay {
  let changedFrom = Number.POSITIVE_INFINITY
  let changedTo = -1
  let markerTouched = false
  changes.iterChanges((fromA, toA, fromB, toB, inserted) => {
    changedFrom = Math.min(changedFrom, fromB)
    changedTo = Math.max(changedTo, toB)
    // One character either side, so joining `/` and `*` across the edit counts too.
    const removed = oldDoc.sliceString(Math.max(0, fromA - 1), Math.min(oldDoc.length, toA + 1))
    const added = newDoc.sliceString(Math.max(0, fromB - 1), Math.min(newDoc.length, toB + 1))
    if (blockMarker.test(removed) || blockMarker.test(added) || inserted.length > 10_000) {
      markerTouched = true
    }
  })
  if (markerTouched) return parseFountain(newDoc.toString())

  // Widen the edit to whole paragraphs: from after the previous empty line to before the next.
  let firstLine = newDoc.lineAt(changedFrom).number
  while (firstLine > 1 && newDoc.line(firstLine - 1).length > 0) firstLine--
  let lastLine = newDoc.lineAt(changedTo).number
  while (lastLine < newDoc.lines && newDoc.line(lastLine + 1).length > 0) lastLine++
  const start = newDoc.line(firstLine).from
  const end = newDoc.line(lastLine).to
  const shift = newDoc.length - oldDoc.length
  const oldEnd = end - shift

  const { elements } = previous
  // Until the first visible element, a title page may still begin: parse everything.
  const firstVisible = elements.find(
    (element) => element.type !== 'note' && element.type !== 'boneyard'
  )
  if (!firstVisible || start <= firstVisible.from) return parseFountain(newDoc.toString())

  // Elements before the paragraphs end before `start`; the one starting at or before it may not.
  let before = lastStartingAtOrBefore(elements, start) + 1
  while (before > 0 && elements[before - 1].to >= start) before--
  let after = before
  while (after < elements.length && elements[after].from <= oldEnd) {
    // An element reaching out of the paragraphs (a boneyard over blank lines) needs a full parse.
    if (elements[after].from < start || elements[after].to > oldEnd) {
      return parseFountain(newDoc.toString())
    }
    after++
  }

  const text = newDoc.sliceString(start, end)
  // A note or boneyard opener in the paragraphs may close beyond them: let the full parse decide.
  if (blockMarker.test(text)) return parseFountain(newDoc.toString())
  const region = parseFountainRange(text, 0, text.length)
  const updated: ScreenplayElement[] = elements.slice(0, before)
  for (const element of region.elements) {
    updated.push({ ...element, from: element.from + start, to: element.to + start })
  }
  for (let index = after; index < elements.length; index++) {
    const element = elements[index]
    updated.push(
      shift === 0 ? element : { ...element, from: element.from + shift, to: element.to + shift }
    )
  }
  return { titlePage: previous.titlePage, elements: updated }
}
