/// A small seeded RNG (mulberry32) whose whole state is one uint32, so a run can save it and
/// resume the exact same sequence (llm.c uses xorshift for the same reason).
export class SeededRandom {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /// The state to save; `new SeededRandom(saved)` continues the sequence exactly.
  get seed(): number {
    return this.state
  }

  /// Uniform in [0, 1).
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /// Uniform integer in [0, limit).
  integer(limit: number): number {
    return Math.floor(this.next() * limit)
  }

  /// Standard normal (Box-Muller).
  normal(): number {
    const u = 1 - this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }
}
