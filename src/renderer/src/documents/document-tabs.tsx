import type { OpenDocument } from './document-model'

export function DocumentTabs(props: {
  documents: OpenDocument[]
  activeId: string | null
  onSelect: (id: string) => void
  onClose: (id: string) => void
}) {
  return (
    <nav className="tabs" role="tablist" data-testid="tabs">
      {props.documents.map((document) => (
        <span
          key={document.id}
          className={`tab${document.id === props.activeId ? ' active' : ''}`}
          role="tab"
          aria-selected={document.id === props.activeId}
        >
          <button
            type="button"
            className="tab-name"
            onClick={() => props.onSelect(document.id)}
            title={document.path ?? 'not saved yet'}
          >
            {document.dirty ? '• ' : ''}
            {document.name}
          </button>
          <button
            type="button"
            className="tab-close"
            aria-label={`Close ${document.name}`}
            onClick={() => props.onClose(document.id)}
          >
            ×
          </button>
        </span>
      ))}
    </nav>
  )
}
