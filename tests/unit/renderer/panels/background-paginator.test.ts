import { describe, expect, it } from 'vitest'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'
import { paginate } from '../../../../src/shared/pagination/paginate'
import { LETTER } from '../../../../src/shared/pagination/profile'
import type { Pagination } from '../../../../src/shared/pagination/types'
import { BackgroundPaginator } from '../../../../src/renderer/src/panels/background-paginator'
import type {
  PaginationRequest,
  PaginationResponse
} from '../../../../src/renderer/src/panels/pagination-worker'

// A fake worker (unit test only): records what is posted and answers when the test says so, by
// running the real paginate() as the worker script does.
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
    const { id, screenplay, profile } = this.posted[index]
    const response = { id, pagination: paginate(screenplay, profile), milliseconds: 1 }
    this.onmessage?.({ data: response } as MessageEvent<PaginationResponse>)
  }
}

const script = (scenes: number): string =>
  Array.from({ length: scenes }, (_, index) => `INT. ROOM ${index + 1} - DAY\n\nA chair.`).join(
    '\n\n'
  )

function setup() {
  const fake = new FakeWorker()
  const results: Pagination[] = []
  const paginator = new BackgroundPaginator(
    (pagination) => results.push(pagination),
    fake as unknown as Worker
  )
  return { fake, results, paginator }
}

describe('BackgroundPaginator', () => {
  it('sends a request to the worker and hands back its pagination', () => {
    const { fake, results, paginator } = setup()
    const screenplay = parseFountain(script(3))
    paginator.request(screenplay, LETTER)
    expect(fake.posted).toHaveLength(1)
    expect(results).toHaveLength(0)
    fake.answer(0)
    expect(results).toEqual([paginate(screenplay, LETTER)])
  })

  it('keeps one request in flight and sends only the newest of those that came meanwhile', () => {
    const { fake, results, paginator } = setup()
    paginator.request(parseFountain(script(1)), LETTER)
    paginator.request(parseFountain(script(2)), LETTER)
    paginator.request(parseFountain(script(3)), LETTER)
    expect(fake.posted).toHaveLength(1)
    // The first answer is stale (newer text waits): it is dropped, and the newest is sent.
    fake.answer(0)
    expect(results).toHaveLength(0)
    expect(fake.posted).toHaveLength(2)
    fake.answer(1)
    expect(results).toHaveLength(1)
    expect(results[0].pages[0].lines.filter((line) => line.type === 'scene-heading')).toHaveLength(
      3
    )
  })

  it('paginates on the main thread when the worker fails, and stops after dispose', () => {
    const { fake, results, paginator } = setup()
    const screenplay = parseFountain(script(2))
    paginator.request(screenplay, LETTER)
    fake.onerror?.()
    expect(fake.terminated).toBe(true)
    expect(results).toEqual([paginate(screenplay, LETTER)])
    paginator.request(parseFountain(script(4)), LETTER)
    expect(results).toHaveLength(2)
    paginator.dispose()
    paginator.request(screenplay, LETTER)
    expect(results).toHaveLength(2)
  })

  it('paginates at once without a worker', () => {
    const results: Pagination[] = []
    const paginator = new BackgroundPaginator((pagination) => results.push(pagination), null)
    const screenplay = parseFountain(script(2))
    paginator.request(screenplay, LETTER)
    expect(results).toEqual([paginate(screenplay, LETTER)])
  })
})
