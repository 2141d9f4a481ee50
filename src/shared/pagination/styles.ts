/// Carries Fountain emphasis (`*italic*`, `**bold**`, `_underline_`) from the elements onto the
/// laid-out rows, after pagination: rows hold printed text, so each row is matched character by
/// character against its element's printed text, in page order.
import type { ScreenplayElement } from '../fountain/elements'
import { parseEmphasis, withoutNotes } from '../formats/emphasis'
import type { LineSegment, Page, StyleSpan } from './types'

interface Cursor {
  plain: string
  /// Style key per character of `plain`: bit 1 bold, 2 italic, 4 underline.
  style: Uint8Array
  pointer: number
}

function cursorFor(text: string): Cursor {
  const runs = parseEmphasis(withoutNotes(text))
  const plain = runs.map((run) => run.text).join('')
  const style = new Uint8Array(plain.length)
  let offset = 0
  for (const run of runs) {
    const key = (run.bold ? 1 : 0) | (run.italic ? 2 : 0) | (run.underline ? 4 : 0)
    style.fill(key, offset, offset + run.text.length)
    offset += run.text.length
  }
  return { plain, style, pointer: 0 }
}

function spansFor(segment: LineSegment, cursor: Cursor): StyleSpan[] {
  const keys: number[] = []
  for (const char of segment.text) {
    if (char === ' ') {
      const matches =
        cursor.pointer < cursor.plain.length && /\s/.test(cursor.plain[cursor.pointer])
      keys.push(matches ? cursor.style[cursor.pointer++] : 0)
      continue
    }
    while (cursor.pointer < cursor.plain.length && cursor.plain[cursor.pointer] !== char) {
      cursor.pointer += 1
    }
    keys.push(cursor.pointer < cursor.plain.length ? cursor.style[cursor.pointer++] : 0)
  }
  const spans: StyleSpan[] = []
  let start = 0
  for (let index = 1; index <= keys.length; index += 1) {
    if (index < keys.length && keys[index] === keys[start]) continue
    const key = keys[start]
    if (key !== 0) {
      const span: StyleSpan = { from: start, to: index }
      if (key & 1) span.bold = true
      if (key & 2) span.italic = true
      if (key & 4) span.underline = true
      spans.push(span)
    }
    start = index
  }
  return spans
}

/// Adds `styles` to the rows of elements that carry emphasis markup (in place).
export function applyEmphasis(pages: Page[], elements: ScreenplayElement[]): void {
  const cursors = new Map<number, Cursor>()
  const visit = (segment: LineSegment, skip: boolean): void => {
    if (skip || segment.elementIndex < 0 || segment.type === 'blank' || segment.type === 'more') {
      return
    }
    const element = elements[segment.elementIndex]
    if (!element || !/[*_]/.test(element.text)) return
    let cursor = cursors.get(segment.elementIndex)
    if (!cursor) {
      cursor = cursorFor(element.text)
      cursors.set(segment.elementIndex, cursor)
    }
    const spans = spansFor(segment, cursor)
    if (spans.length > 0) segment.styles = spans
  }
  for (const page of pages) {
    for (const line of page.lines) {
      visit(line, !!line.contd)
      if (line.right) visit(line.right, false)
    }
  }
}
