import { useSyncExternalStore } from 'react'
import type { GhostStatusStore } from '../ai/ghost-status-store'

/// A small bar under the editor while a suggestion is on screen: how far it is and which keys act
/// on it, so the writer never has to remember them.
export function SuggestionChip(props: { status: GhostStatusStore; engineNote: string | null }) {
  const status = useSyncExternalStore(props.status.subscribe, props.status.get)
  if (!status || status.status === 'idle') return null
  const count = status.count
  const position = count > 0 ? ` ${status.index + 1}/${count}` : ''
  const label =
    status.status === 'loading'
      ? 'Asking the model…'
      : status.status === 'streaming'
        ? `Writing…${position}`
        : status.status === 'shown'
          ? `Suggestion${position}`
          : `The model could not continue: ${status.error ?? 'unknown error'}`
  return (
    <div
      className={`suggestion-chip suggestion-${status.status}`}
      data-testid="suggestion-chip"
      role="status"
    >
      <span>{label}</span>
      {status.status !== 'error' && (
        <span className="keys">Tab accept · Ctrl+→ word · Alt+] / Alt+[ other · Esc dismiss</span>
      )}
      {props.engineNote && status.status === 'shown' && (
        <span className="keys">{props.engineNote}</span>
      )}
    </div>
  )
}
