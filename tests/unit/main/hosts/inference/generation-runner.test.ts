/// The inference host's runner on a real ONNX session of a tiny GPT-2 (random weights, character
/// tokenizer): generation holds its forward passes while the writer types.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { GenerationRunner } from '../../../../../src/main/hosts/inference/generation-runner'
import type { GenerationRequest } from '../../../../../src/shared/ai/generation-request'
import { createTinyGPT2, writeTinyGPT2Folder } from '../../../../fixtures/models/tiny-gpt2'

const root = mkdtempSync(join(tmpdir(), 'runner-test-'))
const folder = join(root, 'tiny')
writeTinyGPT2Folder(folder, createTinyGPT2({ seed: 7, contextLength: 64 }), { tokenizer: true })
const selection = { folder, engine: { precision: 'fp32' as const, threads: 1 } }
const runner = new GenerationRunner()

afterAll(async () => {
  await runner.release()
  rmSync(root, { recursive: true, force: true })
})

function request(requestId: string, maxNewTokens: number): GenerationRequest {
  return {
    requestId,
    prompt: 'INT. ROOM - DAY\n\n',
    config: { maxNewTokens, seed: 3, stopAt: 'none', temperature: 1, eosTokenId: null }
  }
}

describe('GenerationRunner', () => {
  it('holds the next forward pass while the writer types, then goes on', async () => {
    const times: number[] = []
    const result = await runner.generate(
      selection,
      request('held', 6),
      new AbortController().signal,
      () => {
        times.push(performance.now())
        // A key after the second token: the third waits for the hold.
        if (times.length === 2) runner.writerHold.typing(150)
      }
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.alternatives[0].tokens).toBe(6)
    const gaps = times.slice(1).map((time, index) => time - times[index])
    expect(gaps[1]).toBeGreaterThanOrEqual(140)
    // The others are a tiny model's steps: far shorter than the hold.
    for (const gap of [gaps[0], ...gaps.slice(2)]) expect(gap).toBeLessThan(100)
  })

  it('a new request lifts the hold: its first tokens do not wait for keys typed before it', async () => {
    runner.writerHold.typing(10_000)
    const started = performance.now()
    const result = await runner.generate(
      selection,
      request('asked', 4),
      new AbortController().signal,
      () => {}
    )
    expect(result.ok).toBe(true)
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(runner.writerHold.holding).toBe(false)
  })

  it('a request cancelled while held ends at once as cancelled', async () => {
    const controller = new AbortController()
    let tokens = 0
    const started = performance.now()
    const result = await runner.generate(
      selection,
      request('cancelled', 20),
      controller.signal,
      () => {
        tokens++
        if (tokens === 1) {
          runner.writerHold.typing(10_000)
          setTimeout(() => controller.abort(), 30)
        }
      }
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.alternatives[0].finishReason).toBe('cancelled')
    expect(result.value.alternatives[0].tokens).toBe(1)
    expect(performance.now() - started).toBeLessThan(5_000)
    runner.writerHold.release()
  })
})
