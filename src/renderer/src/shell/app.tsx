import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { RecentFile, RecoveryEntry } from '../../../shared/documents/documents'
import type { AppInfo } from '../../../shared/ipc/contract'
import type { Settings } from '../../../shared/settings/settings'
import { windowTitle } from '../documents/document-model'
import { DocumentTabs } from '../documents/document-tabs'
import { EditorStates } from '../documents/editor-states'
import { PathDialog } from '../documents/path-dialog'
import { RecoveryBanner } from '../documents/recovery-banner'
import { useDocuments, type PathRequest } from '../documents/use-documents'
import { editorExtensions } from './editor-extensions'
import { useAiEditor, useAiMarksView, useAsYouType } from '../ai/use-ai-editor'
import type { EditorView } from '@codemirror/view'
import { requestSuggestion } from '../editor/ghost-text'
import { SuggestionChip } from './suggestion-chip'
import { continueSceneNext } from '../ai/suggestion-source'
import { SnippetPanel } from '../generate/snippet-panel'
import { snippetInsertion } from '../generate/insert-snippet'
import { RetrainPanel } from '../retrain/retrain-panel'
import { ModelsPanel } from '../models/models-panel'
import { EditorFeed } from '../panels/editor-feed'
import { ScriptWorkspace } from '../panels/script-workspace'
import { EditorPane } from './editor-pane'
import { SettingsPanel } from './settings-panel'
import { StatusBar } from './status-bar'
import { Toolbar } from './toolbar'
import { useApi, useEvent } from './use-api'
import type { ScriptBuddyApi } from '../../../shared/ipc/contract'

interface PendingPath {
  kind: 'open' | 'save'
  initialPath: string
  resolve: (path: string | null) => void
}

/// The app shell: toolbar, document tabs, the editor, the status bar and dialogs.
export function App() {
  const { api, problem } = useApi()
  if (!api) {
    return (
      <main className="fatal" role="alert" data-testid="fatal">
        <h1>Script Buddy</h1>
        <p>{problem}</p>
      </main>
    )
  }
  return <Workspace api={api} />
}

