import { useState } from 'react'
import type { RecentFile } from '../../../shared/documents/documents'

/// Browser mode's own file dialog (there are no native dialogs in a web page): type or pick a path
/// on the machine running Script Buddy, or upload a file from this computer.
export function PathDialog(props: {
  kind: 'open' | 'save'
  initialPath: string
  recent: RecentFile[]
  onSubmit: (path: string) => void
  onUpload?: (file: File) => void
  onCancel: () => void
}) {
  const [path, setPath] = useState(props.initialPath)
  const title = props.kind === 'open' ? 'Open a script' : 'Save as'
  return (
    <div className="dialog-backdrop" role="presentation" onClick={props.onCancel}>
      <form
        className="dialog path-dialog"
        role="dialog"
        aria-label={title}
        onClick={(event) => event.stopPropagation()}
        onSubmit={(event) => {
          event.preventDefault()
          if (path.trim()) props.onSubmit(path.trim())
        }}
      >
        <h2>{title}</h2>
        <label>
          Path on the machine running Script Buddy
          <input
            autoFocus
            data-testid="path-input"
            value={path}
            onChange={(event) => setPath(event.target.value)}
            spellCheck={false}
          />
        </label>
        {props.kind === 'open' && props.recent.length > 0 && (
          <ul className="recent-list">
            {props.recent.map((file) => (
              <li key={file.path}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => props.onSubmit(file.path)}
                  title={file.path}
                >
                  {file.name}
                </button>
              </li>
            ))}
          </ul>
        )}
        {props.kind === 'open' && props.onUpload && (
          <label>
            Or upload a file from this computer (.fountain, .fdx, .txt)
            <input
              type="file"
              data-testid="upload-input"
              accept=".fountain,.spmd,.fdx,.txt,.pdf"
              onChange={(event) => {
                const file = event.target.files?.[0]
                if (file) props.onUpload?.(file)
              }}
            />
          </label>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" data-testid="path-submit">
            {props.kind === 'open' ? 'Open' : 'Save'}
          </button>
        </div>
      </form>
    </div>
  )
}
