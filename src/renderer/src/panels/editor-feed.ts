/// Lets the side panels and the page view follow the editor without slowing typing down: the
/// editor publishes its latest state here, and subscribers hear about it once the writer pauses.
import type { EditorState, Extension } from '@codemirror/state'
import { EditorView, type ViewUpdate } from '@codemirror/view'

/// How long the editor must be quiet before subscribers are told about a change.
export const FEED_IDLE_MS = 150

/// The editor's current view and state, published to subscribers after a short idle delay.
/// Install `extension` in every document's state and pass `attach` as the EditorPane's `onView`.
export class EditorFeed {
  /// Reports document and selection changes of any view the states are shown in.
  readonly extension: Extension
  private view: EditorView | null = null
  private state: EditorState | null = null
  private readonly listeners = new Set<() => void>()
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly idleMs = FEED_IDLE_MS) {
    this.extension = EditorView.updateListener.of((update: ViewUpdate) => {
      if (update.view === this.view && (update.docChanged || update.selectionSet)) {
        this.schedule()
      }
    })
  }

  /// Use as the EditorPane's `onView`: the view being shown, or null when it goes away.
  readonly attach = (view: EditorView | null): void => {
    this.view = view
    this.publish()
  }

  /// Reads the view's state again now (after the pane swapped documents).
  refresh(): void {
    this.publish()
  }

  /// The editor view, for commands such as moving the cursor; null when none is shown.
  currentView(): EditorView | null {
    return this.view
  }

  /// The last published state; stable between notifications (for `useSyncExternalStore`).
  readonly snapshot = (): EditorState | null => this.state

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.listeners.clear()
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = setTimeout(() => this.publish(), this.idleMs)
  }

  private publish(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    const next = this.view?.state ?? null
    if (next === this.state) return
    this.state = next
    for (const listener of this.listeners) listener()
  }
}
