// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EditorSelection } from '@codemirror/state'
import { EditorFeed } from '../../../../src/renderer/src/panels/editor-feed'
import { screenplayEditor } from '../../../../src/renderer/src/editor/screenplay-editor'
import { editorWith, type } from '../editor/editor-harness'

describe('EditorFeed', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  function setup() {
    vi.useFakeTimers()
    const feed = new EditorFeed(150)
    const view = editorWith('INT. HOUSE - DAY\n\n|', [screenplayEditor(), feed.extension])
    const heard = vi.fn()
    feed.subscribe(heard)
    feed.attach(view)
    heard.mockClear()
    return { feed, view, heard }
  }

  it('publishes the view state when a view is attached, and null when it goes', () => {
    const { feed, view, heard } = setup()
    expect(feed.snapshot()).toBe(view.state)
    expect(feed.currentView()).toBe(view)
    feed.attach(null)
    expect(feed.snapshot()).toBeNull()
    expect(heard).toHaveBeenCalledTimes(1)
    view.destroy()
  })

  it('tells subscribers about typing only after the writer pauses, once per pause', () => {
    const { feed, view, heard } = setup()
    const before = feed.snapshot()
    type(view, 'Rain.')
    vi.advanceTimersByTime(100)
    // Still typing: nothing published, the snapshot is the old state.
    expect(heard).not.toHaveBeenCalled()
    expect(feed.snapshot()).toBe(before)
    type(view, ' More rain.')
    vi.advanceTimersByTime(149)
    expect(heard).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(heard).toHaveBeenCalledTimes(1)
    expect(feed.snapshot()).toBe(view.state)
    expect(feed.snapshot()?.doc.toString()).toBe('INT. HOUSE - DAY\n\nRain. More rain.')
    view.destroy()
  })

  it('publishes cursor moves, and a swapped-in state on refresh', () => {
    const { feed, view, heard } = setup()
    view.dispatch({ selection: EditorSelection.cursor(0) })
    vi.advanceTimersByTime(150)
    expect(heard).toHaveBeenCalledTimes(1)
    expect(feed.snapshot()?.selection.main.head).toBe(0)
    // Switching documents swaps the state without an update: the pane's owner calls refresh.
    const other = editorWith('EXT. ROAD - NIGHT').state
    view.setState(other)
    expect(feed.snapshot()).not.toBe(other)
    feed.refresh()
    expect(feed.snapshot()).toBe(other)
    expect(heard).toHaveBeenCalledTimes(2)
    view.destroy()
  })

  it('ignores views it is not attached to, and stops after dispose', () => {
    const { feed, view, heard } = setup()
    const stranger = editorWith('|', [screenplayEditor(), feed.extension])
    type(stranger, 'x')
    vi.advanceTimersByTime(500)
    expect(heard).not.toHaveBeenCalled()
    type(view, 'y')
    feed.dispose()
    vi.advanceTimersByTime(500)
    expect(heard).not.toHaveBeenCalled()
    stranger.destroy()
    view.destroy()
  })
})
