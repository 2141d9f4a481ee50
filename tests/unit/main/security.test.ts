import { describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  guardNavigation,
  isAppUrl,
  secureWebPreferences,
  type GuardedContents
} from '../../../src/main/security'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

describe('window security', () => {
  it('isolates and sandboxes the renderer, with no Node', () => {
    const preferences = secureWebPreferences('/app/out/preload/index.cjs')
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
  })

  it('allows only its own scripts, and the index.html meta carries the same policy', () => {
    const policy = contentSecurityPolicy()
    expect(policy).toContain("script-src 'self'")
    expect(policy).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/)
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("default-src 'self'")
    const html = readFileSync(
      fileURLToPath(new URL('../../../src/renderer/index.html', import.meta.url)),
      'utf8'
    )
    const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1]
    expect(meta).toBeDefined()
    // Every directive of the meta policy is in the runtime policy (frame-ancestors is header-only).
    for (const directive of meta!.split(';').map((part) => part.trim())) {
      expect(policy.split('; ')).toContain(directive)
    }
  })

  it('recognises only the app itself as a navigation target', () => {
    const fileApp = 'file:///opt/script-buddy/out/renderer/index.html'
    expect(isAppUrl('file:///opt/script-buddy/out/renderer/index.html#scene-3', fileApp)).toBe(true)
    expect(isAppUrl('file:///etc/passwd', fileApp)).toBe(false)
    expect(isAppUrl('https://example.com/', fileApp)).toBe(false)
    const devApp = 'http://localhost:5173/'
    expect(isAppUrl('http://localhost:5173/index.html', devApp)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', devApp)).toBe(false)
    expect(isAppUrl('not a url', devApp)).toBe(false)
  })

  it('refuses navigation away, new windows and webviews', () => {
    // A fake WebContents that records the guards' handlers (Electron cannot run in unit tests).
    const handlers = new Map<string, (event: { preventDefault(): void }, url: string) => void>()
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined
    const contents: GuardedContents = {
      on: (event: string, listener: (event: { preventDefault(): void }, url: string) => void) =>
        handlers.set(event, listener),
      setWindowOpenHandler: (handler) => {
        openHandler = handler
      }
    } as GuardedContents
    const refused: string[] = []
    guardNavigation(contents, 'file:///app/index.html', (url) => refused.push(url))

    const navigate = (url: string): boolean => {
      let prevented = false
      handlers.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, url)
      return prevented
    }
    expect(navigate('https://evil.example/')).toBe(true)
    expect(navigate('file:///app/index.html')).toBe(false)
    let webviewPrevented = false
    handlers.get('will-attach-webview')?.({ preventDefault: () => (webviewPrevented = true) }, '')
    expect(webviewPrevented).toBe(true)
    expect(openHandler?.({ url: 'https://example.com/popup' })).toEqual({ action: 'deny' })
    expect(refused).toEqual(['https://evil.example/', 'https://example.com/popup'])
  })
})
