import { describe, expect, it } from 'vitest'
import { createRandom, freshSeed, randomStreams } from '../../../../src/shared/generation/random'

function draw(random: () => number, count: number): number[] {
  return Array.from({ length: count }, () => random())
}

describe('seeded random numbers', () => {
  it('reproduces a sequence from its seed', () => {
    expect(draw(createRandom(42), 50)).toEqual(draw(createRandom(42), 50))
  })

  it('gives different sequences for different seeds', () => {
    expect(draw(createRandom(1), 10)).not.toEqual(draw(createRandom(2), 10))
  })

  it('draws uniformly from [0, 1)', () => {
    const values = draw(createRandom(7), 20000)
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true)
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length
    expect(mean).toBeGreaterThan(0.49)
    expect(mean).toBeLessThan(0.51)
    const lowTenth = values.filter((value) => value < 0.1).length / values.length
    expect(lowTenth).toBeGreaterThan(0.09)
    expect(lowTenth).toBeLessThan(0.11)
  })
})

describe('streams per alternative', () => {
  it('derives the same stream i whatever the number of streams', () => {
    const three = randomStreams(9, 3)
    const five = randomStreams(9, 5)
    for (let index = 0; index < 3; index++) {
      expect(draw(three[index], 20)).toEqual(draw(five[index], 20))
    }
  })

  it('gives each alternative its own stream, and other seeds other streams', () => {
    const [first, second] = randomStreams(9, 2).map((random) => draw(random, 20))
    expect(first).not.toEqual(second)
    expect(draw(randomStreams(10, 1)[0], 20)).not.toEqual(first)
  })

  it('draws fresh seeds in [0, 2^32)', () => {
    const seed = freshSeed()
    expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true)
  })
})
