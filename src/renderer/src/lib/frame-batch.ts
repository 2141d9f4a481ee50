/// Streamed text drawn once per frame, not once per token. Three alternatives at 40 tokens/s each
/// would otherwise be 120 editor transactions or React renders a second, competing with the
/// writer's keys for the main thread; the screen shows at most one frame's worth anyway. Each
/// alternative's text since the last frame is joined (a replacement drops what came before it),
/// and the whole frame's text goes to `deliver` in one call.

export interface StreamedText {
  alternative: number
  text: string
  /// The text replaces the alternative's text so far instead of following it.
  replace: boolean
}

const nextFrame: (callback: () => void) => unknown =
  typeof requestAnimationFrame === 'function'
    ? (callback) => requestAnimationFrame(callback)
    : (callback) => setTimeout(callback, 0)

export class FrameBatch {
  private pending = new Map<number, StreamedText>()
  private scheduled = false
  private dropped = false

  constructor(private readonly deliver: (texts: StreamedText[]) => void) {}

  add(update: { alternative: number; text: string; replace?: boolean }): void {
    if (this.dropped) return
    const before = this.pending.get(update.alternative)
    const replace = update.replace === true
    this.pending.set(
      update.alternative,
      replace || !before
        ? { alternative: update.alternative, text: update.text, replace }
        : { ...before, text: before.text + update.text }
    )
    if (this.scheduled) return
    this.scheduled = true
    nextFrame(() => this.flush())
  }

  /// Delivers what is pending now (at the end of a stream, before its final state).
  flush(): void {
    this.scheduled = false
    if (this.dropped || this.pending.size === 0) return
    const texts = [...this.pending.values()]
    this.pending.clear()
    this.deliver(texts)
  }

  /// Forgets what is pending and ignores what comes after (the stream was cancelled).
  drop(): void {
    this.dropped = true
    this.pending.clear()
  }
}
