// Test harness: real EditorState/EditorView instances with the screenplay extensions, under jsdom.
import { EditorSelection, EditorState, type Extension } from '@codemirror/state'
import { EditorView, runScopeHandlers } from '@codemirror/view'
import { screenplayEditor } from '../../../../src/renderer/src/editor/screenplay-editor'

// jsdom has no layout: CodeMirror's measuring asks ranges for rectangles, so give it empty ones.
const rangePrototype = (Reflect.get(globalThis, 'Range') as { prototype: object } | undefined)
  ?.prototype
if (rangePrototype && !('getClientRects' in rangePrototype)) {
  Object.assign(rangePrototype, {
    getClientRects: () => [],
    getBoundingClientRect: () => ({ left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0 })
  })
}

type KeyEvent = Parameters<typeof runScopeHandlers>[1]
type KeyEventClass = new (type: string, init: { key: string; shiftKey?: boolean }) => KeyEvent

/// A view over `doc`; a `|` in `doc` marks the cursor (removed from the text).
export function editorWith(doc: string, extensions: Extension = screenplayEditor()): EditorView {
  const cursor = doc.indexOf('|')
  const text = cursor >= 0 ? doc.slice(0, cursor) + doc.slice(cursor + 1) : doc
  const state = EditorState.create({
    doc: text,
    selection: EditorSelection.cursor(cursor >= 0 ? cursor : text.length),
    extensions
  })
  return new EditorView({ state })
}

/// The document with `|` at the cursor.
export function docWithCursor(view: EditorView): string {
  const { doc, selection } = view.state
  const head = selection.main.head
  return doc.sliceString(0, head) + '|' + doc.sliceString(head)
}

/// Presses a key through the editor's keymaps, as a keydown would.
export function press(view: EditorView, key: string, shiftKey = false): boolean {
  const KeyboardEventClass = Reflect.get(globalThis, 'KeyboardEvent') as KeyEventClass
  return runScopeHandlers(view, new KeyboardEventClass('keydown', { key, shiftKey }), 'editor')
}

/// Types text at the cursor as a user would (one transaction per character, `input.type`).
export function type(view: EditorView, text: string): void {
  for (const character of text) {
    const { from, to } = view.state.selection.main
    view.dispatch(
      view.state.update({
        changes: { from, to, insert: character },
        selection: EditorSelection.cursor(from + character.length),
        userEvent: 'input.type'
      })
    )
  }
}

/// The `cm-sb-*` class of each rendered line, '' for none.
export function lineClasses(view: EditorView): string[] {
  const lines = Array.from(view.contentDOM.querySelectorAll('.cm-line')) as { className: string }[]
  return lines.map((line) =>
    line.className
      .split(/\s+/)
      .filter((name) => name.startsWith('cm-sb-'))
      .join(' ')
  )
}
