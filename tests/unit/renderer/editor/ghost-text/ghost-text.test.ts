// @vitest-environment jsdom
// Ghost-text display and commands, in a real EditorView with a FAKE suggestion source (no model):
// the tests stream text by hand and check the document, the decoration and the undo history.
import { autocompletion, completionStatus, startCompletion } from '@codemirror/autocomplete'
import { undo } from '@codemirror/commands'
import type { EditorView } from '@codemirror/view'
import { afterEach, describe, expect, it } from 'vitest'
import {
  acceptSuggestion,
  ghostTextState,
  requestSuggestion
} from '../../../../../src/renderer/src/editor/ghost-text'
import { createView, fakeSource, ghostDom, press, settle, tabFallback, type } from './fake-source'

let view: EditorView | null = null
afterEach(() => {
  view?.destroy()
  view = null
})

const doc = 'INT. KITCHEN - NIGHT\n\nMara '

async function shownSuggestion(...alternatives: string[]) {
  const source = fakeSource()
  const fallback = tabFallback()
  view = createView(doc, { request: source.request }, fallback.extension)
  expect(press(view, '\\', { altKey: true })).toBe(true)
  await settle()
  const [request] = source.requests
  alternatives.forEach((text, alternative) => request.send(alternative, text))
  request.finish()
  await settle()
  return { view, source, request, fallback }
}

// A suggestion still streaming at the end of `doc`, with `text` so far.
async function streamingSuggestion(text: string) {
  const source = fakeSource()
  view = createView(doc, { request: source.request })
  requestSuggestion(view)
  await settle()
  source.requests[0].send(0, text)
  await settle()
  return { view, request: source.requests[0] }
}

describe('ghost text display', () => {
  it('streams a suggestion as a decoration without changing the document', async () => {
    const source = fakeSource()
    view = createView(doc, { request: source.request })
    expect(requestSuggestion(view)).toBe(true)
    expect(ghostTextState(view.state).status).toBe('loading')
    await settle()
    expect(source.requests).toHaveLength(1)
    expect(source.requests[0].context.position).toBe(doc.length)
    expect(source.requests[0].context.trigger).toBe('explicit')

    source.requests[0].send(0, 'pours ')
    await settle()
    expect(ghostTextState(view.state)).toMatchObject({
      status: 'streaming',
      alternatives: ['pours '],
      anchor: doc.length
    })
    expect(ghostDom(view)?.textContent).toBe('pours ')
    expect(ghostDom(view)?.classList.contains('cm-ghost-text-streaming')).toBe(true)

    source.requests[0].send(0, 'coffee.')
    source.requests[0].finish()
    await settle()
    expect(ghostTextState(view.state).status).toBe('shown')
    expect(ghostDom(view)?.textContent).toBe('pours coffee.')
    expect(view.state.doc.toString()).toBe(doc)
    const dom = ghostDom(view)!
    expect(dom.getAttribute('aria-hidden')).toBe('true')
    expect(dom.style.pointerEvents).toBe('none')
  })

  it('renders each line as a span classed by classifyLine, seeing the lines before it', async () => {
    const source = fakeSource()
    const seen: Array<[string, string[]]> = []
    view = createView('FADE IN:\n\n', {
      request: source.request,
      classifyLine: (line, previous) => {
        seen.push([line, [...previous]])
        return line === line.toUpperCase() && line.trim() ? 'cue' : line ? 'dialogue' : null
      }
    })
    requestSuggestion(view)
    await settle()
    source.requests[0].send(0, 'MARA\nWe are out of milk.\n\nJO')
    source.requests[0].finish()
    await settle()
    // The first line continues the cursor's line; the others are a block below it.
    const [inline, below] = [...view.contentDOM.querySelectorAll('.cm-ghost-text')]
    expect(inline.closest('.cm-line')).not.toBeNull()
    expect(below.parentElement).toBe(view.contentDOM)
    expect(below.className).toBe('cm-ghost-text cm-ghost-text-below')
    const spans = [...inline.children, ...below.children] as HTMLElement[]
    expect(spans.map((span) => span.textContent)).toEqual(['MARA', 'We are out of milk.', '', 'JO'])
    expect(spans.map((span) => span.className)).toEqual([
      'cm-ghost-text-line cue',
      'cm-ghost-text-line cm-ghost-text-block dialogue',
      'cm-ghost-text-line cm-ghost-text-block',
      'cm-ghost-text-line cm-ghost-text-block cue'
    ])
    expect(seen[1]).toEqual(['We are out of milk.', ['FADE IN:', '', 'MARA']])
  })

  it('keeps every line inline before text that follows the cursor on its line', async () => {
    const source = fakeSource()
    view = createView('Mara  the dishes.', { request: source.request })
    view.dispatch({ selection: { anchor: 5 } })
    requestSuggestion(view)
    await settle()
    source.requests[0].send(0, 'stacks\nand dries')
    await settle()
    const ghosts = view.contentDOM.querySelectorAll('.cm-ghost-text')
    expect(ghosts).toHaveLength(1)
    expect(ghosts[0].closest('.cm-line')?.textContent).toContain('the dishes.')
    expect([...ghosts[0].children].map((span) => span.textContent)).toEqual(['stacks', 'and dries'])
  })

  it('typing through the first line leaves the block below it untouched', async () => {
    const { view } = await streamingSuggestion('pours coffee.\n\nELSA\nThanks.')
    const below = view.contentDOM.querySelector('.cm-ghost-text-below')!
    const lines = [...below.children]
    const texts = lines.map((line) => line.firstChild)
    type(view, 'po')
    await settle()
    expect(ghostDom(view)?.textContent).toBe('urs coffee.')
    expect(view.contentDOM.querySelector('.cm-ghost-text-below')).toBe(below)
    expect([...below.children]).toEqual(lines)
    expect([...below.children].map((line) => line.firstChild)).toEqual(texts)
  })
})

