import { describe, expect, it } from 'vitest'
import { createRandom } from '../../../../src/shared/generation/random'
import { greedyToken, sampleToken, samplerFor } from '../../../../src/shared/generation/sampler'

describe('greedy', () => {
  it('picks the argmax, the first one on ties, never NaN', () => {
    expect(greedyToken(Float32Array.from([0.1, 3, -1, 2]))).toBe(1)
    expect(greedyToken(Float32Array.from([5, 1, 5]))).toBe(0)
    expect(greedyToken(Float32Array.from([NaN, -Infinity, -3]))).toBe(2)
  })

  it('explains when every token is ruled out', () => {
    expect(() => greedyToken(Float32Array.from([-Infinity, NaN]))).toThrow(/ruled out/)
  })
})

describe('multinomial sampling', () => {
  it('draws each token with its softmax probability and never a removed one', () => {
    const probabilities = [0.5, 0.3, 0.2]
    const logits = Float32Array.from([...probabilities.map(Math.log), -Infinity])
    const random = createRandom(123)
    const counts = [0, 0, 0, 0]
    const draws = 20000
    for (let index = 0; index < draws; index++) counts[sampleToken(logits, random)]++
    expect(counts[3]).toBe(0)
    probabilities.forEach((probability, token) => {
      expect(Math.abs(counts[token] / draws - probability)).toBeLessThan(0.015)
    })
  })

  it('is reproducible with the same seed', () => {
    const logits = Float32Array.from([1, 1, 1, 1, 1])
    const run = (seed: number) => {
      const random = createRandom(seed)
      return Array.from({ length: 30 }, () => sampleToken(logits, random))
    }
    expect(run(4)).toEqual(run(4))
    expect(run(4)).not.toEqual(run(5))
  })

  it('walks all of V when more than a gathered list is finite', () => {
    const logits = new Float32Array(5000).fill(-50)
    logits[4321] = 0
    expect(sampleToken(logits, createRandom(1))).toBe(4321)
  })

  it('samplerFor(0) is greedy and ignores the generator', () => {
    const sampler = samplerFor(0, () => {
      throw new Error('greedy must not draw')
    })
    expect(sampler(Float32Array.from([1, 9, 3]))).toBe(1)
  })
})
