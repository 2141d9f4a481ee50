import { memo, useEffect, useRef } from 'react'
import { formatEighths } from '../../../shared/pagination/timing'
import type { PaginationSummary } from './pagination-summary'
import type { CastMember, OutlineScene } from './script-outline'

/// The right-hand sidebar: the Scenes navigator, the Characters list and the Pages summary.
/// Memoised: it renders again only when its data changes, not whenever the app shell does.
export const SidePanels = memo(function SidePanels(props: {
  scenes: OutlineScene[]
  cast: CastMember[]
  summary: PaginationSummary | null
  /// Index into `scenes` of the scene holding the cursor, or -1.
  currentScene: number
  /// Called with the index into `scenes` of the scene clicked.
  onJump: (index: number) => void
  onCollapse: () => void
}) {
  return (
    <aside className="side-panels" aria-label="Script panels" data-testid="side-panels">
      <div className="side-panels-header">
        <button
          type="button"
          className="link-button"
          onClick={props.onCollapse}
          aria-label="Hide panels"
          title="Hide panels"
          data-testid="panels-collapse"
        >
          ›
        </button>
      </div>
      <PagesPanel summary={props.summary} />
      <ScenesPanel scenes={props.scenes} current={props.currentScene} onJump={props.onJump} />
      <CharactersPanel cast={props.cast} />
    </aside>
  )
})

function PagesPanel({ summary }: { summary: PaginationSummary | null }) {
  return (
    <section className="panel" aria-labelledby="panel-pages">
      <h2 id="panel-pages">Pages</h2>
      {summary ? (
        <p data-testid="page-summary">
          <span data-testid="page-count">
            {summary.pages} {summary.pages === 1 ? 'page' : 'pages'}
          </span>
          <br />
          <span title="About a minute of screen time a page">
            Length:{' '}
            <span data-testid="script-length">
              {formatEighths(summary.eighths)} {summary.eighths === 8 ? 'page' : 'pages'}
            </span>
          </span>
        </p>
      ) : (
        <p className="panel-empty">Counting pages…</p>
      )}
    </section>
  )
}

function ScenesPanel(props: {
  scenes: OutlineScene[]
  current: number
  onJump: (index: number) => void
}) {
  const { current } = props
  const list = useRef<HTMLOListElement>(null)
  // Keep the current scene in sight as the cursor moves through the script.
  useEffect(() => {
    const item = list.current?.children[current] as HTMLElement | undefined
    item?.scrollIntoView?.({ block: 'nearest' })
  }, [current])

  return (
    <section className="panel panel-scenes" aria-labelledby="panel-scenes">
      <h2 id="panel-scenes">Scenes ({props.scenes.length})</h2>
      {props.scenes.length === 0 && (
        <p className="panel-empty">No scene headings yet. Start a line with INT. or EXT.</p>
      )}
      <ol className="scene-list" ref={list} data-testid="scene-list">
        {props.scenes.map((scene, index) => (
          // Keyed by position: typing shifts every later scene's offset, not its row.
          <SceneRow
            key={index}
            index={index}
            label={scene.label}
            heading={scene.heading}
            length={scene.length}
            current={index === props.current}
            onJump={props.onJump}
          />
        ))}
      </ol>
    </section>
  )
}

// Rows re-render only when what they show changes (the list is rebuilt after every pause).
const SceneRow = memo(function SceneRow(props: {
  index: number
  label: string
  heading: string
  length: string
  current: boolean
  onJump: (index: number) => void
}) {
  return (
    <li>
      <button
        type="button"
        className={props.current ? 'scene current' : 'scene'}
        aria-current={props.current ? 'true' : undefined}
        onClick={() => props.onJump(props.index)}
        data-testid="scene-item"
      >
        <span className="scene-number">{props.label}</span>
        <span className="scene-heading" title={props.heading}>
          {props.heading}
        </span>
        <span className="scene-length" title="Length in eighths of a page">
          {props.length}
        </span>
      </button>
    </li>
  )
})

function CharactersPanel({ cast }: { cast: CastMember[] }) {
  return (
    <section className="panel panel-cast" aria-labelledby="panel-cast">
      <h2 id="panel-cast">Characters ({cast.length})</h2>
      {cast.length === 0 && <p className="panel-empty">Nobody has spoken yet.</p>}
      <ul className="cast-list" data-testid="cast-list">
        {cast.map((member) => (
          <li key={member.name} data-testid="cast-item">
            <span className="cast-name">{member.name}</span>
            <span className="cast-count">
              {member.blocks} {member.blocks === 1 ? 'speech' : 'speeches'} · {member.lines}{' '}
              {member.lines === 1 ? 'line' : 'lines'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
