// @vitest-environment jsdom
// Ghost-text lifecycle in a real EditorView with a FAKE suggestion source (no model): aborting on
// conflicting edits, typing through a suggestion, stale updates, selection moves, errors, and the
// debounced as-you-type mode (fake timers).
import { EditorSelection, EditorState } from '@codemirror/state'
import type { EditorView } from '@codemirror/view'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  ghostTextState,
  requestSuggestion,
  type GhostTextSnapshot
} from '../../../../../src/renderer/src/editor/ghost-text'
import { appendText } from '../../../../../src/renderer/src/editor/ghost-text/state'
import { createView, fakeSource, ghostDom, press, settle, type } from './fake-source'

let view: EditorView | null = null
afterEach(() => {
  view?.destroy()
  view = null
  vi.useRealTimers()
})

const doc = 'EXT. PIER - DAY\n\nGulls '

async function streaming(text: string, options: { finish?: boolean } = {}) {
  const source = fakeSource()
  view = createView(doc, { request: source.request })
  requestSuggestion(view)
  await settle()
  const [request] = source.requests
  request.send(0, text)
  if (options.finish) request.finish()
  await settle()
  return { view, source, request }
}

describe('edits while a suggestion is pending', () => {
  it('an edit before the anchor aborts the request and clears the suggestion', async () => {
    const { view, request } = await streaming('wheel over')
    view.dispatch({ changes: { from: 0, insert: 'X' } })
    expect(request.context.signal.aborted).toBe(true)
    expect(ghostTextState(view.state).status).toBe('idle')
    expect(ghostDom(view)).toBeNull()
    request.send(0, ' the boats.')
    await settle()
    expect(ghostTextState(view.state).status).toBe('idle')
    expect(view.state.doc.toString()).toBe('X' + doc)
  })

  it('typing text that does not match the suggestion aborts and clears it', async () => {
    const { view, request } = await streaming('wheel over')
    type(view, 'cry')
    expect(request.context.signal.aborted).toBe(true)
    expect(ghostTextState(view.state).status).toBe('idle')
    expect(view.state.doc.toString()).toBe(doc + 'cry')
  })

  it('deleting at the anchor aborts', async () => {
    const { view, request } = await streaming('wheel over')
    const end = view.state.doc.length
    view.dispatch({ changes: { from: end - 1, to: end }, userEvent: 'delete.backward' })
    expect(request.context.signal.aborted).toBe(true)
    expect(ghostTextState(view.state).status).toBe('idle')
  })

  it('typing the next characters of the suggestion consumes them and keeps streaming', async () => {
    const { view, request } = await streaming('wheel over')
    type(view, 'wh')
    type(view, 'ee')
    expect(request.context.signal.aborted).toBe(false)
    expect(ghostTextState(view.state)).toMatchObject({
      status: 'streaming',
      alternatives: ['l over'],
      anchor: doc.length + 4
    })
    expect(ghostDom(view)?.textContent).toBe('l over')
    request.send(0, ' the boats.')
    request.finish()
    await settle()
    expect(ghostDom(view)?.textContent).toBe('l over the boats.')
    press(view, 'Tab')
    expect(view.state.doc.toString()).toBe(doc + 'wheel over the boats.')
  })

  it('typing all of a finished suggestion ends it', async () => {
    const { view, request } = await streaming('cry.', { finish: true })
    type(view, 'cry.')
    expect(ghostTextState(view.state).status).toBe('idle')
    expect(request.context.signal.aborted).toBe(false)
  })

  it('drops alternatives that disagree with what was typed', async () => {
    const { view, request } = await streaming('wheel.')
    request.send(1, 'dive.')
    request.send(2, 'wait.')
    await settle()
    expect(ghostTextState(view.state).alternatives).toEqual(['wheel.', 'dive.', 'wait.'])
    type(view, 'w')
    expect(ghostTextState(view.state).alternatives).toEqual(['heel.', 'ait.'])
  })

  it('moving the selection away from the anchor dismisses and aborts', async () => {
    const { view, request } = await streaming('wheel over')
    view.dispatch({ selection: EditorSelection.cursor(3) })
    expect(request.context.signal.aborted).toBe(true)
    expect(ghostTextState(view.state)).toMatchObject({ status: 'idle', anchor: null })
    expect(ghostDom(view)).toBeNull()
  })

  it('an edit after the anchor keeps the suggestion', async () => {
    const source = fakeSource()
    view = createView(doc + ' tail', { request: source.request }, [], doc.length)
    requestSuggestion(view)
    await settle()
    source.requests[0].send(0, 'wheel')
    await settle()
    view.dispatch({ changes: { from: view.state.doc.length, insert: '!' } })
    expect(ghostTextState(view.state)).toMatchObject({ status: 'streaming', anchor: doc.length })
  })
})

describe('switching editor states', () => {
  it('a state stored mid-request is cleared when shown again, its request aborted', async () => {
    const { view, request } = await streaming('wheel')
    const stored = view.state
    view.setState(EditorState.create({ doc: 'other document' }))
    expect(request.context.signal.aborted).toBe(true)
    view.setState(stored)
    await settle()
    expect(ghostTextState(view.state).status).toBe('idle')
    expect(ghostDom(view)).toBeNull()
    expect(view.state.doc.toString()).toBe(doc)
  })
})

