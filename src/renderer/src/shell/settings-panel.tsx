import { useState } from 'react'
import type { ScriptBuddyApi } from '../../../shared/ipc/contract'
import type { Settings, SettingsPatch } from '../../../shared/settings/settings'

/// The settings dialog: every change is validated and saved by the app; errors are shown, never lost.
export function SettingsPanel(props: {
  api: ScriptBuddyApi
  settings: Settings
  onClose: () => void
  onRetrain: () => void
  /// Opens the model manager (absent: no button).
  onModels?: () => void
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
        <fieldset>
          <legend>Suggestions from the model</legend>
          <label className="inline">
            <input
              type="checkbox"
              data-testid="setting-as-you-type"
              checked={props.settings.suggestAsYouType}
              onChange={(event) => void update({ suggestAsYouType: event.target.checked })}
            />
            Suggest as I type (after a pause)
          </label>
          <label>
            Pause before a suggestion (ms)
            <input
              type="number"
              min={100}
              max={10000}
              step={100}
              value={props.settings.suggestDelayMs}
              onChange={(event) => void update({ suggestDelayMs: Number(event.target.value) })}
            />
          </label>
          <label>
            Longest as-you-type suggestion (characters)
            <input
              type="number"
              min={20}
              max={2000}
              value={props.settings.suggestMaxChars}
              onChange={(event) => void update({ suggestMaxChars: Number(event.target.value) })}
            />
          </label>
          <label>
            Alternatives per continuation
            <input
              type="number"
              min={1}
              max={8}
              value={props.settings.suggestionAlternatives}
              onChange={(event) =>
                void update({ suggestionAlternatives: Number(event.target.value) })
              }
            />
          </label>
          <label>
            Temperature (lower is safer, higher is wilder)
            <input
              type="number"
              min={0}
              max={2}
              step={0.1}
              value={props.settings.suggestionTemperature}
              onChange={(event) =>
                void update({ suggestionTemperature: Number(event.target.value) })
              }
            />
          </label>
          <label>
            Keep a record of text the model wrote
            <select
              data-testid="setting-ai-provenance"
              value={props.settings.aiProvenance}
              onChange={(event) =>
                void update({ aiProvenance: event.target.value as Settings['aiProvenance'] })
              }
            >
              <option value="sidecar">In a file beside the script (.scriptbuddy.json)</option>
              <option value="notes">As [[AI: …]] notes inside the script</option>
              <option value="off">Off (no record, no marks)</option>
            </select>
          </label>
          <label className="inline">
            <input
              type="checkbox"
              data-testid="setting-ai-tint"
              checked={props.settings.aiProvenanceTint}
              onChange={(event) => void update({ aiProvenanceTint: event.target.checked })}
            />
            Tint text the model wrote (the gutter bar shows either way)
          </label>
        </fieldset>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          {props.onModels && (
            <button type="button" data-testid="open-models" onClick={props.onModels}>
              Models…
            </button>
          )}
          <button type="button" data-testid="open-retrain" onClick={props.onRetrain}>
            Retrain on my scripts…
          </button>
          <button type="button" onClick={props.onClose}>
            Close
          </button>
        </div>
      </section>
    </div>
  )
}
