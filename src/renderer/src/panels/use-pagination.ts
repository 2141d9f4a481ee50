import { useEffect, useRef, useState } from 'react'
import type { Screenplay } from '../../../shared/fountain/elements'
import { LETTER, type PageProfile } from '../../../shared/pagination/profile'
import type { Pagination } from '../../../shared/pagination/types'
import { BackgroundPaginator } from './background-paginator'

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

/// The pagination of `screenplay`, laid out in a web worker once the writer pauses
/// (`PAGINATION_IDLE_MS`), never synchronously per keystroke. Null until the first pagination is
/// done; while `enabled` is false the last result stays and nothing new is laid out.
export function usePagination(
  screenplay: Screenplay | null,
  enabled = true,
  profile: PageProfile = LETTER
): Pagination | null {
  const [pagination, setPagination] = useState<Pagination | null>(null)
  const paginator = useRef<BackgroundPaginator | null>(null)

  useEffect(() => {
    const created = new BackgroundPaginator(setPagination)
    paginator.current = created
    return () => {
      created.dispose()
      paginator.current = null
    }
  }, [])

  useEffect(() => {
    if (!screenplay || !enabled) return
    return whenIdle(() => paginator.current?.request(screenplay, profile), PAGINATION_IDLE_MS)
  }, [screenplay, enabled, profile])

  return screenplay ? pagination : null
}
