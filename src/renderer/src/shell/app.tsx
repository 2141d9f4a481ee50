import { useCallback, useEffect, useState } from 'react'
import type { AppInfo } from '../../../shared/ipc/contract'
import type { Settings } from '../../../shared/settings/settings'
import { EditorPane } from './editor-pane'
import { SettingsPanel } from './settings-panel'
import { StatusBar } from './status-bar'
import { useApi, useEvent } from './use-api'

const WELCOME_SCRIPT = `INT. WRITERS' ROOM - NIGHT

A desk lamp. A cold coffee. A blank page waiting.

WRITER
(to the screen)
Let's see where this goes.
`

/// The app shell: toolbar, the editor, the status bar and the settings dialog.
export function App() {
  const { api, problem } = useApi()
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [settings, setSettings] = useState<Settings | null>(null)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!api) return
    void api
      .invoke('app:info', {})
      .then((result) => (result.ok ? setInfo(result.value) : setError(result.error.message)))
    void api
      .invoke('settings:get', {})
      .then((result) => (result.ok ? setSettings(result.value) : setError(result.error.message)))
  }, [api])

  useEvent(
    api,
    'settings:changed',
    useCallback((next: Settings) => setSettings(next), [])
  )

  useEffect(() => {
    document.documentElement.dataset.theme = settings?.theme ?? 'system'
    document.documentElement.style.setProperty(
      '--editor-font-size',
      `${settings?.editorFontSizePt ?? 12}pt`
    )
  }, [settings])

  if (!api) {
    return (
      <main className="fatal" role="alert" data-testid="fatal">
        <h1>Script Buddy</h1>
        <p>{problem}</p>
      </main>
    )
  }

  return (
    <div className="app" data-testid="app-shell">
      <header className="toolbar">
        <span className="brand">Script Buddy</span>
        <span className="spacer" />
        <button type="button" onClick={() => setSettingsOpen(true)} data-testid="open-settings">
          Settings
        </button>
      </header>
      {error && (
        <p className="error banner" role="alert">
          {error}
        </p>
      )}
      <main className="workspace">
        <EditorPane initialText={WELCOME_SCRIPT} />
      </main>
      <StatusBar api={api} info={info} />
      {settingsOpen && settings && (
        <SettingsPanel api={api} settings={settings} onClose={() => setSettingsOpen(false)} />
      )}
    </div>
  )
}
