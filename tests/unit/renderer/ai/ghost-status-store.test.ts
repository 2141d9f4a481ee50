// The suggestion chip's store: subscribers hear of what the chip shows, not of every token or key.
import { describe, expect, it } from 'vitest'
import { GhostStatusStore } from '../../../../src/renderer/src/ai/ghost-status-store'
import type { GhostTextSnapshot } from '../../../../src/renderer/src/editor/ghost-text'

const snapshot = (
  status: GhostTextSnapshot['status'],
  alternatives: string[],
  index = 0
): GhostTextSnapshot => ({ status, alternatives, index, anchor: 10 })

describe('GhostStatusStore', () => {
  it('tells its subscribers when the status, count or alternative changes, not when text does', () => {
    const store = new GhostStatusStore()
    let calls = 0
    store.subscribe(() => calls++)
    store.set(snapshot('streaming', ['The']))
    store.set(snapshot('streaming', ['The beam']))
    store.set(snapshot('streaming', ['he beam']))
    expect(calls).toBe(1)
    expect(store.get()).toEqual({ status: 'streaming', count: 1, index: 0 })
    store.set(snapshot('streaming', ['he beam', 'Rain']))
    store.set(snapshot('shown', ['he beam', 'Rain']))
    store.set(snapshot('shown', ['he beam', 'Rain'], 1))
    expect(calls).toBe(4)
    expect(store.get()).toEqual({ status: 'shown', count: 2, index: 1 })
    store.set({ ...snapshot('error', []), error: 'no model' })
    store.set(null)
    expect(calls).toBe(6)
    expect(store.get()).toBeNull()
  })
})
