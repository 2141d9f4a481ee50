import { describe, expect, it } from 'vitest'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'
import { paginate } from '../../../../src/shared/pagination/paginate'
import { LETTER } from '../../../../src/shared/pagination/profile'
import { BackgroundPaginator } from '../../../../src/renderer/src/panels/background-paginator'
import {
  layOutScript,
  summarise,
  type LaidOutScript
} from '../../../../src/renderer/src/panels/pagination-summary'
import type {
  PaginationRequest,
  PaginationResponse
} from '../../../../src/renderer/src/panels/pagination-worker'

// A fake worker (unit test only): records what is posted and answers when the test says so, by
// running the real layout as the worker script does.
class FakeWorker {
  posted: PaginationRequest[] = []
  terminated = false
  onmessage: ((event: MessageEvent<PaginationResponse>) => void) | null = null
  onerror: (() => void) | null = null
  postMessage(request: PaginationRequest): void {
    this.posted.push(request)
  }
  terminate(): void {
    this.terminated = true
  }
  answer(index: number): void {
    const { id, text, profile, withPages } = this.posted[index]
    const response = { id, result: layOutScript(text, profile, withPages), milliseconds: 1 }
    this.onmessage?.({ data: response } as MessageEvent<PaginationResponse>)
  }
}

const script = (scenes: number): string =>
  Array.from({ length: scenes }, (_, index) => `INT. ROOM ${index + 1} - DAY\n\nA chair.`).join(
    '\n\n'
  )

function setup() {
  const fake = new FakeWorker()
  const results: LaidOutScript[] = []
  const paginator = new BackgroundPaginator(
    (result) => results.push(result),
    fake as unknown as Worker
  )
  return { fake, results, paginator }
}

describe('BackgroundPaginator', () => {
  it('sends the text to the worker and hands back the summary, with pages when asked', () => {
    const { fake, results, paginator } = setup()
    const pagination = paginate(parseFountain(script(3)), LETTER)
    paginator.request(script(3), LETTER, false)
    expect(fake.posted).toHaveLength(1)
    expect(results).toHaveLength(0)
    fake.answer(0)
    expect(results).toEqual([{ summary: summarise(pagination), pagination: null }])
    expect(results[0].summary.scenes).toHaveLength(3)
    paginator.request(script(3), LETTER, true)
    fake.answer(1)
    expect(results[1]).toEqual({ summary: summarise(pagination), pagination })
  })

  it('keeps one request in flight and sends only the newest of those that came meanwhile', () => {
    const { fake, results, paginator } = setup()
    paginator.request(script(1), LETTER, false)
    paginator.request(script(2), LETTER, false)
    paginator.request(script(3), LETTER, false)
    expect(fake.posted).toHaveLength(1)
    // The first answer is stale (newer text waits): it is dropped, and the newest is sent.
    fake.answer(0)
    expect(results).toHaveLength(0)
    expect(fake.posted).toHaveLength(2)
    fake.answer(1)
    expect(results).toHaveLength(1)
    expect(results[0].summary.scenes).toHaveLength(3)
  })

  it('paginates on the main thread when the worker fails, and stops after dispose', () => {
    const { fake, results, paginator } = setup()
    paginator.request(script(2), LETTER, true)
    fake.onerror?.()
    expect(fake.terminated).toBe(true)
    expect(results).toEqual([layOutScript(script(2), LETTER, true)])
    paginator.request(script(4), LETTER, false)
    expect(results).toHaveLength(2)
    expect(results[1].summary.scenes).toHaveLength(4)
    paginator.dispose()
    paginator.request(script(2), LETTER, false)
    expect(results).toHaveLength(2)
  })

  it('paginates at once without a worker', () => {
    const results: LaidOutScript[] = []
    const paginator = new BackgroundPaginator((result) => results.push(result), null)
    paginator.request(script(2), LETTER, true)
    expect(results).toEqual([layOutScript(script(2), LETTER, true)])
    expect(results[0].pagination?.pages.length).toBe(1)
  })
})
