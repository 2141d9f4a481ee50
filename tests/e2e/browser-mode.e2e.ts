import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useAppInChromium } from '../support/app-in-chromium'
import { chromiumMissingReason } from '../support/chromium'
import { rendererMissingReason, SCREENSHOT_DIR } from '../support/browser-mode'

const skipReason = chromiumMissingReason() ?? rendererMissingReason()
if (skipReason) console.warn(`[e2e] browser mode skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)('browser mode in Chromium', () => {
  const session = useAppInChromium()

  it('renders the shell and reaches both utility-process hosts through the bridge', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 860 } })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`)
    })
    await page.goto(session.app.server.appUrl)
    await page.getByTestId('app-shell').waitFor()
    // app:info came back from the main-side service.
    await expect
      .poll(() => page.getByTestId('app-mode').innerText())
      .toMatch(/Script Buddy .* browser mode/)
    // hosts:status with ping travelled renderer → WebSocket → main → utility process and back.
    await expect
      .poll(() => page.getByTestId('host-inference').innerText(), { timeout: 30_000 })
      .toMatch(/inference: ready \(\d+(\.\d+)? ms\)/)
    await expect
      .poll(() => page.getByTestId('host-training').innerText(), { timeout: 30_000 })
      .toMatch(/training: ready/)
    // The token is removed from the address bar once read.
    expect(page.url()).not.toContain('token=')
    await page.locator('.cm-content').click()
    await page.keyboard.type('INT. TEST KITCHEN - NIGHT')
    await expect
      .poll(() => page.locator('.cm-content').innerText())
      .toContain('INT. TEST KITCHEN - NIGHT')
    await expect.poll(() => page.title()).toBe('• Untitled — Script Buddy')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'browser-mode-shell.png') })
    expect(errors).toEqual([])
    await page.close()
  })

  it('saves a setting through the bridge to the settings file, and it survives a reload', async () => {
    const page = await session.browser.newPage()
    await page.goto(session.app.server.appUrl)
    await page.getByTestId('open-settings').click()
    await page.getByTestId('setting-theme').selectOption('dark')
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.theme))
      .toBe('dark')
    const saved = JSON.parse(readFileSync(join(session.app.userDataDir, 'settings.json'), 'utf8'))
    expect(saved.theme).toBe('dark')
    await page.reload()
    await page.getByTestId('app-shell').waitFor()
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.theme))
      .toBe('dark')
    await page.close()
  })

  it('refuses a page with a wrong token and says how to get in', async () => {
    const page = await session.browser.newPage()
    await page.goto(`${session.app.server.url}/?token=wrong-token`)
    await page.getByTestId('app-shell').waitFor()
    // The socket is refused, so the app never learns its mode; the status bar says so.
    await expect
      .poll(() => page.getByTestId('app-mode').innerText(), { timeout: 5_000 })
      .toBe('connecting…')
    const direct = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url)
          socket.onopen = () => resolve('open')
          socket.onerror = () => resolve('refused')
        }),
      `${session.app.server.url.replace('http', 'ws')}/api?token=wrong-token`
    )
    expect(direct).toBe('refused')
    const fresh = await session.browser.newPage()
    await fresh.goto(`${session.app.server.url}/`)
    await expect
      .poll(() => fresh.getByTestId('fatal').innerText())
      .toMatch(/needs the link Script Buddy printed/)
    await page.close()
    await fresh.close()
  })
})
