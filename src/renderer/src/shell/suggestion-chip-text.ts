/// What the suggestion chip says for a status: where the suggestion is, and which keys act on it.
import type { ChipStatus } from '../ai/ghost-status-store'

export function chipText(status: ChipStatus): { label: string; keys: string | null } {
  const { count } = status
  const position = count > 0 ? ` ${status.index + 1}/${count}` : ''
  const label =
    status.status === 'loading'
      ? 'Asking the model…'
      : status.status === 'streaming'
        ? `Writing…${position}`
        : status.status === 'shown'
          ? `Suggestion${position}`
          : `The model could not continue: ${status.error ?? 'unknown error'}`
  if (status.status === 'error') return { label, keys: null }
  // A finished suggestion with one alternative has no other to cycle to.
  const cycle = status.status === 'shown' && count === 1 ? '' : ' · Alt+] / Alt+[ other'
  return { label, keys: `Tab accept · Ctrl+→ word${cycle} · Esc dismiss` }
}
