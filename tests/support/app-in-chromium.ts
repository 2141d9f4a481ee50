/// The setup most end-to-end files share: the browser-mode app on a fresh data folder and a
/// headless Chromium, started before the file's tests and stopped after them.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from './chromium'
import { REPO_ROOT, SCREENSHOT_DIR, startTestApp } from './browser-mode'

export type TestApp = Awaited<ReturnType<typeof startTestApp>>

const EMBEDDED_WEIGHTS = join(
  REPO_ROOT,
  'resources',
  'models',
  'screenplay-gpt2-30m',
  'model.safetensors'
)

export function embeddedModelMissingReason(): string | null {
  return existsSync(EMBEDDED_WEIGHTS) ? null : `the embedded model is missing (${EMBEDDED_WEIGHTS})`
}

/// Call inside a `describe`: registers the hooks and returns the running app and browser.
export function useAppInChromium(): { readonly app: TestApp; readonly browser: Browser } {
  let app: TestApp | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    app = await startTestApp()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.dispose()
  })
  return {
    get app() {
      if (!app) throw new Error('the app is not started yet (use it inside a test)')
      return app
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not started yet (use it inside a test)')
      return browser
    }
  }
}

/// Types, at the cursor, a new scene that ends on the dialogue line of a fresh cue, as the AI
/// tests and benchmarks ask for a continuation there: heading, a line of action, the cue ELSA.
export async function typeSceneEndingInCue(page: Page): Promise<void> {
  await page.keyboard.type('int. lighthouse - stairs - night')
  await page.keyboard.press('Enter')
  await page.keyboard.type('Elsa climbs, counting the steps under her breath.')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Tab')
  await page.keyboard.type('ELSA')
  await page.keyboard.press('Enter')
}