describe('request ids', () => {
  it('drops updates from a replaced request', async () => {
    const { view, source, request: first } = await streaming('wheel')
    requestSuggestion(view)
    await settle()
    expect(first.context.signal.aborted).toBe(true)
    first.send(0, ' STALE')
    await settle()
    expect(ghostTextState(view.state)).toMatchObject({ status: 'loading', alternatives: [] })
    source.requests[1].send(0, 'cry.')
    await settle()
    expect(ghostTextState(view.state).alternatives).toEqual(['cry.'])
  })

  it('the state field ignores an update carrying an older id', async () => {
    const { view } = await streaming('wheel')
    requestSuggestion(view)
    await settle()
    view.dispatch({ effects: appendText.of({ id: 1, alternative: 0, text: 'STALE' }) })
    expect(ghostTextState(view.state).status).toBe('loading')
    view.dispatch({ effects: appendText.of({ id: 2, alternative: 0, text: 'fresh' }) })
    expect(ghostTextState(view.state).alternatives).toEqual(['fresh'])
  })
})

describe('errors and status', () => {
  it('a failing source shows status error with its message, cleared by the next edit', async () => {
    const { view, request } = await streaming('wh')
    request.fail(new Error('The model is not loaded; open Settings to load it.'))
    await settle()
    expect(ghostTextState(view.state)).toMatchObject({
      status: 'error',
      error: 'The model is not loaded; open Settings to load it.',
      alternatives: []
    })
    expect(ghostDom(view)).toBeNull()
    type(view, 'x')
    expect(ghostTextState(view.state).status).toBe('idle')
  })

  it('reports every status change through onStatus', async () => {
    const source = fakeSource()
    const statuses: GhostTextSnapshot[] = []
    view = createView(doc, { request: source.request, onStatus: (status) => statuses.push(status) })
    requestSuggestion(view)
    await settle()
    source.requests[0].send(0, 'wheel')
    await settle()
    source.requests[0].send(1, 'dive')
    await settle()
    source.requests[0].finish()
    await settle()
    press(view, ']', { altKey: true })
    press(view, 'Escape')
    const chip = statuses.map(
      (status) => `${status.status} ${status.index + 1}/${status.alternatives.length}`
    )
    expect(chip).toEqual([
      'idle 1/0',
      'loading 1/0',
      'streaming 1/1',
      'streaming 1/2',
      'shown 1/2',
      'shown 2/2',
      'idle 1/0'
    ])
  })
})

describe('as-you-type mode', () => {
  it('requests once after the writer pauses, and every edit resets the delay', async () => {
    vi.useFakeTimers()
    const source = fakeSource()
    view = createView(doc, {
      request: source.request,
      suggestOnPause: { delayMs: 300, maxChars: 8 }
    })
    type(view, 'w')
    vi.advanceTimersByTime(200)
    type(view, 'h')
    vi.advanceTimersByTime(200)
    await settle()
    expect(source.requests).toHaveLength(0)
    vi.advanceTimersByTime(100)
    await settle()
    expect(source.requests).toHaveLength(1)
    expect(source.requests[0].context).toMatchObject({
      trigger: 'pause',
      maxChars: 8,
      position: doc.length + 2
    })
    source.requests[0].send(0, 'eel over the boats')
    await settle()
    expect(ghostTextState(view.state).alternatives).toEqual(['eel over'])
  })

  it('an edit aborts the request in flight and a new pause requests again', async () => {
    vi.useFakeTimers()
    const source = fakeSource()
    view = createView(doc, { request: source.request, suggestOnPause: { delayMs: 100 } })
    type(view, 'w')
    vi.advanceTimersByTime(100)
    await settle()
    expect(source.requests).toHaveLength(1)
    type(view, 'h')
    expect(source.requests[0].context.signal.aborted).toBe(true)
    vi.advanceTimersByTime(100)
    await settle()
    expect(source.requests).toHaveLength(2)
    expect(source.requests[1].context.signal.aborted).toBe(false)
  })

  it('does not request after moving the cursor or without the mode', async () => {
    vi.useFakeTimers()
    const source = fakeSource()
    view = createView(doc, { request: source.request })
    type(view, 'w')
    vi.advanceTimersByTime(10_000)
    await settle()
    expect(source.requests).toHaveLength(0)
    view.destroy()
    view = createView(doc, { request: source.request, suggestOnPause: { delayMs: 100 } })
    view.dispatch({ selection: { anchor: 0 }, userEvent: 'select' })
    vi.advanceTimersByTime(1000)
    await settle()
    expect(source.requests).toHaveLength(0)
  })
})

describe('drawing streamed text', () => {
  it('draws the tokens that arrive within one frame in one transaction, joined per alternative', async () => {
    const source = fakeSource()
    const statuses: GhostTextSnapshot[] = []
    view = createView(doc, { request: source.request, onStatus: (status) => statuses.push(status) })
    requestSuggestion(view)
    await settle()
    const [request] = source.requests
    const before = statuses.length
    for (const piece of ['wh', 'eel', ' over']) request.send(0, piece)
    request.send(1, 'dive')
    request.replace(1, 'wait')
    request.send(1, ' here')
    await settle()
    expect(statuses.length - before).toBe(1)
    expect(ghostTextState(view.state).alternatives).toEqual(['wheel over', 'wait here'])
  })
})
