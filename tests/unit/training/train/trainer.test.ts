import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BatchSampler } from '../../../../training/train/batches'
import { loadCheckpoint, saveCheckpoint, STATE_FILE } from '../../../../training/train/checkpoint'
import { initialWeights } from '../../../../training/train/initial-weights'
import { Trainer } from '../../../../training/train/trainer'
import { randomWeights, TINY, TINY_BATCH } from './fixtures'

// A repetitive "text": the same 10-token phrase again and again, which a tiny GPT learns fast.
const PHRASE = [3, 14, 15, 9, 26, 5, 35, 8, 9, 7]
const TOKENS = Array.from({ length: 400 }, (_, i) => PHRASE[i % PHRASE.length])

const directories: string[] = []
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true })
})

describe('Trainer', () => {
  it('drives the loss on a repetitive sequence far down in 60 steps', async () => {
    const trainer = await Trainer.create({
      config: TINY,
      batch: TINY_BATCH,
      weights: initialWeights(TINY, 1),
      adamW: { weightDecay: 0 }
    })
    const sampler = new BatchSampler(TOKENS, TINY_BATCH, 'random', 42)
    const losses: number[] = []
    for (let step = 0; step < 60; step++) {
      const { loss, gradNorm } = await trainer.trainStep([sampler.next()], 3e-3)
      expect(Number.isFinite(gradNorm)).toBe(true)
      losses.push(loss)
    }
    await trainer.dispose()
    expect(trainer.step).toBe(60)
    // starts near ln(37) = 3.61; a model that learnt the phrase is well under 0.5
    expect(losses[0]).toBeGreaterThan(3)
    expect(Math.min(...losses.slice(-5))).toBeLessThan(0.5)
  })

  it('with 2 accumulation steps over the same batch equals one fused step on it', async () => {
    const weights = randomWeights(TINY, 5, 0.05)
    const sampler = new BatchSampler(TOKENS, TINY_BATCH, 'random', 3)
    const batch = sampler.next()
    const fused = await Trainer.create({ config: TINY, batch: TINY_BATCH, weights })
    const accumulated = await Trainer.create({
      config: TINY,
      batch: TINY_BATCH,
      weights,
      accumulationSteps: 2
    })
    const a = await fused.trainStep([batch], 1e-3)
    const b = await accumulated.trainStep([batch, batch], 1e-3)
    expect(b.loss).toBeCloseTo(a.loss, 5)
    expect(b.gradNorm).toBeCloseTo(a.gradNorm, 4)
    const after = (await fused.evaluate(batch)) - (await accumulated.evaluate(batch))
    expect(Math.abs(after)).toBeLessThan(1e-5)
    await fused.dispose()
    await accumulated.dispose()
  })

  it('resumed from a checkpoint, gives exactly the same next losses as the unbroken run', async () => {
    const options = { config: TINY, batch: TINY_BATCH, weights: initialWeights(TINY, 2) }
    const unbroken = await Trainer.create(options)
    const sampler = new BatchSampler(TOKENS, TINY_BATCH, 'random', 7)
    for (let step = 0; step < 5; step++) await unbroken.trainStep([sampler.next()], 2e-3)
    const directory = await mkdtemp(join(tmpdir(), 'checkpoint-'))
    directories.push(directory)
    const saved = await saveCheckpoint(directory, {
      config: TINY,
      state: unbroken.state(),
      metadata: { sampler: sampler.state }
    })
    const expected = [
      await unbroken.trainStep([sampler.next()], 2e-3),
      await unbroken.trainStep([sampler.next()], 2e-3)
    ]

    const checkpoint = await loadCheckpoint(saved)
    const resumed = await Trainer.create({
      config: checkpoint.config,
      batch: TINY_BATCH,
      state: checkpoint.state
    })
    const resumedSampler = new BatchSampler(
      TOKENS,
      TINY_BATCH,
      'random',
      checkpoint.metadata.sampler as BatchSampler['state']
    )
    expect(resumed.step).toBe(5)
    const actual = [
      await resumed.trainStep([resumedSampler.next()], 2e-3),
      await resumed.trainStep([resumedSampler.next()], 2e-3)
    ]
    expect(actual).toEqual(expected)
    await unbroken.dispose()
    await resumed.dispose()
  })

  it('refuses a checkpoint with another magic, with a readable message', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'checkpoint-'))
    directories.push(directory)
    await writeFile(join(directory, STATE_FILE), JSON.stringify({ magic: 'x', version: 2 }))
    await expect(loadCheckpoint(directory)).rejects.toThrow(
      /not a Script Buddy training checkpoint/
    )
  })

  it('refuses a batch of the wrong size', async () => {
    const trainer = await Trainer.create({
      config: TINY,
      batch: TINY_BATCH,
      weights: initialWeights(TINY, 1)
    })
    await expect(trainer.trainStep([new BigInt64Array(5)], 1e-3)).rejects.toThrow(/B·\(T\+1\)/)
    await trainer.dispose()
  })
})
