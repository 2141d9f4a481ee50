import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { HostClient } from '../../../../src/main/hosts/host-client'
import { createNodeHostLauncher } from '../../../../src/main/hosts/node-host-launcher'
import type { TrainingHostMethods } from '../../../../src/main/hosts/training-host'
import { TrainingService } from '../../../../src/main/training/training-service'
import type {
  RetrainRequest,
  TrainingEvent,
  TrainingEventMessage
} from '../../../../src/shared/retraining/training-types'
import { listCheckpoints, loadCheckpoint } from '../../../../training/train/checkpoint'
import { createTinyGPT2, writeTinyGPT2Folder } from '../../../fixtures/models/tiny-gpt2'

type Progress = Extract<TrainingEvent, { type: 'progress' }>

const SCRIPTS = fileURLToPath(new URL('../../../fixtures/scripts/retrain', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'sb-kill-resume-'))
const baseModel = join(root, 'base')
// A tiny GPT-2 with a character tokenizer: each step takes milliseconds on two cores.
writeTinyGPT2Folder(baseModel, createTinyGPT2({ vocabSize: 101, contextLength: 64 }), {
  tokenizer: true
})
const modelsDir = join(root, 'models')

const host = new HostClient<TrainingHostMethods>('training', createNodeHostLauncher())
const events: TrainingEventMessage[] = []
const service = new TrainingService(
  host,
  modelsDir,
  () => baseModel,
  (message) => {
    events.push(message)
    listeners.forEach((listener) => listener(message))
  }
)
const listeners: ((message: TrainingEventMessage) => void)[] = []

afterAll(async () => {
  await host.dispose()
  rmSync(root, { recursive: true, force: true })
})

function request(runName: string, resume = false): RetrainRequest {
  return {
    runName,
    scripts: [SCRIPTS],
    steps: 12,
    learningRate: 1e-3,
    batchSize: 2,
    contextLength: 32,
    evaluationInterval: 4,
    checkpointInterval: 4,
    sampleInterval: 0,
    earlyStoppingPatience: 0,
    resume
  }
}

function progressOf(runName: string, from = 0): Map<number, Progress> {
  const steps = new Map<number, Progress>()
  for (const message of events.slice(from)) {
    if (message.runName === runName && message.event.type === 'progress') {
      steps.set(message.event.step, message.event)
    }
  }
  return steps
}

// The real training host (a Node child process, as browser mode runs it) killed with SIGKILL
// right after its first checkpoint: the resumed run continues from that checkpoint with the data
// position and losses an uninterrupted run had, and every file on disk parses.
describe('a retraining killed mid-run', () => {
  it('resumes from its last checkpoint exactly where an uninterrupted run would be', async () => {
    const straight = await service.start(request('straight'))
    expect(straight).toMatchObject({ ok: true, value: { status: 'done', steps: 12 } })
    const expected = progressOf('straight')
    expect([...expected.keys()]).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))

    // Kill the host the moment the step-4 checkpoint is on disk.
    let killedAfter: number | null = null
    listeners.push((message) => {
      if (message.runName !== 'killed' || killedAfter !== null) return
      if (message.event.type === 'checkpoint') {
        killedAfter = message.event.step
        process.kill(host.status().pid as number, 'SIGKILL')
      }
    })
    const killed = await service.start(request('killed'))
    expect(killed.ok).toBe(false)
    if (!killed.ok) expect(killed.error.code).toBe('host-crashed')
    expect(killedAfter).toBe(4)

    // What the dead host left: complete checkpoints only (it may have finished step 8's before
    // the signal landed), each of which parses, and no model yet.
    const checkpointRoot = join(modelsDir, 'killed', 'checkpoint')
    const complete = await listCheckpoints(checkpointRoot)
    expect(complete.length).toBeGreaterThanOrEqual(1)
    for (const directory of complete) await loadCheckpoint(directory)
    expect(existsSync(join(modelsDir, 'killed', 'script-buddy.json'))).toBe(false)
    const lastSaved = (await loadCheckpoint(complete[0])).state.step

    const resumeFrom = events.length
    const resumed = await service.start(request('killed', true))
    expect(resumed).toMatchObject({ ok: true, value: { status: 'done', steps: 12 } })
    const resumedEvents = events.slice(resumeFrom).map((message) => message.event)
    expect(resumedEvents.find((event) => event.type === 'resumed')).toEqual({
      type: 'resumed',
      step: lastSaved,
      skipped: []
    })
    const after = progressOf('killed', resumeFrom)
    expect([...after.keys()][0]).toBe(lastSaved + 1)
    for (const [step, progress] of after) {
      // Same next batch (RNG state and batches drawn) and the same loss as the unbroken run.
      expect(progress.dataPosition).toEqual(expected.get(step)?.dataPosition)
      expect(progress.loss).toBeCloseTo(expected.get(step)?.loss as number, 5)
      if (expected.get(step)?.validationLoss !== undefined) {
        expect(progress.validationLoss).toBeCloseTo(expected.get(step)?.validationLoss as number, 5)
      }
    }
    if (straight.ok && resumed.ok) {
      expect(resumed.value.validationAfter).toBeCloseTo(straight.value.validationAfter as number, 5)
    }
    // A finished run keeps one checkpoint (the last) and the best weights; no partial folders.
    expect(readdirSync(checkpointRoot).sort()).toEqual(['best', 'step-00000012'])
  }, 240_000)

  it('will not overwrite a finished model of the same name', async () => {
    const again = await service.start(request('straight'))
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    if (!again.ok) expect(again.error.message).toMatch(/already exists.*another name/)
  })
})
