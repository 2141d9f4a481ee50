import { useState } from 'react'
import type { ScriptBuddyApi } from '../../../shared/ipc/contract'
import type { Settings, SettingsPatch } from '../../../shared/settings/settings'

/// The settings dialog: every change is validated and saved by the app; errors are shown, never lost.
export function SettingsPanel(props: {
  api: ScriptBuddyApi
  settings: Settings
  onClose: () => void
}) {
  const [error, setError] = useState<string | null>(null)

  async function update(patch: SettingsPatch): Promise<void> {
    const result = await props.api.invoke('settings:update', { patch })
    setError(result.ok ? null : result.error.message)
  }

  return (
    <div className="dialog-backdrop" role="presentation" onClick={props.onClose}>
      <section
        className="dialog"
        role="dialog"
        aria-label="Settings"
        onClick={(event) => event.stopPropagation()}
      >
        <h2>Settings</h2>
        <label>
          Theme
          <select
            data-testid="setting-theme"
            value={props.settings.theme}
            onChange={(event) => void update({ theme: event.target.value as Settings['theme'] })}
          >
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <label>
          Editor font size (pt)
          <input
            type="number"
            min={8}
            max={32}
            value={props.settings.editorFontSizePt}
            onChange={(event) => void update({ editorFontSizePt: Number(event.target.value) })}
          />
        </label>
        <label>
          Recovery snapshot every (seconds)
          <input
            type="number"
            min={1}
            max={600}
            value={props.settings.autosaveSeconds}
            onChange={(event) => void update({ autosaveSeconds: Number(event.target.value) })}
          />
        </label>
        <label>
          Model runs on
          <select
            value={props.settings.inferenceProvider}
            onChange={(event) =>
              void update({
                inferenceProvider: event.target.value as Settings['inferenceProvider']
              })
            }
          >
            <option value="auto">Fastest measured (automatic)</option>
            <option value="cpu">CPU</option>
            <option value="webgpu">GPU (WebGPU)</option>
            <option value="cuda">GPU (CUDA)</option>
          </select>
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </section>
    </div>
  )
}
