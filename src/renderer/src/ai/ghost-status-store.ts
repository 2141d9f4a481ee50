/// The ghost text's status for the suggestion chip, kept outside React state. The editor reports
/// it every frame while a suggestion streams and with each key typed through one; as the app
/// shell's state it re-rendered the whole shell (toolbar, tabs, panels) each time, on the same main
/// thread as the writer's keys. Only the chip subscribes, and it is told only when what it shows
/// changes (status, alternative, count, error), not on every token or key.
import type { GhostTextSnapshot } from '../editor/ghost-text'

/// What the chip shows of a suggestion.
export interface ChipStatus {
  status: GhostTextSnapshot['status']
  /// Alternatives on offer, and which one is shown (from 0).
  count: number
  index: number
  error?: string
}

export class GhostStatusStore {
  private snapshot: ChipStatus | null = null
  private readonly listeners = new Set<() => void>()

  readonly get = (): ChipStatus | null => this.snapshot

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  set(snapshot: GhostTextSnapshot | null): void {
    const next: ChipStatus | null = snapshot && {
      status: snapshot.status,
      count: snapshot.alternatives.length,
      index: snapshot.index,
      ...(snapshot.error === undefined ? {} : { error: snapshot.error })
    }
    if (sameChip(this.snapshot, next)) return
    this.snapshot = next
    for (const listener of this.listeners) listener()
  }
}

function sameChip(a: ChipStatus | null, b: ChipStatus | null): boolean {
  if (a === null || b === null) return a === b
  return a.status === b.status && a.count === b.count && a.index === b.index && a.error === b.error
}
