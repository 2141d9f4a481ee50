/// Streams a generation request through `window.api`: starts it, yields each alternative's text as
/// its tokens arrive ('generation:token' events for this request id), and cancels it on abort.
import type { GenerationRequest, GenerationSummary } from '../../../shared/ai/generation-request'
import type { ScriptBuddyApi } from '../../../shared/ipc/contract'
import type { Result } from '../../../shared/result'

export type StreamUpdate =
  { alternative: number; text: string } | { done: true; summary: Result<GenerationSummary> }

let counter = 0

export function newRequestId(prefix = 'gen'): string {
  return `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`
}

export async function* streamGeneration(
  api: ScriptBuddyApi,
  request: Omit<GenerationRequest, 'requestId'>,
  signal: AbortSignal
): AsyncGenerator<StreamUpdate> {
  const requestId = newRequestId()
  const queue: StreamUpdate[] = []
  let wake: (() => void) | null = null
  const push = (update: StreamUpdate): void => {
    queue.push(update)
    wake?.()
    wake = null
  }
  const unsubscribe = api.on('generation:token', (token) => {
    if (token.requestId === requestId && token.text) {
      push({ alternative: token.alternative, text: token.text })
    }
  })
  const onAbort = (): void => void api.invoke('generation:cancel', { requestId })
  signal.addEventListener('abort', onAbort, { once: true })
  void api
    .invoke('generation:start', { ...request, requestId })
    .then((summary) => push({ done: true, summary }))
  try {
    while (true) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve))
      const update = queue.shift()!
      yield update
      if ('done' in update) return
    }
  } finally {
    unsubscribe()
    signal.removeEventListener('abort', onAbort)
  }
}
