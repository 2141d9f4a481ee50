/// What a browser-mode page and the app said to each other, read off the page's WebSocket as it
/// happens: the requests the page sent and the events it received. Lets an end-to-end test check
/// what reached the app (a retraining request's values) and what came back (a run's progress, a
/// continuation's streamed tokens) without instrumenting the app.
import type { Page } from 'playwright-core'
import type { ClientMessage, ServerMessage } from '../../src/server/protocol'
import type {
  EventChannel,
  EventContract,
  InvokeChannel,
  InvokeRequest
} from '../../src/shared/ipc/contract'

export interface SocketTraffic {
  /// Requests of one channel the page sent, oldest first.
  sent<C extends InvokeChannel>(channel: C): InvokeRequest<C>[]
  /// Events of one channel the page received, oldest first.
  received<E extends EventChannel>(event: E): EventContract[E][]
}

/// Starts recording; call it before `page.goto` so the page's socket is seen from its start.
export function recordSocketTraffic(page: Page): SocketTraffic {
  const sent: Extract<ClientMessage, { type: 'invoke' }>[] = []
  const received: Extract<ServerMessage, { type: 'event' }>[] = []
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = parse(payload) as ClientMessage | null
      if (message?.type === 'invoke') sent.push(message)
    })
    socket.on('framereceived', ({ payload }) => {
      const message = parse(payload) as ServerMessage | null
      if (message?.type === 'event') received.push(message)
    })
  })
  return {
    sent: <C extends InvokeChannel>(channel: C) =>
      sent
        .filter((message) => message.channel === channel)
        .map((message) => message.request as InvokeRequest<C>),
    received: <E extends EventChannel>(event: E) =>
      received
        .filter((message) => message.event === event)
        .map((message) => message.payload as EventContract[E])
  }
}

function parse(payload: string | Buffer): unknown {
  try {
    return JSON.parse(payload.toString())
  } catch {
    return null
  }
}
