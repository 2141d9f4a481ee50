/// Web worker: paginates screenplays off the main thread, so a long script's layout never delays
/// a keystroke. Receives `{ id, screenplay, profile }`, answers `{ id, pagination }` or
/// `{ id, error }`.
import type { Screenplay } from '../../../shared/fountain/elements'
import { paginate } from '../../../shared/pagination/paginate'
import type { PageProfile } from '../../../shared/pagination/profile'
import type { Pagination } from '../../../shared/pagination/types'

/// A request to the pagination worker.
export interface PaginationRequest {
  id: number
  screenplay: Screenplay
  profile: PageProfile
}

/// The worker's answer to request `id`.
export type PaginationResponse =
  { id: number; pagination: Pagination; milliseconds: number } | { id: number; error: string }

// The DOM library types `self` as a Window; a dedicated worker's scope has this shape.
interface WorkerScope {
  onmessage: ((event: MessageEvent<PaginationRequest>) => void) | null
  postMessage(message: PaginationResponse): void
}

const scope = globalThis as unknown as WorkerScope
scope.onmessage = (event) => {
  const { id, screenplay, profile } = event.data
  try {
    const started = performance.now()
    const pagination = paginate(screenplay, profile)
    scope.postMessage({ id, pagination, milliseconds: performance.now() - started })
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
}
