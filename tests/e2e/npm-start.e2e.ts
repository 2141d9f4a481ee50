import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { chromiumMissingReason, launchChromium } from '../support/chromium'
import { electronExecutable } from '../support/electron-runtime'
import { REPO_ROOT, SCREENSHOT_DIR } from '../support/browser-mode'
import { waitForAppUrl } from '../support/server-process'

const electron = electronExecutable()
const skipReason =
  chromiumMissingReason() ??
  ('path' in electron
    ? 'an Electron binary is installed, so `npm start` opens the desktop app (covered by electron.e2e.ts)'
    : null)
if (skipReason) console.warn(`[e2e] npm start fallback skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)('npm start without the Electron runtime', () => {
  let child: ChildProcess | null = null

  afterAll(() => {
    if (child?.pid) process.kill(-child.pid, 'SIGTERM')
  })

  it('says why in one line, starts browser mode and serves a working page', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-start-'))
    child = spawn('npm', ['start', '--', '--port', '0', '--data-dir', dataDir], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const { appUrl, output: printed } = await waitForAppUrl(child)
    const output = printed()
    const notices = output
      .split('\n')
      .filter((line) => line.startsWith('Electron runtime not available'))
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/starting browser mode instead\.$/)

    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } })
      await page.goto(appUrl)
      await page.getByTestId('app-shell').waitFor()
      await expect
        .poll(() => page.getByTestId('host-inference').innerText(), { timeout: 30_000 })
        .toMatch(/ready/)
      mkdirSync(SCREENSHOT_DIR, { recursive: true })
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'npm-start.png') })
    } finally {
      await browser.close()
    }
  })
})
