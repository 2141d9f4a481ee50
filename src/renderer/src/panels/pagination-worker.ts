/// Web worker: parses and paginates the script off the main thread, so a long script's layout
/// never delays a keystroke. The text goes in (one string is cheap to copy); the summary comes
/// back, and the pages only when asked for (120 pages are thousands of objects to copy).
import type { PageProfile } from '../../../shared/pagination/profile'
import { layOutScript, type LaidOutScript } from './pagination-summary'

/// A request to the pagination worker.
export interface PaginationRequest {
  id: number
  /// The Fountain text.
  text: string
  profile: PageProfile
  /// Send back the pages too (for the page view), not only the summary.
  withPages: boolean
}

/// The worker's answer to request `id`.
export type PaginationResponse =
  { id: number; result: LaidOutScript; milliseconds: number } | { id: number; error: string }

// The DOM library types `self` as a Window; a dedicated worker's scope has this shape.
interface WorkerScope {
  onmessage: ((event: MessageEvent<PaginationRequest>) => void) | null
  postMessage(message: PaginationResponse): void
}

const scope = globalThis as unknown as WorkerScope
scope.onmessage = (event) => {
  const { id, text, profile, withPages } = event.data
  try {
    const started = performance.now()
    const result = layOutScript(text, profile, withPages)
    scope.postMessage({ id, result, milliseconds: performance.now() - started })
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
}
