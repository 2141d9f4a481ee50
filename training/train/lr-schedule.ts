/// Learning-rate schedule of nanoGPT's `train.py`: linear warmup, then cosine decay to a floor.
export interface LearningRateSchedule {
  /// Peak learning rate, reached at the end of warmup.
  learningRate: number
  /// Floor after decay (nanoGPT: about learningRate / 10).
  minLearningRate: number
  /// Steps of linear warmup.
  warmupSteps: number
  /// Step at which the cosine reaches the floor; the rate stays there afterwards.
  decaySteps: number
  /// false: constant learningRate (nanoGPT's `decay_lr = False`, as its fine-tune configs use).
  decay?: boolean
}

/// The learning rate for optimizer step `step` (0-based), as nanoGPT's `get_lr(it)`.
export function learningRateAt(step: number, schedule: LearningRateSchedule): number {
  const { learningRate, minLearningRate, warmupSteps, decaySteps } = schedule
  if (schedule.decay === false) return learningRate
  // 1) linear warmup for warmupSteps steps
  if (step < warmupSteps) return (learningRate * (step + 1)) / (warmupSteps + 1)
  // 2) if step > decaySteps, return the minimum learning rate
  if (step > decaySteps) return minLearningRate
  // 3) in between, use cosine decay down to the minimum learning rate
  const decayRatio = (step - warmupSteps) / Math.max(1, decaySteps - warmupSteps)
  const coefficient = 0.5 * (1 + Math.cos(Math.PI * decayRatio)) // ranges 0..1
  return minLearningRate + coefficient * (learningRate - minLearningRate)
}
