/// Streamed text leaves the inference host in batches: at most one message per alternative per
/// interval, and none for a token that made no text final. Every token was a message before:
/// with three alternatives, about 300 a second, each one crossing to main and on to the renderer,
/// waking three processes on a 2-core machine where the writer's keys need the cores. The first
/// text of a request goes out at once (the ghost text's first token is a latency target), and
/// what is pending goes out when the request ends.
import type { TokenEvent } from '../../../shared/generation'

/// How long streamed text may wait in the host: two frames at 60 Hz.
export const TOKEN_BATCH_MS = 33

export interface TokenBatcherOptions {
  intervalMs?: number
  now?: () => number
  setTimer?: (callback: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

export class TokenBatcher {
  private readonly pending = new Map<number, TokenEvent>()
  private lastFlush = -Infinity
  private timer: unknown = null
  private readonly intervalMs: number
  private readonly now: () => number
  private readonly setTimer: (callback: () => void, ms: number) => unknown
  private readonly clearTimer: (timer: unknown) => void

  constructor(
    private readonly emit: (event: TokenEvent) => void,
    options: TokenBatcherOptions = {}
  ) {
    this.intervalMs = options.intervalMs ?? TOKEN_BATCH_MS
    this.now = options.now ?? (() => performance.now())
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms))
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout))
  }

  /// Takes one token's event; its text goes out now or with the next batch.
  push(event: TokenEvent): void {
    if (event.text === '') return
    const before = this.pending.get(event.alternative)
    this.pending.set(
      event.alternative,
      before ? { ...event, text: before.text + event.text } : { ...event }
    )
    if (this.timer !== null) return
    const wait = this.lastFlush + this.intervalMs - this.now()
    if (wait <= 0) this.flush()
    else this.timer = this.setTimer(() => this.flush(), wait)
  }

  /// Sends what is pending now (the request ended, or the interval is over).
  flush(): void {
    if (this.timer !== null) this.clearTimer(this.timer)
    this.timer = null
    if (this.pending.size === 0) return
    this.lastFlush = this.now()
    const events = [...this.pending.values()]
    this.pending.clear()
    for (const event of events) this.emit(event)
  }
}
