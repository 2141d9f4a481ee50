import { useState } from 'react'
import { HUB_PRESETS, type DownloadProgress } from '../../../shared/models/models'
import { formatBytes, formatEta } from './format-transfer'

/// "Download from Hugging Face": a repo id (or a preset), an optional revision, and the progress
/// of the download running now with its cancel button.
export function DownloadForm(props: {
  progress: DownloadProgress | null
  busy: boolean
  onDownload: (repo: string, revision: string) => void
  onCancel: (progress: DownloadProgress) => void
}) {
  const [repo, setRepo] = useState('')
  const [revision, setRevision] = useState('main')
  const progress = props.progress
  const running =
    progress !== null && ['listing', 'downloading', 'finishing'].includes(progress.phase)
  return (
    <fieldset className="model-download">
      <legend>Download from Hugging Face</legend>
      <div className="model-presets">
        {HUB_PRESETS.map((preset) => (
          <button
            type="button"
            key={preset.repo}
            title={preset.description}
            onClick={() => setRepo(preset.repo)}
          >
            {preset.repo}
          </button>
        ))}
      </div>
      <div className="model-download-row">
        <label>
          Model id (owner/name, as on its Hugging Face page)
          <input
            data-testid="download-repo"
            value={repo}
            placeholder="gpt2"
            onChange={(event) => setRepo(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && repo.trim()) props.onDownload(repo.trim(), revision)
            }}
          />
        </label>
        <label className="model-revision">
          Revision
          <input
            data-testid="download-revision"
            value={revision}
            onChange={(event) => setRevision(event.target.value)}
          />
        </label>
        <button
          type="button"
          data-testid="download-start"
          disabled={props.busy || repo.trim() === ''}
          onClick={() => props.onDownload(repo.trim(), revision.trim() || 'main')}
        >
          Download
        </button>
      </div>
      {progress && (
        <div className="model-progress" data-testid="download-progress">
          <div>
            <strong>
              {progress.repo}
              {progress.revision === 'main' ? '' : `@${progress.revision}`}
            </strong>{' '}
            {describePhase(progress)}
          </div>
          {running && (
            <progress
              max={progress.bytesTotal ?? 1}
              value={progress.bytesTotal ? progress.bytesDone : undefined}
            />
          )}
          {progress.phase === 'downloading' && (
            <div className="model-progress-figures" data-testid="download-figures">
              {formatBytes(progress.bytesDone)}
              {progress.bytesTotal !== null && ` of ${formatBytes(progress.bytesTotal)}`}
              {progress.bytesPerSecond !== null && ` · ${formatBytes(progress.bytesPerSecond)}/s`}
              {progress.bytesTotal !== null && ` · ${formatEta(progress.etaSeconds)}`}
              {progress.file &&
                ` · ${progress.file} (file ${Math.min(progress.filesDone + 1, progress.filesTotal)} of ${progress.filesTotal})`}
            </div>
          )}
          {running && (
            <button
              type="button"
              data-testid="download-cancel"
              onClick={() => props.onCancel(progress)}
            >
              Cancel (keeps what arrived)
            </button>
          )}
        </div>
      )}
    </fieldset>
  )
}

function describePhase(progress: DownloadProgress): string {
  switch (progress.phase) {
    case 'listing':
      return 'asking the hub which files it needs…'
    case 'downloading':
      return 'downloading…'
    case 'finishing':
      return 'checking the files…'
    case 'done':
      return `downloaded (${formatBytes(progress.bytesDone)}).`
    case 'cancelled':
      return 'stopped. Download it again, or press Resume in the list, to continue where it stopped.'
    case 'failed':
      return 'did not download.'
  }
}
