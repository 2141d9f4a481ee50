import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useAppInChromium } from '../support/app-in-chromium'
import { chromiumMissingReason } from '../support/chromium'
import { rendererMissingReason, SCREENSHOT_DIR } from '../support/browser-mode'
import { FixtureHub, writeTinyHubModel } from '../support/fixture-hub'

const skipReason = chromiumMissingReason() ?? rendererMissingReason()
if (skipReason) console.warn(`[e2e] model manager skipped: ${skipReason}`)

const REPO = 'fixture/tiny-gpt2'

// The model manager in browser mode against a local stand-in for the Hugging Face hub (a real
// HTTP server in the hub's URL layout, started here; HF_ENDPOINT points the app at it): download
// with progress, cancel, resume from the list, activate, and a continuation from that model.
describe.skipIf(skipReason !== null)('the model manager', () => {
  const hub = new FixtureHub()
  let previousEndpoint: string | undefined
  beforeAll(async () => {
    // A window wide enough for a whole continued scene, and weights that write 'Go. Go. Go.…':
    // text no other model would write, so the suggestion proves which model ran.
    hub.addRepoFromFolder(
      REPO,
      writeTinyHubModel({
        contextLength: 1024,
        bigram: { '\n': 'G', G: 'o', o: '.', '.': ' ', ' ': 'G' }
      })
    )
    await hub.start()
    previousEndpoint = process.env.HF_ENDPOINT
    process.env.HF_ENDPOINT = hub.endpoint
  })
  afterAll(async () => {
    if (previousEndpoint === undefined) delete process.env.HF_ENDPOINT
    else process.env.HF_ENDPOINT = previousEndpoint
    await hub.stop()
  })
  const session = useAppInChromium()

  it('downloads a model from the hub with progress, resumes it, activates it and continues with it', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 1000 } })
    await page.goto(session.app.server.appUrl)
    await page.getByTestId('app-shell').waitFor()
    await page.getByTestId('open-settings').click()
    await page.getByTestId('open-models').click()
    const panel = page.getByTestId('models-panel')
    await expect
      .poll(() => panel.getByTestId('model-entry').first().innerText())
      .toMatch(/In use[\s\S]*Built in · \d+\.\d MB · safetensors F16 · 30M parameters/)

    // A slow first attempt, cancelled part-way: what arrived stays for the resume.
    hub.options.throttle = { path: 'model.safetensors', chunkBytes: 2048, delayMs: 100 }
    await page.getByTestId('download-repo').fill(REPO)
    await page.getByTestId('download-start').click()
    await expect
      .poll(() => page.getByTestId('download-figures').innerText(), { timeout: 30_000 })
      .toMatch(/\d+(\.\d)? KB of \d+(\.\d)? KB · .* · model\.safetensors \(file \d of \d\)/)
    await expect.poll(() => hub.bytesServed.get('model.safetensors') ?? 0).toBeGreaterThan(8192)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'models-downloading.png') })
    await page.getByTestId('download-cancel').click()
    await expect
      .poll(() => page.getByTestId('download-progress').innerText())
      .toMatch(/stopped\. Download it again, or press Resume/)
    const entry = panel.getByTestId('model-entry').filter({ hasText: REPO })
    await expect.poll(() => entry.innerText()).toMatch(/download not finished/)

    // Resume from the list: only the missing bytes are fetched again.
    const servedBeforeResume = hub.bytesServed.get('model.safetensors') ?? 0
    hub.options.throttle = { path: 'model.safetensors', chunkBytes: 8192, delayMs: 20 }
    await entry.getByRole('button', { name: 'Resume' }).click()
    await expect
      .poll(() => page.getByTestId('download-progress').innerText(), { timeout: 60_000 })
      .toMatch(/downloaded \(\d+(\.\d)? KB\)/)
    expect(hub.rangeRequests.some((request) => request.path === 'model.safetensors')).toBe(true)
    const weightsBytes = hub.repos.get(REPO)!.files.find((f) => f.path === 'model.safetensors')!
      .bytes.length
    expect((hub.bytesServed.get('model.safetensors') ?? 0) - servedBeforeResume).toBeLessThan(
      weightsBytes
    )
    await expect
      .poll(() => entry.innerText())
      .toMatch(/Hugging Face fixture\/tiny-gpt2 · .*safetensors F32/)

    await entry.getByTestId('model-activate').click()
    await expect.poll(() => entry.innerText()).toMatch(/In use/)
    // Activation loads the model in the inference host; the manager then names the provider.
    await expect
      .poll(() => page.getByTestId('model-engine').innerText(), { timeout: 60_000 })
      .toMatch(/fixture\/tiny-gpt2 runs on the CPU/)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'models-panel.png') })
    const settings = JSON.parse(
      readFileSync(join(session.app.userDataDir, 'settings.json'), 'utf8')
    )
    expect(settings.activeModel).toBe(
      join(session.app.userDataDir, 'models', 'hub', 'fixture--tiny-gpt2@main')
    )
    await panel.getByRole('button', { name: 'Close', exact: true }).click()

    // The next continuation runs on the downloaded model (its folder name is in the suggestion bar).
    await page.locator('.cm-content').click()
    await page.keyboard.type('int. harbour - night')
    await page.keyboard.press('Enter')
    await page.getByTestId('continue-scene').click()
    await expect
      .poll(() => page.getByTestId('suggestion-chip').innerText(), { timeout: 120_000 })
      .toMatch(/fixture--tiny-gpt2@main on cpu/)
    expect(await page.locator('.cm-content').innerText()).toMatch(/(Go\. ){4}/)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'models-continuation.png') })

    // Forcing CUDA: it runs there, or the manager says it fell back to the CPU and why.
    await page.keyboard.press('Escape')
    await page.getByTestId('open-settings').click()
    await page.getByLabel('Model runs on').selectOption('cuda')
    await page.getByTestId('open-models').click()
    await expect
      .poll(() => page.getByTestId('model-engine').innerText(), { timeout: 60_000 })
      .toMatch(
        /runs on the GPU \(CUDA\)\.|runs on the CPU\.\s+The GPU \(CUDA\) was tried first and could not be used: \S+/
      )
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'models-provider-fallback.png') })
    await page.close()
  })
})
