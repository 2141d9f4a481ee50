import { useEffect, useRef, useState } from 'react'
import type { Text } from '@codemirror/state'
import { LETTER, type PageProfile } from '../../../shared/pagination/profile'
import { BackgroundPaginator } from './background-paginator'
import type { LaidOutScript } from './pagination-summary'

/// Quiet time before the script is paginated again: typing goes on undisturbed, and the worker
/// is not flooded with layouts that are stale before they finish.
export const PAGINATION_IDLE_MS = 300

type IdleScope = {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number
  cancelIdleCallback?: (handle: number) => void
}

/// Runs `work` once `delayMs` have passed and the browser is idle. Returns a cancel function.
export function whenIdle(work: () => void, delayMs: number): () => void {
  const idle = globalThis as unknown as IdleScope
  let handle: number | null = null
  const timer = setTimeout(() => {
    if (idle.requestIdleCallback) handle = idle.requestIdleCallback(work, { timeout: 500 })
    else work()
  }, delayMs)
  return () => {
    clearTimeout(timer)
    if (handle !== null) idle.cancelIdleCallback?.(handle)
  }
}

/// The layout of the document `doc`, computed in a web worker once the writer pauses
/// (`PAGINATION_IDLE_MS`), never synchronously per keystroke: the summary always, the pages when
/// `withPages`. Null until the first layout is done; while `enabled` is false the last result
/// stays and nothing new is laid out.
export function usePagination(
  doc: Text | null,
  options: { enabled: boolean; withPages: boolean; profile?: PageProfile }
): LaidOutScript | null {
  const { enabled, withPages, profile = LETTER } = options
  const [layout, setLayout] = useState<LaidOutScript | null>(null)
  const paginator = useRef<BackgroundPaginator | null>(null)

  useEffect(() => {
    const created = new BackgroundPaginator(setLayout)
    paginator.current = created
    return () => {
      created.dispose()
      paginator.current = null
    }
  }, [])

  useEffect(() => {
    if (!doc || !enabled) return
    // Turning the page view on needs the pages now, not after a pause.
    const delay = withPages && !layout?.pagination ? 0 : PAGINATION_IDLE_MS
    return whenIdle(() => paginator.current?.request(doc.toString(), profile, withPages), delay)
    // `layout` only picks the delay; a new layout must not trigger another one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, enabled, withPages, profile])

  return doc ? layout : null
}
