/// Browser mode: serves the built renderer over HTTP and implements `window.api` over a WebSocket
/// against the same app API as the desktop app. Binds to 127.0.0.1 unless told otherwise, and every
/// WebSocket must present the per-launch token (and come from this server's own page).
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import type { EventChannel, EventContract } from '../shared/ipc/contract'
import type { AppApi } from '../main/api/app-api'
import { dispatchInvoke } from '../main/api/dispatch'
import { contentSecurityPolicy } from '../main/security'
import type { ClientMessage, ServerMessage } from './protocol'
import { securityHeaders, serveStatic } from './static-files'

export const API_PATH = '/api'
const MAX_MESSAGE_BYTES = 128 * 1024 * 1024

export interface BrowserServerOptions {
  rendererDir: string
  api: AppApi
  host?: string
  port?: number
  /// Defaults to a fresh random token per launch.
  token?: string
}

export interface BrowserServer {
  url: string
  /// The URL to open, with the token.
  appUrl: string
  token: string
  port: number
  /// Pushes an event to every authenticated connection.
  emit<E extends EventChannel>(event: E, payload: EventContract[E]): void
  close(): Promise<void>
}

export function createToken(): string {
  return randomBytes(24).toString('base64url')
}

function tokensMatch(given: string | null, expected: string): boolean {
  if (given === null) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const host = options.host ?? '127.0.0.1'
  const token = options.token ?? createToken()
  const sockets = new Set<WebSocket>()

  const server: Server = createServer((request, response) => {
    const headers = securityHeaders(contentSecurityPolicy())
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, headers).end('Method not allowed')
      return
    }
    void serveStatic(options.rendererDir, request, response, headers)
  })

  const socketServer = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    // A page from another site carries its own Origin; only this server's page (or a non-browser
    // client, which sends none) may connect — and every connection still needs the token.
    const origin = request.headers.origin
    const fromOwnPage = origin === undefined || origin === `http://${request.headers.host ?? ''}`
    if (
      url.pathname !== API_PATH ||
      !tokensMatch(url.searchParams.get('token'), token) ||
      !fromOwnPage
    ) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    socketServer.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.on('message', (data) => void answer(ws, data.toString()))
    })
  })

  async function answer(ws: WebSocket, text: string): Promise<void> {
    let message: ClientMessage
    try {
      message = JSON.parse(text) as ClientMessage
    } catch {
      return
    }
    if (message?.type !== 'invoke' || typeof message.id !== 'number') return
    const result = await dispatchInvoke(options.api, message.channel, message.request)
    send(ws, { type: 'result', id: message.id, result })
  }

  function send(ws: WebSocket, message: ServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const displayHost = host.includes(':') ? `[${host}]` : host
  const url = `http://${displayHost}:${port}`

  return {
    url,
    appUrl: `${url}/?token=${token}`,
    token,
    port,
    emit: (event, payload) => {
      for (const ws of sockets) send(ws, { type: 'event', event, payload })
    },
    close: async () => {
      for (const ws of sockets) ws.terminate()
      socketServer.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
