/// Test support: a FAKE suggestion source (no model) whose streams the tests drive by hand, and a
/// real EditorView to run the ghost-text extension in (jsdom).
import { history } from '@codemirror/commands'
import { EditorState, type Extension } from '@codemirror/state'
import { EditorView, keymap, runScopeHandlers } from '@codemirror/view'
import { vi } from 'vitest'
import {
  ghostText,
  type GhostTextConfig,
  type SuggestionContext,
  type SuggestionUpdate
} from '../../../../../src/renderer/src/editor/ghost-text'

// jsdom lays nothing out and has no Range.getClientRects, which CodeMirror's measure (run in an
// animation frame, which settle() now waits for) asks of text: give ranges empty rectangles.
if (typeof Range !== 'undefined' && typeof Range.prototype.getClientRects !== 'function') {
  const empty = Object.assign([] as DOMRect[], { item: () => null }) as unknown as DOMRectList
  Range.prototype.getClientRects = () => empty
  Range.prototype.getBoundingClientRect = () => new DOMRect()
}

/// One request the fake source received, with controls for its stream.
export interface FakeRequest {
  readonly context: SuggestionContext
  /// Sends text for one alternative.
  send(alternative: number, text: string): void
  /// Replaces one alternative's text.
  replace(alternative: number, text: string): void
  /// Ends the stream with `{ done: true }`.
  finish(): void
  /// Makes the stream throw.
  fail(error: Error): void
}

/// A fake source: records every request and streams only what the test sends.
export function fakeSource(): { request: GhostTextConfig['request']; requests: FakeRequest[] } {
  const requests: FakeRequest[] = []
  const request = (context: SuggestionContext): AsyncIterable<SuggestionUpdate> => {
    const queue: Array<{ update: SuggestionUpdate } | { error: Error }> = []
    let wake: (() => void) | null = null
    const enqueue = (item: { update: SuggestionUpdate } | { error: Error }): void => {
      queue.push(item)
      wake?.()
      wake = null
    }
    requests.push({
      context,
      send: (alternative, text) => enqueue({ update: { alternative, text } }),
      replace: (alternative, text) => enqueue({ update: { alternative, text, replace: true } }),
      finish: () => enqueue({ update: { done: true } }),
      fail: (error) => enqueue({ error })
    })
    return (async function* () {
      for (;;) {
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve))
        const item = queue.shift()!
        if ('error' in item) throw item.error
        yield item.update
      }
    })()
  }
  return { request, requests }
}

/// Lets queued promise callbacks (the source's stream) run, then the next animation frame, where
/// the plugin draws the text streamed since the last frame, and what that frame queued.
export async function settle(): Promise<void> {
  const turns = async () => {
    for (let turn = 0; turn < 30; turn++) await Promise.resolve()
  }
  await turns()
  if (vi.isFakeTimers()) {
    vi.advanceTimersToNextFrame()
  } else {
    await new Promise<void>((resolve) =>
      typeof requestAnimationFrame === 'function'
        ? requestAnimationFrame(() => resolve())
        : setTimeout(resolve, 0)
    )
  }
  await turns()
}

/// A real editor view with history, the extension under test and any extra extensions.
export function createView(
  doc: string,
  config: GhostTextConfig,
  extra: Extension = [],
  cursor = doc.length
): EditorView {
  const state = EditorState.create({
    doc,
    selection: { anchor: cursor },
    extensions: [history(), ghostText(config), extra]
  })
  return new EditorView({ state, parent: document.body })
}

/// A lower-precedence Tab binding that records whether Tab reached it.
export function tabFallback(): { extension: Extension; presses: () => number } {
  let presses = 0
  const extension = keymap.of([{ key: 'Tab', run: () => (presses++, true) }])
  return { extension, presses: () => presses }
}

const keyCodes: Record<string, number> = {
  Tab: 9,
  Escape: 27,
  ArrowRight: 39,
  '\\': 220,
  ']': 221,
  '[': 219
}

/// Runs the editor's key bindings for a key press; true when a binding handled it.
export function press(
  view: EditorView,
  key: string,
  modifiers: { altKey?: boolean; ctrlKey?: boolean } = {}
): boolean {
  const event = new KeyboardEvent('keydown', {
    key,
    keyCode: keyCodes[key],
    bubbles: true,
    cancelable: true,
    ...modifiers
  })
  return runScopeHandlers(view, event, 'editor')
}

/// Types text at the cursor the way the editor's input handling does.
export function type(view: EditorView, text: string): void {
  const head = view.state.selection.main.head
  view.dispatch({
    changes: { from: head, insert: text },
    selection: { anchor: head + text.length },
    userEvent: 'input.type'
  })
}

/// The ghost text's rendered text ('' when none is drawn).
export function ghostDom(view: EditorView): HTMLElement | null {
  return view.contentDOM.querySelector<HTMLElement>('.cm-ghost-text')
}
