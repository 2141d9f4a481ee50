// @vitest-environment jsdom
// The "writer is typing" notices from a real EditorView: typing and deleting send them, at most one
// per interval (a fake clock); changes the writer did not make (a file loaded) and cursor moves
// send none.
import { EditorSelection } from '@codemirror/state'
import type { EditorView } from '@codemirror/view'
import { afterEach, describe, expect, it } from 'vitest'
import { writerTypingNotifier } from '../../../../src/renderer/src/ai/writer-typing'
import { editorWith, type } from '../editor/editor-harness'

let view: EditorView | null = null
afterEach(() => {
  view?.destroy()
  view = null
})

function setup(intervalMs: number) {
  let clock = 0
  let notices = 0
  view = editorWith(
    'INT. HOUSE - DAY\n\n|',
    writerTypingNotifier(
      () => notices++,
      intervalMs,
      () => clock
    )
  )
  return {
    view,
    notices: () => notices,
    advance: (ms: number) => (clock += ms)
  }
}

describe('writerTypingNotifier', () => {
  it('sends one notice per interval while the writer types', () => {
    const editor = setup(100)
    type(editor.view, 'She')
    expect(editor.notices()).toBe(1)
    editor.advance(60)
    type(editor.view, ' w')
    expect(editor.notices()).toBe(1)
    editor.advance(50)
    type(editor.view, 'a')
    expect(editor.notices()).toBe(2)
  })

  it('counts deleting as typing', () => {
    const editor = setup(100)
    const end = editor.view.state.doc.length
    editor.view.dispatch({
      changes: { from: end - 1, to: end },
      userEvent: 'delete.backward'
    })
    expect(editor.notices()).toBe(1)
  })

  it('ignores changes the writer did not make and moves of the cursor', () => {
    const editor = setup(100)
    editor.view.dispatch({ changes: { from: 0, insert: 'Title: X\n\n' } })
    editor.view.dispatch({ selection: EditorSelection.cursor(0), userEvent: 'select' })
    expect(editor.notices()).toBe(0)
    // A completion or suggestion taken with a key is the writer's doing.
    editor.view.dispatch({
      changes: { from: editor.view.state.doc.length, insert: 'He waits.' },
      userEvent: 'input.complete'
    })
    expect(editor.notices()).toBe(1)
  })
})
