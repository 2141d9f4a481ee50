import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { corpusAvailable } from '../../../../training/data/corpus'
import {
  EMBEDDED_MODEL,
  measureFineTuneBar,
  splitInHalves
} from '../../../../training/eval/fine-tune-bar'

const weights = fileURLToPath(new URL('model.safetensors', `${EMBEDDED_MODEL.href}/`))
const skipReason = !corpusAvailable()
  ? 'the screenplay corpus (../shared/data/screenplays) is missing'
  : !existsSync(weights)
    ? `the embedded model is missing (${weights})`
    : null
if (skipReason) console.warn(`[fine-tune-bar] skipped: ${skipReason}`)

describe('splitInHalves', () => {
  it('cuts at the line nearest the middle and loses nothing', () => {
    const text = 'INT. A\n\nOne.\n\nINT. B\n\nTwo lines here.\n'
    const [first, second] = splitInHalves(text)
    expect(first + second).toBe(text)
    expect(first.endsWith('\n')).toBe(true)
    expect(Math.abs(first.length - second.length)).toBeLessThan(16)
  })
})

// The CI-sized bar (the benchmark runs the full one: 40 scripts, 200 steps, ≥ 0.15 nats/token):
// 12 steps on the first halves of 2 validation scripts must already make their second halves
// more predictable. Measured 0.22 nats/token here; the bar below leaves room for noise.
describe.skipIf(skipReason !== null)(
  'fine-tuning the embedded model learns a writer’s voice',
  () => {
    it('lowers the loss on the second halves after training on the first halves', async () => {
      const result = await measureFineTuneBar({
        scripts: 2,
        steps: 12,
        batchSize: 2,
        contextLength: 64,
        learningRate: 2e-4,
        evalTokensPerScript: 384
      })
      expect(result.scripts).toBe(2)
      expect(result.steps).toBe(12)
      expect(result.improvement).toBeGreaterThan(0.05)
    }, 240_000)
  }
)