describe('accepting', () => {
  it('Tab inserts the whole suggestion as one undo step and puts the cursor after it', async () => {
    const { view, fallback } = await shownSuggestion('pours coffee.\n')
    expect(press(view, 'Tab')).toBe(true)
    expect(fallback.presses()).toBe(0)
    expect(view.state.doc.toString()).toBe(doc + 'pours coffee.\n')
    expect(view.state.selection.main.head).toBe(view.state.doc.length)
    expect(ghostTextState(view.state).status).toBe('idle')
    expect(ghostDom(view)).toBeNull()
    expect(undo(view)).toBe(true)
    expect(view.state.doc.toString()).toBe(doc)
  })

  it('Tab while streaming inserts the text so far and stops the request', async () => {
    const { view, request } = await streamingSuggestion('pours ')
    expect(press(view, 'Tab')).toBe(true)
    expect(request.context.signal.aborted).toBe(true)
    request.send(0, 'coffee.')
    await settle()
    expect(view.state.doc.toString()).toBe(doc + 'pours ')
    expect(ghostTextState(view.state).status).toBe('idle')
    expect(ghostDom(view)).toBeNull()
  })

  it('Tab falls through to other bindings when no suggestion is shown', async () => {
    const source = fakeSource()
    const fallback = tabFallback()
    view = createView(doc, { request: source.request }, fallback.extension)
    expect(press(view, 'Tab')).toBe(true)
    expect(fallback.presses()).toBe(1)
    // Still loading: nothing shown yet, so Tab is not ours either.
    requestSuggestion(view)
    await settle()
    expect(press(view, 'Tab')).toBe(true)
    expect(fallback.presses()).toBe(2)
    expect(acceptSuggestion(view)).toBe(false)
  })

  it('Mod-ArrowRight accepts one word at a time and keeps the rest shown', async () => {
    const { view } = await shownSuggestion('pours  coffee.\nJO')
    const accepted: string[] = []
    for (let step = 0; step < 3; step++) {
      const before = view.state.doc.length
      expect(press(view, 'ArrowRight', { ctrlKey: true })).toBe(true)
      accepted.push(view.state.doc.sliceString(before))
      expect(view.state.selection.main.head).toBe(view.state.doc.length)
    }
    expect(accepted).toEqual(['pours  ', 'coffee.\n', 'JO'])
    expect(ghostTextState(view.state).status).toBe('idle')
    // Nothing shown now: the key is not ours.
    expect(press(view, 'ArrowRight', { ctrlKey: true })).toBe(false)
    expect(undo(view)).toBe(true)
    expect(view.state.doc.toString()).toBe(doc + 'pours  coffee.\n')
  })

  it('shows the rest of the suggestion after each accepted word', async () => {
    const { view } = await shownSuggestion('pours coffee.')
    press(view, 'ArrowRight', { ctrlKey: true })
    expect(ghostDom(view)?.textContent).toBe('coffee.')
    expect(ghostTextState(view.state)).toMatchObject({
      status: 'shown',
      alternatives: ['coffee.'],
      anchor: doc.length + 'pours '.length
    })
  })
})

