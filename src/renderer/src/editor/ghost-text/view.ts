import type { StateEffect } from '@codemirror/state'
import { EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view'
import { ghostTextConfig } from './config'
import {
  appendText,
  clearSuggestion,
  failRequest,
  finishRequest,
  ghostTextField,
  ghostTextState,
  isPending,
  MaxAlternatives,
  startRequest
} from './state'
import { FrameBatch } from '../../lib/frame-batch'

/// Pixels kept below the cursor when a suggestion starts (about six lines of script).
const GHOST_MARGIN = 120

interface RunningRequest {
  readonly id: number
  readonly controller: AbortController
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

// Runs the suggestion source for the newest request, aborts it when the field moves on (edit,
// dismissal, a newer request) and debounces as-you-type requests (decorations.ts draws the text).
export const ghostTextPlugin = ViewPlugin.fromClass(
  class {
    running: RunningRequest | null = null
    pauseTimer: ReturnType<typeof setTimeout> | null = null

    constructor(readonly view: EditorView) {
      const value = view.state.field(ghostTextField)
      // A state stored while a request ran (e.g. another document tab) has no source behind it
      // any more; clear it once this update is over.
      if (isPending(value.status)) {
        const id = value.requestId
        void Promise.resolve().then(() => {
          const now = this.view.state.field(ghostTextField)
          if (now.requestId === id && isPending(now.status) && this.running?.id !== id) {
            this.view.dispatch({ effects: clearSuggestion.of(null) })
          }
        })
      }
      view.state.facet(ghostTextConfig).onStatus?.(ghostTextState(view.state), view)
    }

    update(update: ViewUpdate): void {
      const before = update.startState.field(ghostTextField)
      const after = update.state.field(ghostTextField)
      if (this.running && (this.running.id !== after.requestId || !isPending(after.status))) {
        this.abort()
      }
      if (after.status === 'loading' && after.requestId !== before.requestId) {
        this.start(after.requestId)
      }
      if (update.docChanged || update.selectionSet) this.schedulePause(update)
      if (before !== after) {
        update.state.facet(ghostTextConfig).onStatus?.(ghostTextState(update.state), update.view)
      }
    }

    destroy(): void {
      this.abort()
      this.clearPause()
    }

    abort(): void {
      this.running?.controller.abort()
      this.running = null
    }

    start(id: number): void {
      this.abort()
      const controller = new AbortController()
      this.running = { id, controller }
      void this.run(id, controller)
    }

    async run(id: number, controller: AbortController): Promise<void> {
      // The source is called after the current view update, so it may dispatch freely.
      await Promise.resolve()
      const { signal } = controller
      const value = this.view.state.field(ghostTextField)
      if (signal.aborted || value.requestId !== id || value.anchor === null) return
      const config = this.view.state.facet(ghostTextConfig)
      const finish = (effect: StateEffect<unknown>) => {
        if (signal.aborted) return
        this.running = null
        this.view.dispatch({ effects: effect })
      }
      try {
        const updates = config.request({
          state: this.view.state,
          position: value.anchor,
          signal,
          trigger: value.trigger,
          maxChars: value.maxChars
        })
        // One transaction per frame for all alternatives' new text.
        let shown = false
        const batch = new FrameBatch((texts) => {
          if (signal.aborted) return
          const effects: StateEffect<unknown>[] = texts.map((update) =>
            appendText.of({ id, ...update })
          )
          // The first text scrolls the suggestion's first lines into view: asked for on the last
          // line of the window, it would otherwise stream unseen below it.
          const anchor = this.view.state.field(ghostTextField).anchor
          if (!shown && anchor !== null) {
            effects.push(EditorView.scrollIntoView(anchor, { y: 'nearest', yMargin: GHOST_MARGIN }))
          }
          shown = true
          this.view.dispatch({ effects })
        })
        signal.addEventListener('abort', () => batch.drop(), { once: true })
        for await (const update of updates) {
          if (signal.aborted) return
          if ('done' in update) break
          checkUpdate(update)
          if (update.text || update.replace) batch.add(update)
        }
        batch.flush()
        finish(finishRequest.of({ id }))
      } catch (error) {
        finish(failRequest.of({ id, message: describe(error) }))
      }
    }

    schedulePause(update: ViewUpdate): void {
      this.clearPause()
      const pause = update.state.facet(ghostTextConfig).suggestOnPause
      if (!pause || !update.docChanged) return
      const typed = update.transactions.some(
        (tr) => tr.isUserEvent('input') || tr.isUserEvent('delete')
      )
      if (!typed) return
      this.pauseTimer = setTimeout(() => {
        this.pauseTimer = null
        const state = this.view.state
        const value = state.field(ghostTextField)
        const { ranges, main } = state.selection
        if (value.status !== 'idle' && value.status !== 'error') return
        if (ranges.length !== 1 || !main.empty) return
        this.view.dispatch({
          effects: startRequest.of({
            id: value.requestId + 1,
            anchor: main.head,
            trigger: 'pause',
            maxChars: pause.maxChars
          })
        })
      }, pause.delayMs)
    }

    clearPause(): void {
      if (this.pauseTimer !== null) clearTimeout(this.pauseTimer)
      this.pauseTimer = null
    }
  }
)

function checkUpdate(update: { alternative: number; text: string }): void {
  const { alternative, text } = update
  if (!Number.isInteger(alternative) || alternative < 0 || alternative >= MaxAlternatives) {
    throw new RangeError(
      `The suggestion source sent alternative ${alternative}; alternatives are numbered 0 to ` +
        `${MaxAlternatives - 1}. Fix the source's updates.`
    )
  }
  if (typeof text !== 'string') {
    throw new TypeError(`The suggestion source sent ${typeof text} text; send a string.`)
  }
}
