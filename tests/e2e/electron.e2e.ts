import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { _electron } from 'playwright-core'
import { electronExecutable } from '../support/electron-runtime'
import { REPO_ROOT, rendererMissingReason } from '../support/browser-mode'

const electron = electronExecutable()
const skipReason =
  'missing' in electron ? `no Electron binary: ${electron.missing}` : rendererMissingReason()
if (skipReason) console.warn(`[e2e] Electron app skipped: ${skipReason}`)

// The same checks as browser mode, against the desktop build, where an Electron binary exists.
describe.skipIf(skipReason !== null)('desktop app (Electron)', () => {
  it('opens a secure window whose renderer reaches main and the hosts', async () => {
    const app = await _electron.launch({
      executablePath: 'path' in electron ? electron.path : '',
      args: [join(REPO_ROOT, 'out', 'main', 'index.js'), '--no-sandbox'],
      cwd: REPO_ROOT
    })
    try {
      const page = await app.firstWindow()
      await page.getByTestId('app-shell').waitFor()
      await expect.poll(() => page.getByTestId('app-mode').innerText()).toMatch(/desktop/)
      await expect
        .poll(() => page.getByTestId('host-inference').innerText(), { timeout: 30_000 })
        .toMatch(/ready/)
      // Isolated, sandboxed, no Node: the page sees window.api and nothing of Node or Electron.
      const surface = await page.evaluate(() => ({
        api: Object.keys((window as unknown as { api: object }).api).sort(),
        process: typeof (globalThis as { process?: unknown }).process,
        module: typeof (globalThis as { module?: unknown }).module
      }))
      expect(surface).toEqual({ api: ['invoke', 'on'], process: 'undefined', module: 'undefined' })
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined'
      )
      await page.evaluate(() => {
        window.location.href = 'https://example.com/'
      })
      await page.waitForTimeout(500)
      expect(page.url()).toMatch(/^file:/)
    } finally {
      await app.close()
    }
  })
})
