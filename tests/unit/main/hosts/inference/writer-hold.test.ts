/// WriterHold on real timers (holds of tens of milliseconds).
import { describe, expect, it } from 'vitest'
import { WriterHold } from '../../../../../src/main/hosts/inference/writer-hold'

const elapsed = async (work: () => Promise<void>): Promise<number> => {
  const started = performance.now()
  await work()
  return performance.now() - started
}

describe('WriterHold', () => {
  it('lets a forward pass go at once when nobody typed', async () => {
    const hold = new WriterHold()
    expect(hold.holding).toBe(false)
    expect(await elapsed(() => hold.wait())).toBeLessThan(30)
  })

  it('holds until the hold time after the last key', async () => {
    const hold = new WriterHold()
    hold.typing(80)
    expect(hold.holding).toBe(true)
    const waited = elapsed(() => hold.wait())
    // A second key 40 ms in moves the end to 40 + 80 ms.
    await new Promise((resolve) => setTimeout(resolve, 40))
    hold.typing(80)
    expect(await waited).toBeGreaterThanOrEqual(115)
    expect(hold.holding).toBe(false)
  })

  it('a shorter later hold never cuts an earlier one short', async () => {
    const hold = new WriterHold()
    hold.typing(100)
    hold.typing(10)
    expect(await elapsed(() => hold.wait())).toBeGreaterThanOrEqual(95)
  })

  it('release ends every wait at once (a new request: the writer asked for text)', async () => {
    const hold = new WriterHold()
    hold.typing(10_000)
    const waits = [elapsed(() => hold.wait()), elapsed(() => hold.wait())]
    await new Promise((resolve) => setTimeout(resolve, 20))
    hold.release()
    for (const waited of await Promise.all(waits)) expect(waited).toBeLessThan(1_000)
    expect(hold.holding).toBe(false)
  })

  it('a cancelled request stops waiting at once', async () => {
    const hold = new WriterHold()
    hold.typing(10_000)
    const controller = new AbortController()
    const waited = elapsed(() => hold.wait(controller.signal))
    await new Promise((resolve) => setTimeout(resolve, 20))
    controller.abort()
    expect(await waited).toBeLessThan(1_000)
    // The hold itself stays for the other requests.
    expect(hold.holding).toBe(true)
  })
})
