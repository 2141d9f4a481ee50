/// Generation waits while the writer types. On a 2-core machine each forward pass of the model
/// takes both cores' caches and memory bandwidth for 10–20 ms, and a key that lands beside one
/// costs the editor twice its usual time (measured in tests/benchmarks/ai-latency.ts: input +
/// frame work p95 23–26 ms while a snippet streamed, 9–11 ms with nothing streaming, and still
/// 23–26 ms when the tokens were computed but never sent to the page, so the cost is the compute,
/// not the drawing). Lower priority does not help: the editor gets the cores first, but not the
/// caches. So the host holds its next forward pass until the writer has stopped typing for a
/// moment; the suggestion or snippet then goes on where it was.
///
/// A new request lifts the hold: asking for text (the hotkey, Generate) means the writer stopped.

import { WRITER_HOLD_MS } from '../../../shared/ai/writer-typing'

export class WriterHold {
  private until = 0
  /// Waits in progress (two requests may stream at once), to end early on release.
  private readonly waiting = new Set<() => void>()

  constructor(private readonly now: () => number = () => performance.now()) {}

  /// The writer pressed a key: hold the next forward pass for `holdMs` from now.
  typing(holdMs = WRITER_HOLD_MS): void {
    this.until = Math.max(this.until, this.now() + holdMs)
  }

  /// Ends the hold at once (a new request: the writer asked for text).
  release(): void {
    this.until = 0
    for (const wake of [...this.waiting]) wake()
  }

  /// Whether the next forward pass would wait now.
  get holding(): boolean {
    return this.now() < this.until
  }

  /// Resolves when no key has come for the hold's time, or at once when `signal` aborts. First
  /// lets the event loop read the messages that arrived during the last forward pass (onnxruntime's
  /// run() blocks the thread), so a key pressed during it holds the very next pass.
  async wait(signal?: AbortSignal): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
    while (this.holding && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer)
          signal?.removeEventListener('abort', done)
          this.waiting.delete(done)
          resolve()
        }
        const timer = setTimeout(done, Math.max(1, this.until - this.now()))
        signal?.addEventListener('abort', done, { once: true })
        this.waiting.add(done)
      })
    }
  }
}
