import { useCallback, useEffect, useState } from 'react'
import type { ScriptBuddyApi } from '../../../shared/ipc/contract'
import type { DownloadProgress, ModelEntry, ModelList } from '../../../shared/models/models'
import { useEvent } from '../shell/use-api'
import { DownloadForm } from './download-form'
import { EngineLine } from './engine-line'
import { formatBytes, formatParameters } from './format-transfer'

/// The model manager: every model (built in, downloaded, added, retrained) with the active one
/// marked; activate, remove (after a confirmation), add a folder, download from Hugging Face.
export function ModelsPanel(props: { api: ScriptBuddyApi; onClose: () => void }) {
  const { api } = props
  const [list, setList] = useState<ModelList | null>(null)
  const [progress, setProgress] = useState<DownloadProgress | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [folderPath, setFolderPath] = useState('')

  const refresh = useCallback(async () => {
    const result = await api.invoke('models:list', {})
    if (result.ok) {
      setList(result.value)
      const running = result.value.downloads[0]
      if (running) setProgress(running)
    } else setError(result.error.message)
  }, [api])

  useEffect(() => {
    void refresh()
    // The provider appears once the host has loaded the model; look again while the panel is open.
    const timer = setInterval(() => void refresh(), 3000)
    return () => clearInterval(timer)
  }, [refresh])

  useEvent(
    api,
    'models:download-progress',
    useCallback(
      (next: DownloadProgress) => {
        setProgress(next)
        if (next.phase === 'failed' || next.phase === 'cancelled') setError(next.message ?? null)
        if (['done', 'failed', 'cancelled', 'listing'].includes(next.phase)) void refresh()
      },
      [refresh]
    )
  )

  async function download(repo: string, revision: string): Promise<void> {
    setError(null)
    const result = await api.invoke('models:download', { repo, revision })
    if (!result.ok && result.error.code !== 'cancelled') setError(result.error.message)
    await refresh()
  }

  async function activate(model: ModelEntry): Promise<void> {
    setError(null)
    const result = await api.invoke('models:activate', {
      folder: model.source === 'embedded' ? null : model.folder
    })
    if (!result.ok) setError(result.error.message)
    await refresh()
  }

  async function remove(model: ModelEntry): Promise<void> {
    setConfirming(null)
    const result = await api.invoke('models:remove', { id: model.id })
    if (!result.ok) setError(result.error.message)
    await refresh()
  }

  async function addFolder(): Promise<void> {
    setError(null)
    const result = await api.invoke('models:add-folder', { path: folderPath.trim() })
    if (result.ok) setFolderPath('')
    else setError(result.error.message)
    await refresh()
  }

  const downloading =
    progress !== null && ['listing', 'downloading', 'finishing'].includes(progress.phase)

  return (
    <div className="dialog-backdrop" role="presentation" onClick={props.onClose}>
      <section
        className="dialog models-panel"
        role="dialog"
        aria-label="Models"
        data-testid="models-panel"
        onClick={(event) => event.stopPropagation()}
      >
        <h2>Models</h2>
        <EngineLine engine={list?.engine ?? null} models={list?.models ?? []} />
        <ul className="model-list" data-testid="model-list">
          {list?.models.map((model) => {
            const active = model.id === list.activeId
            return (
              <li
                key={model.id}
                className={active ? 'model active' : 'model'}
                data-testid="model-entry"
                data-model-id={model.id}
              >
                <div className="model-text">
                  <div className="model-name">
                    {model.name}
                    {active && <span className="model-badge">In use</span>}
                  </div>
                  <div className="model-meta">
                    {[
                      model.origin,
                      formatBytes(model.sizeBytes),
                      model.format,
                      formatParameters(model.parameters)
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                  {model.problem && <div className="model-problem">{model.problem}</div>}
                </div>
                <div className="model-actions">
                  {model.incomplete && model.hub && (
                    <button
                      type="button"
                      disabled={downloading}
                      onClick={() => void download(model.hub!.repo, model.hub!.revision)}
                    >
                      Resume
                    </button>
                  )}
                  {!active && !model.problem && (
                    <button
                      type="button"
                      data-testid="model-activate"
                      onClick={() => void activate(model)}
                    >
                      Use
                    </button>
                  )}
                  {model.source !== 'embedded' &&
                    (confirming === model.id ? (
                      <span className="model-confirm">
                        {model.source === 'folder'
                          ? 'Take it off the list? (The folder stays on disk.)'
                          : `Delete ${formatBytes(model.sizeBytes)} from disk?`}
                        <button type="button" onClick={() => void remove(model)}>
                          {model.source === 'folder' ? 'Remove' : 'Delete'}
                        </button>
                        <button type="button" onClick={() => setConfirming(null)}>
                          Keep
                        </button>
                      </span>
                    ) : (
                      <button type="button" onClick={() => setConfirming(model.id)}>
                        Remove…
                      </button>
                    ))}
                </div>
              </li>
            )
          })}
        </ul>
        <DownloadForm
          progress={progress}
          busy={downloading}
          onDownload={(repo, revision) => void download(repo, revision)}
          onCancel={(running) =>
            void api.invoke('models:cancel-download', {
              repo: running.repo,
              revision: running.revision
            })
          }
        />
        <fieldset>
          <legend>Add a model folder from this computer</legend>
          <div className="model-download-row">
            <label>
              Folder (Hugging Face layout: config.json, tokenizer.json, model.safetensors)
              <input
                data-testid="add-folder-path"
                value={folderPath}
                placeholder="/home/me/models/my-gpt2"
                onChange={(event) => setFolderPath(event.target.value)}
              />
            </label>
            <button
              type="button"
              data-testid="add-folder"
              disabled={folderPath.trim() === ''}
              onClick={() => void addFolder()}
            >
              Add folder
            </button>
          </div>
        </fieldset>
        {error && (
          <p className="error" role="alert" data-testid="models-error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={props.onClose}>
            Close
          </button>
        </div>
      </section>
    </div>
  )
}
