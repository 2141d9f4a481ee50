/// Paginates in a web worker and hands back only the newest result: while one pagination runs,
/// newer requests replace each other, and only the last one is sent next.
import type { PageProfile } from '../../../shared/pagination/profile'
import { layOutScript, type LaidOutScript } from './pagination-summary'
import type { PaginationRequest, PaginationResponse } from './pagination-worker'

/// Receives each finished layout (for the latest request at the time it started).
export type LayoutListener = (result: LaidOutScript) => void

/// Starts the pagination worker; null where workers are unavailable (tests under jsdom).
export function startPaginationWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null
  try {
    return new Worker(new URL('./pagination-worker.ts', import.meta.url), { type: 'module' })
  } catch {
    return null
  }
}

/// One worker, one request in flight, the newest request waiting. Without a worker (or after it
/// fails) it paginates on the main thread instead, which is correct but slower for the writer.
export class BackgroundPaginator {
  private nextId = 1
  private inFlight: PaginationRequest | null = null
  private waiting: PaginationRequest | null = null
  private disposed = false

  constructor(
    private readonly onResult: LayoutListener,
    private worker: Worker | null = startPaginationWorker()
  ) {
    if (this.worker) {
      this.worker.onmessage = (event: MessageEvent<PaginationResponse>) => this.receive(event.data)
      this.worker.onerror = () => this.fallBack()
    }
  }

  /// Asks for the layout of Fountain `text`; earlier requests not yet started are dropped.
  request(text: string, profile: PageProfile, withPages: boolean): void {
    if (this.disposed) return
    const request = { id: this.nextId++, text, profile, withPages }
    if (!this.worker) {
      this.onResult(layOutScript(text, profile, withPages))
      return
    }
    if (this.inFlight !== null) {
      this.waiting = request
      return
    }
    this.send(request)
  }

  dispose(): void {
    this.disposed = true
    this.worker?.terminate()
    this.worker = null
  }

  private send(request: PaginationRequest): void {
    this.inFlight = request
    this.worker?.postMessage(request)
  }

  private receive(response: PaginationResponse): void {
    if (this.disposed || response.id !== this.inFlight?.id) return
    this.inFlight = null
    const waiting = this.waiting
    this.waiting = null
    if ('error' in response) console.error(`Pagination failed: ${response.error}`)
    else if (!waiting) this.onResult(response.result)
    // A newer request came in meanwhile: this result is stale, lay out the newer one instead.
    if (waiting) this.send(waiting)
  }

  // The worker could not start (a blocked script, a crash): paginate here from now on.
  private fallBack(): void {
    this.worker?.terminate()
    this.worker = null
    const pending = this.waiting ?? this.inFlight
    this.inFlight = null
    this.waiting = null
    if (pending && !this.disposed) {
      this.onResult(layOutScript(pending.text, pending.profile, pending.withPages))
    }
  }
}
