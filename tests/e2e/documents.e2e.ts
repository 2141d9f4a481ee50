import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { chromiumMissingReason, launchChromium } from '../support/chromium'
import { rendererMissingReason, SCREENSHOT_DIR } from '../support/browser-mode'
import { killHard, startServerProcess, type ServerProcess } from '../support/server-process'

const skipReason = chromiumMissingReason() ?? rendererMissingReason()
if (skipReason) console.warn(`[e2e] documents skipped: ${skipReason}`)

const FIXTURE = fileURLToPath(new URL('../fixtures/scripts/lighthouse.fountain', import.meta.url))

describe.skipIf(skipReason !== null)('documents in browser mode', () => {
  let browser: Browser
  let server: ServerProcess | null = null
  const root = mkdtempSync(join(tmpdir(), 'sb-documents-'))
  const dataDir = join(root, 'data')
  const scriptPath = join(root, 'lighthouse.fountain')

  beforeAll(async () => {
    mkdirSync(dataDir)
    // Snapshots every second, so the test need not wait long before killing the server.
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ autosaveSeconds: 1 }))
    copyFileSync(FIXTURE, scriptPath)
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    if (server && server.child.exitCode === null) await killHard(server)
  })

  async function openApp(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } })
    await page.goto(server!.appUrl)
    await page.getByTestId('app-shell').waitFor()
    return page
  }

  // CodeMirror renders only the lines in view: move to the end so the last lines are in the DOM.
  async function textAtEnd(page: Page): Promise<string> {
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    return page.locator('.cm-content').innerText()
  }

  async function typeAtEnd(page: Page, text: string): Promise<void> {
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    // Inserted as typed text without Enter key presses, whose element behaviour (blank lines) is
    // tested in editor.e2e.ts.
    await page.keyboard.insertText(text)
  }

  it('opens a script, saves an edit to disk, and reopens it from the recent list after a reload', async () => {
    server = await startServerProcess(dataDir)
    const page = await openApp()
    await page.getByTestId('open-document').click()
    await page.getByTestId('path-input').fill(scriptPath)
    await page.getByTestId('path-submit').click()
    await expect.poll(() => page.title()).toBe('lighthouse.fountain — Script Buddy')
    await expect
      .poll(() => page.locator('.cm-content').innerText())
      .toContain('INT. LIGHTHOUSE - LAMP ROOM - NIGHT')

    await typeAtEnd(page, "\nINT. KEEPER'S COTTAGE - DAWN\n\nElsa sleeps in her coat.\n")
    await expect.poll(() => page.title()).toBe('• lighthouse.fountain — Script Buddy')
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.title()).toBe('lighthouse.fountain — Script Buddy')
    expect(readFileSync(scriptPath, 'utf8')).toContain(
      "INT. KEEPER'S COTTAGE - DAWN\n\nElsa sleeps in her coat.\n"
    )

    await page.reload()
    await page.getByTestId('app-shell').waitFor()
    await page.getByTestId('open-document').click()
    await page.getByRole('button', { name: 'lighthouse.fountain' }).click()
    await expect.poll(() => textAtEnd(page)).toContain('Elsa sleeps in her coat.')
    await page.close()
  })

  it('offers back unsaved text after the server is killed mid-edit', async () => {
    const page = await openApp()
    await page.getByTestId('open-document').click()
    await page.getByTestId('path-input').fill(scriptPath)
    await page.getByTestId('path-submit').click()
    await expect.poll(() => page.locator('.cm-content').innerText()).toContain('INT. LIGHTHOUSE')
    const unsaved = 'A gull lands on the rail and stares at her.'
    await typeAtEnd(page, `\n${unsaved}\n`)
    // Wait past one snapshot interval (1 s), then kill the server as a crash would.
    await page.waitForTimeout(2_500)
    await killHard(server!)
    await page.close()

    server = await startServerProcess(dataDir)
    const restarted = await openApp()
    await restarted.getByTestId('recovery-banner').waitFor()
    expect(await restarted.getByTestId('recovery-banner').innerText()).toContain(
      'lighthouse.fountain'
    )
    await restarted.getByTestId('recovery-restore').click()
    await expect.poll(() => textAtEnd(restarted)).toContain(unsaved)
    // The restored document is still unsaved, and the file on disk never got the gull.
    await expect.poll(() => restarted.title()).toBe('• lighthouse.fountain — Script Buddy')
    expect(readFileSync(scriptPath, 'utf8')).not.toContain(unsaved)
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await restarted.screenshot({ path: join(SCREENSHOT_DIR, 'recovered-document.png') })
    await restarted.close()
  })
})