describe('alternatives and dismissal', () => {
  it('Alt-] and Alt-[ cycle through alternatives, wrapping', async () => {
    const { view } = await shownSuggestion('sighs.', 'laughs.', 'leaves.')
    const shown = () => ghostDom(view)?.textContent
    expect(shown()).toBe('sighs.')
    expect(press(view, ']', { altKey: true })).toBe(true)
    expect(shown()).toBe('laughs.')
    expect(ghostTextState(view.state).index).toBe(1)
    press(view, ']', { altKey: true })
    press(view, ']', { altKey: true })
    expect(shown()).toBe('sighs.')
    expect(press(view, '[', { altKey: true })).toBe(true)
    expect(shown()).toBe('leaves.')
    expect(ghostTextState(view.state)).toMatchObject({
      index: 2,
      alternatives: ['sighs.', 'laughs.', 'leaves.']
    })
    press(view, 'Tab')
    expect(view.state.doc.toString()).toBe(doc + 'leaves.')
  })

  it('offers an alternative once when the request finishes with copies of it', async () => {
    const source = fakeSource()
    view = createView(doc, { request: source.request })
    requestSuggestion(view)
    await settle()
    const [request] = source.requests
    ;['sighs.', 'laughs.', 'sighs.'].forEach((text, alternative) => request.send(alternative, text))
    await settle()
    // While streaming, copies may still part ways.
    expect(ghostTextState(view.state).alternatives).toEqual(['sighs.', 'laughs.', 'sighs.'])
    press(view, ']', { altKey: true })
    press(view, ']', { altKey: true })
    expect(ghostTextState(view.state).index).toBe(2)
    request.finish()
    await settle()
    expect(ghostTextState(view.state)).toMatchObject({
      status: 'shown',
      alternatives: ['sighs.', 'laughs.'],
      index: 0
    })
    expect(ghostDom(view)?.textContent).toBe('sighs.')
    expect(press(view, ']', { altKey: true })).toBe(true)
    expect(ghostDom(view)?.textContent).toBe('laughs.')
  })

  it('Escape dismisses a shown suggestion and otherwise falls through', async () => {
    const { view } = await shownSuggestion('sighs.')
    expect(press(view, 'Escape')).toBe(true)
    expect(ghostTextState(view.state).status).toBe('idle')
    expect(ghostDom(view)).toBeNull()
    expect(view.state.doc.toString()).toBe(doc)
    expect(press(view, 'Escape')).toBe(false)
  })

  it('Escape while loading aborts the request', async () => {
    const source = fakeSource()
    view = createView(doc, { request: source.request })
    requestSuggestion(view)
    await settle()
    expect(press(view, 'Escape')).toBe(true)
    expect(source.requests[0].context.signal.aborted).toBe(true)
    source.requests[0].send(0, 'late text')
    await settle()
    expect(ghostTextState(view.state).status).toBe('idle')
    expect(ghostDom(view)).toBeNull()
  })
})

describe('beside the completion list', () => {
  it('asking for a suggestion closes an open completion list', async () => {
    const source = fakeSource()
    const completion = autocompletion({
      override: [(context) => ({ from: context.pos - 1, options: [{ label: 'MATCH CUT TO:' }] })]
    })
    view = createView('INT. KITCHEN - NIGHT\n\nM', { request: source.request }, completion)
    startCompletion(view)
    for (let tries = 0; tries < 50 && completionStatus(view.state) !== 'active'; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(completionStatus(view.state)).toBe('active')
    expect(press(view, '\\', { altKey: true })).toBe(true)
    expect(completionStatus(view.state)).toBeNull()
    expect(source.requests).toHaveLength(0)
    await settle()
    expect(source.requests).toHaveLength(1)
  })
})

describe('replacing streamed text', () => {
  it('lets the source swap an alternative for its cleaned-up final text', async () => {
    const source = fakeSource()
    view = createView(doc, { request: source.request })
    requestSuggestion(view)
    await settle()
    const [request] = source.requests
    request.send(0, 'pours coffee and 12.')
    await settle()
    expect(ghostDom(view)?.textContent).toBe('pours coffee and 12.')
    request.replace(0, 'pours coffee.')
    request.finish()
    await settle()
    expect(ghostTextState(view.state)).toMatchObject({
      status: 'shown',
      alternatives: ['pours coffee.']
    })
    expect(view.state.doc.toString()).toBe(doc)
  })
})
