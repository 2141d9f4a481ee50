import type { ExportFormat } from '../../../shared/documents/documents'

export function Toolbar(props: {
  canSave: boolean
  onNew: () => void
  onOpen: () => void
  onSave: () => void
  onSaveAs: () => void
  onExport: (format: ExportFormat) => void
  onSettings: () => void
  onContinue: () => void
  onSnippets: () => void
}) {
  return (
    <header className="toolbar">
      <span className="brand">Script Buddy</span>
      <button type="button" onClick={props.onNew} data-testid="new-document" title="New script">
        New
      </button>
      <button
        type="button"
        onClick={props.onOpen}
        data-testid="open-document"
        title="Open (Ctrl+O)"
      >
        Open…
      </button>
      <button
        type="button"
        onClick={props.onSave}
        disabled={!props.canSave}
        data-testid="save-document"
        title="Save (Ctrl+S)"
      >
        Save
      </button>
      <button
        type="button"
        onClick={props.onSaveAs}
        disabled={!props.canSave}
        data-testid="save-as-document"
        title="Save as (Ctrl+Shift+S)"
      >
        Save as…
      </button>
      <select
        aria-label="Export"
        value=""
        disabled={!props.canSave}
        data-testid="export-menu"
        onChange={(event) => {
          if (event.target.value) props.onExport(event.target.value as ExportFormat)
        }}
      >
        <option value="">Export…</option>
        <option value="pdf">PDF (industry format)</option>
        <option value="fdx">Final Draft (.fdx)</option>
      </select>
      <button
        type="button"
        onClick={props.onContinue}
        disabled={!props.canSave}
        data-testid="continue-scene"
        title="Continue from the cursor with the model (Alt+\\)"
      >
        Continue ▸
      </button>
      <button
        type="button"
        onClick={props.onSnippets}
        data-testid="open-snippets"
        title="Generate whole snippets"
      >
        Snippets
      </button>
      <span className="spacer" />
      <button type="button" onClick={props.onSettings} data-testid="open-settings">
        Settings
      </button>
    </header>
  )
}
