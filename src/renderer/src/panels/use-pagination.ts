import { useEffect, useState } from 'react'
import type { Screenplay } from '../../../shared/fountain/elements'
import { paginate } from '../../../shared/pagination/paginate'
import { LETTER, type PageProfile } from '../../../shared/pagination/profile'
import type { Pagination } from '../../../shared/pagination/types'

/// Quiet time before the script is paginated again: a full pagination of a feature script takes
/// tens of milliseconds, far too long to run on every keystroke.
export const PAGINATION_IDLE_MS = 300

type IdleWindow = Window & {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number
  cancelIdleCallback?: (handle: number) => void
}

/// Runs `work` once the writer has paused for `delayMs` and the browser is idle. Returns a cancel
/// function.
export function whenIdle(work: () => void, delayMs: number): () => void {
  const idle = globalThis as unknown as IdleWindow
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

/// The pagination of `screenplay`, recomputed after the writer pauses (`PAGINATION_IDLE_MS`),
/// never synchronously per keystroke. Null until the first pagination is done, or while `enabled`
/// is false.
export function usePagination(
  screenplay: Screenplay | null,
  enabled = true,
  profile: PageProfile = LETTER
): Pagination | null {
  const [pagination, setPagination] = useState<Pagination | null>(null)
  useEffect(() => {
    if (!screenplay || !enabled) return
    return whenIdle(() => setPagination(paginate(screenplay, profile)), PAGINATION_IDLE_MS)
  }, [screenplay, enabled, profile])
  return screenplay ? pagination : null
}
