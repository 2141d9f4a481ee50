import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode
} from 'react'
import { flushSync } from 'react-dom'
import { EditorView } from '@codemirror/view'
import { screenplayOf } from '../editor/screenplay-state'
import { sheetsOf } from '../pages/page-lines'
import { exportSheetPng } from '../pages/page-image'
import { PageView } from '../pages/page-view'
import type { EditorFeed } from './editor-feed'
import { castCounts, outlineScenes, sceneIndexAt } from './script-outline'
import { SidePanels } from './side-panels'
import { usePagination } from './use-pagination'

/// The writing area: a view bar (editor or pages, PNG export), the editor (`children`) or the page
/// view, and the collapsible side panels. Follows the editor through `feed`.
export function ScriptWorkspace(props: {
  feed: EditorFeed
  /// The active document, or null when none is open.
  documentId: string | null
  /// File name of the active document, for exported images.
  documentName: string
  /// The editor pane.
  children: ReactNode
  onError: (message: string) => void
}) {
  const { feed, documentId, onError } = props
  const [panelsOpen, setPanelsOpen] = useState(true)
  const [pageView, setPageView] = useState(false)
  const [selectedSheet, setSelectedSheet] = useState(1)
  const state = useSyncExternalStore(feed.subscribe, feed.snapshot)

  // The pane swaps the document's state into its view in its own effect, which runs before this.
  useEffect(() => feed.refresh(), [feed, documentId])

  const screenplay = documentId && state ? screenplayOf(state) : null
  const layout = usePagination(documentId && state ? state.doc : null, {
    enabled: panelsOpen || pageView,
    withPages: pageView
  })
  const summary = layout?.summary ?? null
  const pagination = layout?.pagination ?? null
  const scenes = useMemo(
    () => (screenplay ? outlineScenes(screenplay, summary?.scenes) : []),
    [screenplay, summary]
  )
  const cast = useMemo(() => (screenplay ? castCounts(screenplay) : []), [screenplay])
  const currentScene = state ? sceneIndexAt(scenes, state.selection.main.head) : -1
  const sheets = useMemo(
    () => (pageView && pagination ? sheetsOf(pagination) : []),
    [pageView, pagination]
  )
  const chosen = sheets.find((sheet) => sheet.number === selectedSheet) ?? sheets[0]

  // The latest scenes, for jumps: rows keep their click handler while the list is rebuilt.
  const scenesRef = useRef(scenes)
  scenesRef.current = scenes
  const jump = useCallback(
    (index: number) => {
      const view = feed.currentView()
      const scene = scenesRef.current[index]
      if (!view || !scene) return
      // Show the editor first (synchronously), so CodeMirror can measure where to scroll.
      flushSync(() => setPageView(false))
      const anchor = Math.min(scene.from, view.state.doc.length)
      view.dispatch({
        selection: { anchor },
        effects: EditorView.scrollIntoView(anchor, { y: 'start', yMargin: 48 })
      })
      view.focus()
    },
    [feed]
  )
  const collapse = useCallback(() => setPanelsOpen(false), [])

  function exportPng(): void {
    if (!chosen || !pagination) return
    exportSheetPng(chosen, pagination.profile, props.documentName).catch((error: unknown) =>
      onError(error instanceof Error ? error.message : String(error))
    )
  }

  return (
    <div className="script-workspace">
      <div className="view-bar" role="toolbar" aria-label="View">
        <div className="view-switch" role="group" aria-label="Show">
          <button
            type="button"
            aria-pressed={!pageView}
            onClick={() => setPageView(false)}
            data-testid="view-editor"
          >
            Editor
          </button>
          <button
            type="button"
            aria-pressed={pageView}
            disabled={!documentId}
            onClick={() => setPageView(true)}
            data-testid="view-pages"
            title="Show the script as printed pages"
          >
            Pages
          </button>
        </div>
        {pageView && (
          <>
            <select
              aria-label="Page to export"
              value={chosen?.number ?? ''}
              onChange={(event) => setSelectedSheet(Number(event.target.value))}
              data-testid="page-select"
            >
              {sheets.map((sheet) => (
                <option key={sheet.number} value={sheet.number}>
                  {sheet.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={!chosen}
              onClick={exportPng}
              data-testid="export-png"
              title="Save the chosen page as a PNG image"
            >
              Export page as PNG
            </button>
          </>
        )}
        <span className="spacer" />
        {!panelsOpen && (
          <button type="button" onClick={() => setPanelsOpen(true)} data-testid="panels-open">
            Panels
          </button>
        )}
      </div>
      <div className="workspace-body">
        <main className="workspace" hidden={pageView}>
          {props.children}
        </main>
        {pageView && pagination && (
          <main className="workspace page-workspace">
            <PageView
              sheets={sheets}
              profile={pagination.profile}
              selected={chosen?.number ?? -1}
              onSelect={setSelectedSheet}
            />
          </main>
        )}
        {panelsOpen && documentId && (
          <SidePanels
            scenes={scenes}
            cast={cast}
            summary={summary}
            currentScene={currentScene}
            onJump={jump}
            onCollapse={collapse}
          />
        )}
      </div>
    </div>
  )
}
