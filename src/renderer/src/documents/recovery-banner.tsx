import type { RecoveryEntry } from '../../../shared/documents/documents'

/// Offers back the text of documents that were not saved when the app last stopped.
export function RecoveryBanner(props: {
  entries: RecoveryEntry[]
  onRestore: (entry: RecoveryEntry) => void
  onDiscard: (entry: RecoveryEntry) => void
}) {
  if (props.entries.length === 0) return null
  return (
    <div className="banner recovery" role="alert" data-testid="recovery-banner">
      {props.entries.map((entry) => (
        <div key={entry.documentId} className="recovery-entry">
          <span>
            Unsaved text of <strong>{entry.name}</strong> from{' '}
            {new Date(entry.savedAt).toLocaleString()} was recovered.
          </span>
          <button
            type="button"
            onClick={() => props.onRestore(entry)}
            data-testid="recovery-restore"
          >
            Restore
          </button>
          <button type="button" onClick={() => props.onDiscard(entry)}>
            Discard
          </button>
        </div>
      ))}
    </div>
  )
}
