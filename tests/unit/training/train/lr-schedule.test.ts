import { describe, expect, it } from 'vitest'
import { learningRateAt } from '../../../../training/train/lr-schedule'

const schedule = { learningRate: 6e-4, minLearningRate: 6e-5, warmupSteps: 10, decaySteps: 110 }

describe('learningRateAt (nanoGPT get_lr)', () => {
  it('warms up linearly', () => {
    expect(learningRateAt(0, schedule)).toBeCloseTo((6e-4 * 1) / 11, 12)
    expect(learningRateAt(9, schedule)).toBeCloseTo((6e-4 * 10) / 11, 12)
  })
  it('starts the cosine at the peak, halves at the midpoint, ends at the floor', () => {
    expect(learningRateAt(10, schedule)).toBeCloseTo(6e-4, 12)
    expect(learningRateAt(60, schedule)).toBeCloseTo((6e-4 + 6e-5) / 2, 12)
    expect(learningRateAt(110, schedule)).toBeCloseTo(6e-5, 12)
    expect(learningRateAt(5000, schedule)).toBe(6e-5)
  })
  it('is monotone during decay', () => {
    for (let step = 10; step < 110; step++) {
      expect(learningRateAt(step + 1, schedule)).toBeLessThanOrEqual(learningRateAt(step, schedule))
    }
  })
  it('stays constant with decay off', () => {
    expect(learningRateAt(3, { ...schedule, decay: false })).toBe(6e-4)
  })
})
