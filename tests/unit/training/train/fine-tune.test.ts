import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fineTune, type FineTuneProgress } from '../../../../training/train/fine-tune'
import { loadBestWeights } from '../../../../training/train/checkpoint'
import { initialWeights } from '../../../../training/train/initial-weights'
import { TINY, TINY_BATCH } from './fixtures'

const PHRASE = [4, 21, 30, 2, 17, 9, 13, 2, 33]
const text = (length: number): number[] =>
  Array.from({ length }, (_, i) => PHRASE[i % PHRASE.length])

const base = {
  config: TINY,
  weights: initialWeights(TINY, 4),
  trainTokens: text(300),
  validationTokens: text(120),
  batch: TINY_BATCH,
  schedule: { learningRate: 1e-2, minLearningRate: 1e-3, warmupSteps: 3, decaySteps: 40 },
  // A tiny model from random weights: its token embedding has to learn too (fine-tuning a
  // pretrained model freezes it by default).
  adamW: { weightDecay: 0, embeddingLearningRateScale: 1 },
  seed: 5,
  evaluationBatches: 2
}

const directories: string[] = []
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true })
})

describe('fineTune', () => {
  it('trains, reports every step, and evaluates at the interval and the end', async () => {
    const progress: FineTuneProgress[] = []
    const result = await fineTune(
      { ...base, maxSteps: 40, evaluationInterval: 10 },
      { onProgress: (p) => progress.push(p) }
    )
    expect(result.status).toBe('done')
    expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    const evaluated = progress.filter((p) => p.validationLoss !== undefined).map((p) => p.step)
    expect(evaluated).toEqual([10, 20, 30, 40])
    expect(progress[0].loss).toBeGreaterThan(3)
    expect(result.bestValidationLoss).toBeLessThan(1)
    // warmup then cosine: the rate rises for 3 steps, then falls
    expect(progress[2].learningRate).toBeGreaterThan(progress[0].learningRate)
    expect(progress[39].learningRate).toBeLessThan(progress[3].learningRate)
  })

  it('stops when cancelled, checkpoints, and the resumed run ends exactly like an unbroken one', async () => {
    const unbroken = await fineTune({ ...base, maxSteps: 6 })
    const directory = await mkdtemp(join(tmpdir(), 'fine-tune-'))
    directories.push(directory)
    const controller = new AbortController()
    const first = await fineTune(
      { ...base, maxSteps: 6, checkpointDirectory: directory },
      {
        signal: controller.signal,
        onProgress: (p) => (p.step === 3 ? controller.abort() : undefined)
      }
    )
    expect(first.status).toBe('cancelled')
    expect(first.state.step).toBe(3)
    const resumed = await fineTune({ ...base, maxSteps: 6, resumeFrom: directory })
    expect(resumed.state.step).toBe(6)
    expect(resumed.lastLoss).toBe(unbroken.lastLoss)
    expect(resumed.bestValidationLoss).toBe(unbroken.bestValidationLoss)
  })

  it('stops early when the validation loss stops improving, keeping the best step apart', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'fine-tune-'))
    directories.push(directory)
    // A learning rate far too high: the loss gets worse after the first evaluations.
    const result = await fineTune({
      ...base,
      schedule: { ...base.schedule, learningRate: 0.3, decay: false },
      maxSteps: 40,
      evaluationInterval: 2,
      earlyStopping: { patience: 2 },
      checkpointDirectory: directory
    })
    expect(result.stoppedEarly).toBe(true)
    expect(result.state.step).toBeLessThan(40)
    const history = result.validationHistory
    const best = history.reduce((a, b) => (b.loss < a.loss ? b : a))
    expect(result.bestStep).toBe(best.step)
    // patience 2: it ran exactly two evaluations past the best one
    expect(history.at(-1)?.step).toBe(best.step + 4)
    const saved = await loadBestWeights(directory)
    expect(saved?.step).toBe(best.step)
    expect(saved?.validationLoss).toBe(best.loss)
  })

  it('samples at the interval and reports the data position the resumed run continues from', async () => {
    const unbroken: FineTuneProgress[] = []
    const sampled: number[] = []
    await fineTune(
      { ...base, maxSteps: 6, sampleInterval: 2 },
      {
        onProgress: (p) => unbroken.push(p),
        onSample: async (step, weights) => {
          expect(weights.get('transformer.wte.weight')?.length).toBe(37 * 24)
          sampled.push(step)
        }
      }
    )
    // every 2 steps, but not at the end (the run's final sample comes from the finished model)
    expect(sampled).toEqual([2, 4])
    const directory = await mkdtemp(join(tmpdir(), 'fine-tune-'))
    directories.push(directory)
    await fineTune({ ...base, maxSteps: 4, checkpointDirectory: directory })
    const resumed: FineTuneProgress[] = []
    const onResume: { step: number }[] = []
    await fineTune(
      { ...base, maxSteps: 6, resumeFrom: directory },
      { onProgress: (p) => resumed.push(p), onResume: (r) => onResume.push(r) }
    )
    expect(onResume.map((r) => r.step)).toEqual([4])
    expect(resumed.map((p) => p.step)).toEqual([5, 6])
    expect(resumed.map((p) => p.data)).toEqual(unbroken.slice(4).map((p) => p.data))
    expect(resumed.map((p) => p.loss)).toEqual(unbroken.slice(4).map((p) => p.loss))
  })
})

describe('fineTune defaults', () => {
  it('keeps the token embedding of the starting weights (fine-tuning freezes it)', async () => {
    const weights = initialWeights(TINY, 4)
    const result = await fineTune({ ...base, weights, adamW: { weightDecay: 0 }, maxSteps: 3 })
    const embedding = 'transformer.wte.weight'
    expect(result.state.parameters.get(embedding)).toEqual(weights.get(embedding))
    expect(result.state.parameters.get('transformer.wpe.weight')).not.toEqual(
      weights.get('transformer.wpe.weight')
    )
  })
})
