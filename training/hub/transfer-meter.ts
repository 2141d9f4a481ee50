/// Download speed over the last few seconds (a sliding window, so a stall shows at once and the
/// ETA follows the current rate rather than the average since the start).
const WINDOW_MS = 5_000
/// Below this much measured time a speed would be noise.
const MIN_SPAN_MS = 250

export class TransferMeter {
  private readonly samples: { at: number; bytes: number }[] = []

  constructor(private readonly now: () => number = () => performance.now()) {}

  add(bytes: number): void {
    const at = this.now()
    this.samples.push({ at, bytes })
    while (this.samples.length > 1 && at - this.samples[0].at > WINDOW_MS) this.samples.shift()
  }

  /// Bytes per second over the window, or null before there is a measurable span.
  bytesPerSecond(): number | null {
    if (this.samples.length < 2) return null
    const span = this.now() - this.samples[0].at
    if (span < MIN_SPAN_MS) return null
    // The first sample's bytes arrived before the window's start time.
    const bytes = this.samples.slice(1).reduce((sum, sample) => sum + sample.bytes, 0)
    return (bytes * 1000) / span
  }
}
