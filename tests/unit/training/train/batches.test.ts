import { describe, expect, it } from 'vitest'
import { BatchSampler } from '../../../../training/train/batches'

const tokens = Array.from({ length: 100 }, (_, i) => i)
const batch = { batchSize: 3, sequenceLength: 5 }

describe('BatchSampler', () => {
  it('draws (B, T+1) windows of consecutive tokens', () => {
    const sampler = new BatchSampler(tokens, batch, 'random', 1)
    const drawn = sampler.next()
    expect(drawn.length).toBe(3 * 6)
    for (let row = 0; row < 3; row++) {
      const start = Number(drawn[row * 6])
      for (let t = 0; t < 6; t++) expect(Number(drawn[row * 6 + t])).toBe(start + t)
    }
  })

  it('is reproducible from a seed and differs between seeds', () => {
    const a = new BatchSampler(tokens, batch, 'random', 1)
    const b = new BatchSampler(tokens, batch, 'random', 1)
    const c = new BatchSampler(tokens, batch, 'random', 2)
    const first = a.next()
    expect(b.next()).toEqual(first)
    expect(c.next()).not.toEqual(first)
  })

  for (const order of ['random', 'sequential'] as const) {
    it(`${order}: resumes from a saved state exactly`, () => {
      const sampler = new BatchSampler(tokens, batch, order, 9)
      for (let i = 0; i < 7; i++) sampler.next()
      const saved = JSON.parse(JSON.stringify(sampler.state))
      const expected = [sampler.next(), sampler.next(), sampler.next()]
      const resumed = new BatchSampler(tokens, batch, order, saved)
      expect([resumed.next(), resumed.next(), resumed.next()]).toEqual(expected)
      expect(resumed.state.batchesDrawn).toBe(10)
    })
  }

  it('sequential: rows follow each other and wrap before running out', () => {
    const sampler = new BatchSampler(tokens, batch, 'sequential', 0)
    const first = sampler.next()
    expect([0, 6, 12].map((i) => Number(first[i]))).toEqual([0, 5, 10])
    const starts: number[] = []
    for (let i = 0; i < 12; i++) starts.push(Number(sampler.next()[0]))
    expect(starts.every((start) => start + 15 < tokens.length)).toBe(true)
    expect(starts).toContain(0)
  })

  it('refuses too little data with a hint', () => {
    expect(() => new BatchSampler(tokens.slice(0, 10), batch, 'random', 1)).toThrow(/add more text/)
  })
})
