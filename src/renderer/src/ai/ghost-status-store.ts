/// The ghost text's status for the suggestion chip, kept outside React state. It changes every
/// frame while a suggestion streams and with each key typed through one; as the app shell's state
/// it re-rendered the whole shell (toolbar, tabs, panels) each time, on the same main thread as
/// the writer's keys. Only the chip subscribes to it.
import type { GhostTextSnapshot } from '../editor/ghost-text'

export class GhostStatusStore {
  private snapshot: GhostTextSnapshot | null = null
  private readonly listeners = new Set<() => void>()

  readonly get = (): GhostTextSnapshot | null => this.snapshot

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  set(snapshot: GhostTextSnapshot | null): void {
    this.snapshot = snapshot
    for (const listener of this.listeners) listener()
  }
}
