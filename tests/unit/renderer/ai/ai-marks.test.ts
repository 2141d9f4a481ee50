// @vitest-environment jsdom
// AI-text marks in a real EditorView: accepting a suggestion (FAKE source, no model) marks the
// inserted text; the marks follow edits, split where the writer types, and undo/redo with the text.
import { history, isolateHistory, redo, undo } from '@codemirror/commands'
import { EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { afterEach, describe, expect, it } from 'vitest'
import {
  aiMarksOf,
  aiMarksState,
  aiModelName,
  setAiMarks
} from '../../../../src/renderer/src/ai/ai-marks'
import { aiMarksView } from '../../../../src/renderer/src/ai/ai-marks-view'
import { snippetInsertion } from '../../../../src/renderer/src/generate/insert-snippet'
import { openWithMarks, saveWithMarks } from '../../../../src/renderer/src/ai/ai-marks-persistence'
import {
  acceptSuggestion,
  acceptSuggestionWord,
  ghostText,
  requestSuggestion
} from '../../../../src/renderer/src/editor/ghost-text'
import type { AiTextMark } from '../../../../src/shared/ai/ai-text-marks'
import { fakeSource, settle } from '../editor/ghost-text/fake-source'

let view: EditorView | null = null
afterEach(() => {
  view?.destroy()
  view = null
})

const doc = 'INT. KITCHEN - NIGHT\n\n'

function createView(text = doc): { view: EditorView; source: ReturnType<typeof fakeSource> } {
  const source = fakeSource()
  const state = EditorState.create({
    doc: text,
    selection: { anchor: text.length },
    extensions: [
      history(),
      ghostText({ request: source.request }),
      aiMarksState(),
      aiModelName.of(() => 'test-model'),
      aiMarksView({ show: true, tint: true })
    ]
  })
  view = new EditorView({ state, parent: document.body })
  return { view, source }
}

async function suggest(target: EditorView, source: ReturnType<typeof fakeSource>, text: string) {
  expect(requestSuggestion(target)).toBe(true)
  await settle()
  const request = source.requests.at(-1)!
  request.send(0, text)
  request.finish()
  await settle()
}

const spans = (target: EditorView) =>
  aiMarksOf(target.state).map((mark) => target.state.sliceDoc(mark.from, mark.to))

describe('AI-text marks', () => {
  it('marks an accepted suggestion with the model, and draws a margin bar beside its lines', async () => {
    const { view, source } = createView()
    await suggest(view, source, 'MARA\nWhere were you?\n')
    expect(acceptSuggestion(view)).toBe(true)
    const [mark] = aiMarksOf(view.state)
    expect(mark).toMatchObject({ from: doc.length, to: view.state.doc.length, model: 'test-model' })
    expect(view.dom.querySelectorAll('.cm-sb-ai-line')).toHaveLength(2)
    expect(view.dom.querySelector('.cm-sb-ai-text')?.textContent).toBe('MARA')
  })

  it('marks only the words accepted one at a time, as one range', async () => {
    const { view, source } = createView()
    await suggest(view, source, 'She opens the fridge.')
    expect(acceptSuggestionWord(view)).toBe(true)
    expect(acceptSuggestionWord(view)).toBe(true)
    expect(spans(view)).toEqual(['She opens '])
    expect(view.state.doc.toString()).toBe(`${doc}She opens `)
  })

  it('follows edits before it, and drops what the writer types inside it', async () => {
    const { view, source } = createView()
    await suggest(view, source, 'She opens the fridge.')
    acceptSuggestion(view)
    view.dispatch({ changes: { from: 0, insert: 'EXT' }, userEvent: 'input' })
    expect(spans(view)).toEqual(['She opens the fridge.'])
    const at = view.state.doc.toString().indexOf('the fridge')
    // Retyping a word inside the range: the new word is the writer's.
    view.dispatch({ changes: { from: at, to: at + 3, insert: 'a' }, userEvent: 'input' })
    expect(spans(view)).toEqual(['She opens ', ' fridge.'])
    // Typing at the range's end stays outside it.
    const end = view.state.doc.length
    view.dispatch({ changes: { from: end, insert: ' Empty.' }, userEvent: 'input' })
    expect(spans(view)).toEqual(['She opens ', ' fridge.'])
  })

  it('undo of an accept removes the mark with the text; redo brings both back', async () => {
    const { view, source } = createView()
    await suggest(view, source, 'She opens the fridge.')
    acceptSuggestion(view)
    expect(undo(view)).toBe(true)
    expect(view.state.doc.toString()).toBe(doc)
    expect(aiMarksOf(view.state)).toEqual([])
    expect(view.dom.querySelector('.cm-sb-ai-line')).toBeNull()
    expect(redo(view)).toBe(true)
    expect(spans(view)).toEqual(['She opens the fridge.'])
  })

  it('undo of deleting AI text brings the mark back', async () => {
    const { view, source } = createView()
    await suggest(view, source, 'She opens the fridge.')
    acceptSuggestion(view)
    const from = view.state.doc.toString().indexOf('opens')
    view.dispatch({
      changes: { from, to: from + 6 },
      userEvent: 'delete',
      annotations: isolateHistory.of('before')
    })
    expect(spans(view)).toEqual(['She the fridge.'])
    undo(view)
    expect(view.state.doc.toString()).toBe(`${doc}She opens the fridge.`)
    expect(spans(view).join('')).toBe('She opens the fridge.')
  })

  it('marks a snippet inserted at the cursor, and a whole set of marks can be restored', () => {
    const { view } = createView()
    view.dispatch(
      snippetInsertion(view.state, { typed: '', written: 'A snippet.' }, 'snippet-model')
    )
    expect(aiMarksOf(view.state)).toMatchObject([{ model: 'snippet-model' }])
    view.dispatch({ effects: setAiMarks.of([{ from: 0, to: 4, model: 'm', at: 1 }]) })
    expect(spans(view)).toEqual(['INT.'])
  })

  it('does not mark typing', () => {
    const { view } = createView()
    view.dispatch({ changes: { from: doc.length, insert: 'typed' }, userEvent: 'input.type' })
    expect(aiMarksOf(view.state)).toEqual([])
  })
})

describe('AI-text marks on save and open', () => {
  async function acceptedState() {
    const { view, source } = createView()
    await suggest(view, source, 'MARA\nWhere were you?\n')
    acceptSuggestion(view)
    return view.state
  }

  it.each(['sidecar', 'notes'] as const)('round-trips through %s', async (mode) => {
    const state = await acceptedState()
    const saved = saveWithMarks(state, mode)
    expect(saved.text === state.doc.toString()).toBe(mode === 'sidecar')
    const opened = openWithMarks(
      { name: 'x.fountain', text: saved.text, provenance: saved.provenance ?? undefined },
      mode
    )
    expect(opened.text).toBe(state.doc.toString())
    // Notes keep the time to the second.
    const seconds = (marks: AiTextMark[]) =>
      marks.map((mark) => ({ ...mark, at: Math.floor(mark.at / 1000) }))
    expect(seconds(opened.marks)).toEqual(seconds(aiMarksOf(state)))
    expect(opened.warning).toBeUndefined()
  })

  it('off writes and reads nothing', async () => {
    const state = await acceptedState()
    expect(saveWithMarks(state, 'off')).toEqual({ text: state.doc.toString() })
    const notes = saveWithMarks(state, 'notes').text
    expect(openWithMarks({ name: 'x', text: notes }, 'off')).toEqual({ text: notes, marks: [] })
  })

  it('warns and restores no marks when the sidecar does not fit the text', async () => {
    const state = await acceptedState()
    const saved = saveWithMarks(state, 'sidecar')
    const opened = openWithMarks(
      { name: 'x.fountain', text: `${saved.text}More.`, provenance: saved.provenance! },
      'sidecar'
    )
    expect(opened.marks).toEqual([])
    expect(opened.warning).toMatch(/changed outside Script Buddy/)
  })
})