function Workspace({ api }: { api: ScriptBuddyApi }) {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [settings, setSettings] = useState<Settings | null>(null)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const settingsRef = useRef(settings)
  settingsRef.current = settings
  const [pendingPath, setPendingPath] = useState<PendingPath | null>(null)
  const [recent, setRecent] = useState<RecentFile[]>([])
  const [recovered, setRecovered] = useState<RecoveryEntry[]>([])
  const [snippetsOpen, setSnippetsOpen] = useState(false)
  const [retrainOpen, setRetrainOpen] = useState(false)
  const [modelsOpen, setModelsOpen] = useState(false)
  const feed = useMemo(() => new EditorFeed(), [])
  const infoRef = useRef(info)
  infoRef.current = info
  const viewRef = useRef<EditorView | null>(null)
  const noticeRef = useRef<(text: string) => void>(() => undefined)

  const { extensionOptions, ghost, engineNote } = useAiEditor(api, settings, (text) =>
    noticeRef.current(text)
  )
  const states = useMemo(
    () => new EditorStates([editorExtensions(extensionOptions), feed.extension]),
    [extensionOptions, feed]
  )

  const requestPath: PathRequest = useCallback(
    async (kind, suggestedName, format) => {
      if (infoRef.current?.nativeDialogs) {
        const result =
          kind === 'open'
            ? await api.invoke('dialog:open', {})
            : await api.invoke('dialog:save', { suggestedName, format })
        return result.ok ? result.value.path : null
      }
      const recentResult = await api.invoke('document:recent', {})
      setRecent(recentResult.ok ? recentResult.value : [])
      const folder = infoRef.current?.documentsDir ?? ''
      return new Promise<string | null>((resolve) =>
        setPendingPath({
          kind,
          initialPath: kind === 'save' && folder ? `${folder}/${suggestedName}` : '',
          resolve
        })
      )
    },
    [api]
  )

  const docs = useDocuments({
    api,
    states,
    requestPath,
    snapshotSeconds: settings?.autosaveSeconds ?? 3,
    aiProvenance: () => settingsRef.current?.aiProvenance ?? 'sidecar'
  })
  noticeRef.current = (text) => docs.setNotice({ kind: 'error', text })

  useAsYouType(settings, extensionOptions, states, viewRef)
  useAiMarksView(settings, states, viewRef)
  const active = docs.documents.find((document) => document.id === docs.activeId)

  useEffect(() => {
    void api
      .invoke('app:info', {})
      .then((result) =>
        result.ok
          ? setInfo(result.value)
          : docs.setNotice({ kind: 'error', text: result.error.message })
      )
    void api
      .invoke('settings:get', {})
      .then((result) =>
        result.ok
          ? setSettings(result.value)
          : docs.setNotice({ kind: 'error', text: result.error.message })
      )
    void api.invoke('recovery:list', {}).then((result) => {
      if (result.ok) setRecovered(result.value)
    })
    // Start with an empty script, as a writer expects.
    docs.newDocument()
    // Run once on start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api])

  useEvent(
    api,
    'settings:changed',
    useCallback((next: Settings) => setSettings(next), [])
  )

  useEffect(() => {
    document.documentElement.dataset.theme = settings?.theme ?? 'system'
    // The page is laid out in inches at 12 pt; another size zooms the whole page.
    document.documentElement.style.setProperty(
      '--editor-zoom',
      String((settings?.editorFontSizePt ?? 12) / 12)
    )
  }, [settings])

  useEffect(() => {
    document.title = windowTitle(active)
  }, [active])

  // Keyboard shortcuts that a browser lets a page take (Ctrl+N and Ctrl+W it keeps for itself).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey
      if (!mod || !docs.activeId) return
      if (event.key.toLowerCase() === 's') {
        event.preventDefault()
        void (event.shiftKey ? docs.saveAs(docs.activeId) : docs.save(docs.activeId))
      } else if (event.key.toLowerCase() === 'o') {
        event.preventDefault()
        void docs.open()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [docs])

  function restore(entry: RecoveryEntry): void {
    docs.add(
      {
        path: entry.path,
        name: entry.name,
        text: entry.text,
        sourceFormat: 'fountain',
        warnings: [],
        ...(entry.provenance !== undefined ? { provenance: entry.provenance } : {})
      },
      entry.documentId,
      true
    )
    setRecovered((current) =>
      current.filter((candidate) => candidate.documentId !== entry.documentId)
    )
  }

  function discard(entry: RecoveryEntry): void {
    void api.invoke('recovery:discard', { documentId: entry.documentId })
    setRecovered((current) =>
      current.filter((candidate) => candidate.documentId !== entry.documentId)
    )
  }

  function finishPath(path: string | null): void {
    pendingPath?.resolve(path)
    setPendingPath(null)
  }

  return (
    <div className="app" data-testid="app-shell">
      <Toolbar
        canSave={active !== undefined}
        onNew={() => docs.newDocument()}
        onOpen={() => void docs.open()}
        onSave={() => docs.activeId && void docs.save(docs.activeId)}
        onSaveAs={() => docs.activeId && void docs.saveAs(docs.activeId)}
        onExport={(format) => docs.activeId && void docs.exportAs(docs.activeId, format)}
        onSnippets={() => setSnippetsOpen((open) => !open)}
        onContinue={() => {
          continueSceneNext()
          if (viewRef.current) requestSuggestion(viewRef.current)
          viewRef.current?.focus()
        }}
        onSettings={() => setSettingsOpen(true)}
      />
      <RecoveryBanner entries={recovered} onRestore={restore} onDiscard={discard} />
      {docs.notice && (
        <p
          className={`banner notice-${docs.notice.kind}`}
          role={docs.notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          {docs.notice.text}
          <button
            type="button"
            className="link-button"
            onClick={() => docs.setNotice(null)}
            aria-label="Dismiss"
          >
            ×
          </button>
        </p>
      )}
      <DocumentTabs
        documents={docs.documents}
        activeId={docs.activeId}
        onSelect={docs.setActiveId}
        onClose={(id) => void docs.close(id)}
      />
      <div className="workspace-row">
        <ScriptWorkspace
          feed={feed}
          documentId={docs.activeId}
          documentName={active?.name ?? 'script'}
          onError={(text) => docs.setNotice({ kind: 'error', text })}
        >
          {docs.activeId && (
            <EditorPane
              documentId={docs.activeId}
              states={states}
              onEdit={docs.markChanged}
              onView={(view) => {
                viewRef.current = view
                feed.attach(view)
              }}
            />
          )}
        </ScriptWorkspace>
        {snippetsOpen && (
          <SnippetPanel
            api={api}
            onClose={() => setSnippetsOpen(false)}
            onOpenAsDocument={(text, name) => docs.newDocument(text, name)}
            onInsert={(snippet) => {
              const view = viewRef.current
              if (!view) return
              const model = extensionOptions.modelName?.() ?? 'model'
              view.dispatch(snippetInsertion(view.state, snippet, model))
              view.focus()
            }}
          />
        )}
      </div>
      <SuggestionChip status={ghost} engineNote={engineNote} />
      <StatusBar api={api} info={info} />
      {settingsOpen && settings && (
        <SettingsPanel
          api={api}
          settings={settings}
          onClose={() => setSettingsOpen(false)}
          onRetrain={() => {
            setSettingsOpen(false)
            setRetrainOpen(true)
          }}
          onModels={() => {
            setSettingsOpen(false)
            setModelsOpen(true)
          }}
        />
      )}
      {modelsOpen && <ModelsPanel api={api} onClose={() => setModelsOpen(false)} />}
      {retrainOpen && (
        <RetrainPanel
          api={api}
          onClose={() => setRetrainOpen(false)}
          onActivated={(folder) =>
            docs.setNotice({ kind: 'info', text: `Continuations now use ${folder}.` })
          }
        />
      )}
      {pendingPath && (
        <PathDialog
          kind={pendingPath.kind}
          initialPath={pendingPath.initialPath}
          recent={recent}
          onSubmit={finishPath}
          onCancel={() => finishPath(null)}
          onUpload={(file) => {
            finishPath(null)
            void docs.importFile(file)
          }}
        />
      )}
    </div>
  )
}
