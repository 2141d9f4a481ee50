/// The cursor holds still while the writer types and blinks again once they pause, as in most
/// editors. Besides being easier to follow, it is cheaper: CodeMirror restarts the cursor's blink
/// animation on every selection change (it swaps the animation's name), and in Chromium each
/// restart cost a style recalculation of about a millisecond a key (traced on the 2-core VM: style
/// recalc 1.66 → 0.47 ms a key without it; input + frame work per key 0.6 ms less on average,
/// BENCHMARKS.md, session 8). While typing, a data attribute on the scroller turns the animation
/// off; the first key of a burst sets it and a timer clears it after a pause, so the keys inside a
/// burst change nothing but CodeMirror's own inline style.
import type { Extension } from '@codemirror/state'
import { EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view'

/// How long after the last edit or cursor move the cursor starts blinking again.
export const CURSOR_REST_MS = 500

/// The scroller's attribute while the writer types (the theme below keys on it).
export const TYPING_ATTRIBUTE = 'data-sb-typing'

class SteadyCursor {
  private lastMoveAt = -Infinity
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly view: EditorView,
    private readonly restMs: number,
    private readonly now: () => number
  ) {}

  update(update: ViewUpdate): void {
    if (!update.docChanged && !update.selectionSet) return
    this.lastMoveAt = this.now()
    if (this.timer !== null) return
    this.view.scrollDOM.setAttribute(TYPING_ATTRIBUTE, '')
    this.schedule(this.restMs)
  }

  // One timer per burst, not one per key: when it fires early it waits out the remainder.
  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      const left = this.lastMoveAt + this.restMs - this.now()
      if (left > 0) {
        this.schedule(left)
        return
      }
      this.timer = null
      this.view.scrollDOM.removeAttribute(TYPING_ATTRIBUTE)
    }, delayMs)
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.view.scrollDOM.removeAttribute(TYPING_ATTRIBUTE)
  }
}

const steadyCursorTheme = EditorView.baseTheme({
  // CodeMirror sets the animation's name inline; only !important outranks it.
  [`.cm-scroller[${TYPING_ATTRIBUTE}] > .cm-cursorLayer`]: { animationName: 'none !important' }
})

/// Holds the cursor steady while the writer types (see the top of this file). `restMs` and `now`
/// are for tests.
export function steadyCursor(
  restMs = CURSOR_REST_MS,
  now: () => number = () => performance.now()
): Extension {
  return [ViewPlugin.define((view) => new SteadyCursor(view, restMs, now)), steadyCursorTheme]
}
