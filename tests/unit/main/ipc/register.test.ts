import { describe, expect, it } from 'vitest'
import { registerInvokeHandlers, type IpcSender } from '../../../../src/main/ipc/register'
import { createTestApi } from '../../../support/test-api'
import { invokeChannels } from '../../../../src/shared/ipc/validators'
import type { Result } from '../../../../src/shared/result'

// A fake ipcMain (unit test: Electron cannot run here) that records handlers so calls can be made
// as if from a renderer. The app API behind it is real (real settings service on a temp folder).
function setup() {
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>()
  const ipcMain = {
    handle: (channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) =>
      handlers.set(channel, listener),
    removeHandler: (channel: string) => handlers.delete(channel)
  }
  const { api } = createTestApi('desktop')
  const appUrl = 'file:///app/out/renderer/index.html'
  const unregister = registerInvokeHandlers(
    ipcMain,
    api,
    (event) => event as IpcSender,
    (url) => url === appUrl
  )
  const call = (channel: string, sender: IpcSender, payload: unknown) =>
    handlers.get(channel)!(sender, payload) as Promise<Result<unknown>>
  const trusted: IpcSender = { frameUrl: appUrl, isAppWindow: true, isMainFrame: true }
  return { handlers, call, trusted, unregister }
}

describe('IPC registrar', () => {
  it('registers every contract channel and removes them again', () => {
    const { handlers, unregister } = setup()
    expect([...handlers.keys()].sort()).toEqual([...invokeChannels].sort())
    unregister()
    expect(handlers.size).toBe(0)
  })

  it('answers the app window', async () => {
    const { call, trusted } = setup()
    const result = await call('settings:get', trusted, {})
    expect(result.ok).toBe(true)
  })

  it.each([
    ['a window the app did not create', { isAppWindow: false }],
    ['an iframe inside the app window', { isMainFrame: false }],
    ['a page navigated elsewhere', { frameUrl: 'https://evil.example/' }],
    ['a frame without a URL', { frameUrl: undefined }]
  ])('refuses IPC from %s', async (_label, override) => {
    const { call, trusted } = setup()
    const result = await call(
      'settings:update',
      { ...trusted, ...override },
      { patch: { theme: 'dark' } }
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('refuses invalid payloads with a message naming the field', async () => {
    const { call, trusted } = setup()
    const result = await call('settings:update', trusted, { patch: { editorFontSizePt: 400 } })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    if (!result.ok) {
      expect(result.error.message).toMatch(/patch\.editorFontSizePt must be at most 32/)
    }
    const unknownField = await call('settings:update', trusted, { patch: {}, extra: 1 })
    expect(unknownField.ok).toBe(false)
  })
})
