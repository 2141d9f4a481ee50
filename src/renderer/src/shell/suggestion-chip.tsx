import { useSyncExternalStore } from 'react'
import type { GhostStatusStore } from '../ai/ghost-status-store'
import { chipText } from './suggestion-chip-text'

/// A small bar under the editor while a suggestion is on screen: how far it is and which keys act
/// on it, so the writer never has to remember them.
export function SuggestionChip(props: { status: GhostStatusStore; engineNote: string | null }) {
  const status = useSyncExternalStore(props.status.subscribe, props.status.get)
  if (!status || status.status === 'idle') return null
  const { label, keys } = chipText(status)
  return (
    <div
      className={`suggestion-chip suggestion-${status.status}`}
      data-testid="suggestion-chip"
      role="status"
    >
      <span>{label}</span>
      {keys && <span className="keys">{keys}</span>}
      {props.engineNote && status.status === 'shown' && (
        <span className="keys">{props.engineNote}</span>
      )}
    </div>
  )
}
