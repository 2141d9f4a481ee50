import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createTestApi } from '../../support/test-api'
import { startBrowserServer, type BrowserServer } from '../../../src/server/server'

// A real server on 127.0.0.1 with a real app API (settings on a temp folder; no hosts needed here)
// and a renderer folder holding one page.
let server: BrowserServer
const rendererDir = mkdtempSync(join(tmpdir(), 'sb-renderer-'))

beforeAll(async () => {
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  const { api } = createTestApi('browser')
  server = await startBrowserServer({ rendererDir, api })
})

afterAll(async () => {
  await server.close()
})

function connect(path: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers })
    socket.once('open', () => resolve(socket))
    socket.once('error', reject)
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`))
    )
  })
}

function invoke(
  socket: WebSocket,
  channel: string,
  request: unknown
): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return new Promise((resolve) => {
    const id = Math.floor(Math.random() * 1e9)
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString())
      if (message.type === 'result' && message.id === id) resolve(message.result)
    })
    socket.send(JSON.stringify({ type: 'invoke', id, channel, request }))
  })
}

describe('browser-mode server', () => {
  it('binds to 127.0.0.1 with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
    expect(server.appUrl).toBe(`${server.url}/?token=${server.token}`)
  })

  it('serves the renderer with the CSP and safety headers', async () => {
    const response = await fetch(`${server.url}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(await response.text()).toContain('<title>t</title>')
    const script = await fetch(`${server.url}/assets/app.js`)
    expect(script.headers.get('content-type')).toMatch(/javascript/)
  })

  it('never serves files outside the renderer folder', async () => {
    const response = await fetch(`${server.url}/..%2f..%2f..%2fetc%2fpasswd`)
    expect([403, 404]).toContain(response.status)
    expect(await response.text()).not.toContain('root:')
  })

  it('refuses a WebSocket without the token, with a wrong token, or from another site', async () => {
    await expect(connect('/api')).rejects.toThrow(/401/)
    await expect(connect('/api?token=wrong')).rejects.toThrow(/401/)
    await expect(
      connect(`/api?token=${server.token}`, { Origin: 'https://evil.example' })
    ).rejects.toThrow(/401/)
  })

  it('round-trips the contract over an authenticated socket and validates payloads', async () => {
    const socket = await connect(`/api?token=${server.token}`, { Origin: server.url })
    const info = await invoke(socket, 'app:info', {})
    expect(info).toMatchObject({ ok: true, value: { mode: 'browser', name: 'Script Buddy' } })
    const invalid = await invoke(socket, 'settings:update', { patch: { theme: 'neon' } })
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const unknown = await invoke(socket, 'shell:exec', {})
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    socket.close()
  })

  it('pushes events to connected pages', async () => {
    const socket = await connect(`/api?token=${server.token}`)
    const received = new Promise((resolve) =>
      socket.on('message', (data) => resolve(JSON.parse(data.toString())))
    )
    server.emit('hosts:changed', {
      name: 'training',
      state: 'ready',
      pid: 1,
      restarts: 0,
      lastError: null,
      roundTripMs: null
    })
    expect(await received).toMatchObject({
      type: 'event',
      event: 'hosts:changed',
      payload: { name: 'training' }
    })
    socket.close()
  })
})
