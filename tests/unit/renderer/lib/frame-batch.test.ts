// @vitest-environment jsdom
// Streamed text reaches the screen once per frame, joined per alternative.
import { describe, expect, it } from 'vitest'
import { FrameBatch, type StreamedText } from '../../../../src/renderer/src/lib/frame-batch'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('FrameBatch', () => {
  it('joins one frame of tokens per alternative into one delivery', async () => {
    const deliveries: StreamedText[][] = []
    const batch = new FrameBatch((texts) => deliveries.push(texts))
    batch.add({ alternative: 0, text: 'The ' })
    batch.add({ alternative: 0, text: 'lamp' })
    batch.add({ alternative: 1, text: 'Rain' })
    batch.add({ alternative: 1, text: 'Fog', replace: true })
    await sleep(50)
    expect(deliveries).toEqual([
      [
        { alternative: 0, text: 'The lamp', replace: false },
        { alternative: 1, text: 'Fog', replace: true }
      ]
    ])
  })

  it('delivers nothing after a drop', async () => {
    const deliveries: StreamedText[][] = []
    const batch = new FrameBatch((texts) => deliveries.push(texts))
    batch.add({ alternative: 0, text: 'first' })
    batch.drop()
    await sleep(50)
    expect(deliveries).toHaveLength(0)
  })
})
