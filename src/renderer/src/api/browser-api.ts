/// `window.api` for browser mode: the same contract as the desktop preload, over a WebSocket to the
/// local server. The per-launch token arrives in the page URL once and is kept for this tab only.
import type {
  EventChannel,
  EventContract,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  ScriptBuddyApi
} from '../../../shared/ipc/contract'

const TOKEN_KEY = 'script-buddy-token'
const RECONNECT_DELAY_MS = 1_000

type Waiter = (result: unknown) => void

export function readToken(): string | null {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    // Keep the token out of the address bar, history and screenshots.
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

export function createBrowserApi(token: string): ScriptBuddyApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const waiting = new Map<number, Waiter>()
  const queue: string[] = []
  let nextId = 1
  let socket: WebSocket

  function connect(): void {
    const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
    socket = new WebSocket(
      `${protocol}//${window.location.host}/api?token=${encodeURIComponent(token)}`
    )
    socket.addEventListener('open', () => {
      for (const message of queue.splice(0)) socket.send(message)
    })
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as
        | { type: 'result'; id: number; result: unknown }
        | { type: 'event'; event: string; payload: unknown }
      if (message.type === 'result') {
        waiting.get(message.id)?.(message.result)
        waiting.delete(message.id)
      } else {
        listeners.get(message.event)?.forEach((listener) => listener(message.payload))
      }
    })
    socket.addEventListener('close', () => {
      // Requests in flight get an answer rather than hanging; then try to reconnect.
      for (const [id, resolve] of waiting) {
        resolve({
          ok: false,
          error: {
            code: 'host-unavailable',
            message: 'Lost the connection to Script Buddy. Is it still running? Reconnecting…'
          }
        })
        waiting.delete(id)
      }
      setTimeout(connect, RECONNECT_DELAY_MS)
    })
  }
  connect()

  return {
    invoke<C extends InvokeChannel>(
      channel: C,
      request: InvokeRequest<C>
    ): Promise<InvokeResponse<C>> {
      const id = nextId++
      const message = JSON.stringify({ type: 'invoke', id, channel, request })
      return new Promise((resolve) => {
        waiting.set(id, resolve as Waiter)
        if (socket.readyState === WebSocket.OPEN) socket.send(message)
        else queue.push(message)
      })
    },
    on<E extends EventChannel>(
      event: E,
      listener: (payload: EventContract[E]) => void
    ): () => void {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: unknown) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (payload: unknown) => void)
    }
  }
}
