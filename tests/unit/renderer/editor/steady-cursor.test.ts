// @vitest-environment jsdom
/// The steady cursor on a real EditorView (jsdom) and real timers, with a short rest time.
import { EditorSelection } from '@codemirror/state'
import { describe, expect, it } from 'vitest'
import { steadyCursor, TYPING_ATTRIBUTE } from '../../../../src/renderer/src/editor/steady-cursor'
import { editorWith } from './editor-harness'

const REST_MS = 60
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('steadyCursor', () => {
  it('marks the scroller while the writer types, and clears it after a pause', async () => {
    const view = editorWith('INT. HOUSE - DAY|', steadyCursor(REST_MS))
    const typing = () => view.scrollDOM.hasAttribute(TYPING_ATTRIBUTE)
    expect(typing()).toBe(false)
    view.dispatch({ changes: { from: 16, insert: 'x' }, userEvent: 'input.type' })
    expect(typing()).toBe(true)
    // Keys keep coming within the rest time: the mark stays past the first key's rest time.
    for (let key = 0; key < 4; key++) {
      await sleep(REST_MS / 2)
      view.dispatch({ changes: { from: view.state.doc.length, insert: 'y' } })
    }
    expect(typing()).toBe(true)
    await sleep(REST_MS * 3)
    expect(typing()).toBe(false)
    view.destroy()
  })

  it('a cursor move counts as typing; a change of nothing else does not', async () => {
    const view = editorWith('FADE IN:|', steadyCursor(REST_MS))
    view.dispatch({ scrollIntoView: true })
    expect(view.scrollDOM.hasAttribute(TYPING_ATTRIBUTE)).toBe(false)
    view.dispatch({ selection: EditorSelection.cursor(0) })
    expect(view.scrollDOM.hasAttribute(TYPING_ATTRIBUTE)).toBe(true)
    view.destroy()
    // Destroyed mid-burst: the mark goes with the plugin, and no timer fires on a dead view.
    expect(view.scrollDOM.hasAttribute(TYPING_ATTRIBUTE)).toBe(false)
  })

  it("turns off the cursor layer's animation only while marked", () => {
    const view = editorWith('FADE IN:|', steadyCursor(REST_MS))
    const css = Array.from(document.querySelectorAll('style'))
      .map((style) => style.textContent ?? '')
      .join('\n')
    expect(css).toMatch(
      new RegExp(
        `\\.cm-scroller\\[${TYPING_ATTRIBUTE}\\] > \\.cm-cursorLayer[^{]*\\{[^}]*animation-name: none !important`
      )
    )
    view.destroy()
  })
})
