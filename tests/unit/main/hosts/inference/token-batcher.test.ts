// Streamed text leaving the inference host in batches, with a FAKE clock and timer.
import { describe, expect, it } from 'vitest'
import { TokenBatcher } from '../../../../../src/main/hosts/inference/token-batcher'
import type { TokenEvent } from '../../../../../src/shared/generation'

function setup() {
  let clock = 0
  let timer: { callback: () => void; at: number } | null = null
  const sent: TokenEvent[] = []
  const batcher = new TokenBatcher((event) => sent.push(event), {
    intervalMs: 33,
    now: () => clock,
    setTimer: (callback, ms) => (timer = { callback, at: clock + ms }),
    clearTimer: () => (timer = null)
  })
  const advance = (ms: number) => {
    clock += ms
    if (timer && timer.at <= clock) {
      const { callback } = timer
      timer = null
      callback()
    }
  }
  const token = (alternative: number, text: string, tokenId = 1): TokenEvent => ({
    alternative,
    tokenId,
    text
  })
  return { batcher, sent, advance, token }
}

describe('TokenBatcher', () => {
  it('sends the first text at once, then joins each alternative’s text per interval', () => {
    const { batcher, sent, advance, token } = setup()
    batcher.push(token(0, 'The'))
    expect(sent.map((event) => event.text)).toEqual(['The'])
    advance(5)
    batcher.push(token(0, ' beam'))
    batcher.push(token(1, 'Elsa'))
    advance(10)
    batcher.push(token(0, ' turns'))
    expect(sent).toHaveLength(1)
    advance(18)
    expect(sent.slice(1)).toEqual([token(0, ' beam turns'), token(1, 'Elsa')])
  })

  it('sends nothing for tokens that made no text final', () => {
    const { batcher, sent, advance, token } = setup()
    batcher.push(token(0, ''))
    advance(100)
    batcher.flush()
    expect(sent).toEqual([])
  })

  it('sends what is pending when the request ends, and nothing later', () => {
    const { batcher, sent, advance, token } = setup()
    batcher.push(token(0, 'A'))
    batcher.push(token(0, 'B'))
    batcher.flush()
    expect(sent.map((event) => event.text)).toEqual(['A', 'B'])
    advance(100)
    expect(sent).toHaveLength(2)
  })
})
