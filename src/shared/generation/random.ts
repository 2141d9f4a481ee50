/// Seeded random numbers for sampling, so that a seed reproduces a take (llm.c samples with a
/// seeded xorshift for the same reason). Mulberry32: 32 bits of state, fast, and good enough to
/// draw one token per step; not for cryptography.

/// A source of uniform numbers in [0, 1).
export type Random = () => number

/// Murmur3's 32-bit finaliser: spreads every input bit over the output, so nearby seeds and
/// stream indices give unrelated states.
function mix32(value: number): number {
  let hash = value >>> 0
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b)
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35)
  return (hash ^ (hash >>> 16)) >>> 0
}

/// A reproducible generator: the same seed always yields the same sequence.
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

/// `count` independent generators derived from one seed: one per alternative, so alternative i
/// draws the same numbers whatever the other alternatives do.
export function randomStreams(seed: number, count: number): Random[] {
  const streams: Random[] = []
  for (let index = 0; index < count; index++) {
    // 0x9e3779b9 (the golden ratio in 32 bits) keeps the stream keys far apart before mixing.
    streams.push(createRandom(mix32(mix32(seed) ^ Math.imul(index + 1, 0x9e3779b9))))
  }
  return streams
}

/// A fresh seed in [0, 2^32) for requests that do not ask for one.
export function freshSeed(): number {
  return Math.floor(Math.random() * 4294967296) >>> 0
}
