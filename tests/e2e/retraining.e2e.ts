import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { embeddedModelMissingReason, useAppInChromium } from '../support/app-in-chromium'
import { chromiumMissingReason } from '../support/chromium'
import { rendererMissingReason, SCREENSHOT_DIR } from '../support/browser-mode'

const skipReason =
  chromiumMissingReason() ?? rendererMissingReason() ?? embeddedModelMissingReason()
if (skipReason) console.warn(`[e2e] retraining skipped: ${skipReason}`)

const SCRIPTS = fileURLToPath(new URL('../fixtures/scripts/retrain', import.meta.url))

// A short real retraining of the embedded model on invented fixture scripts, from the settings
// panel, through the training host; then the new model is activated and continues a scene.
describe.skipIf(skipReason !== null)('retraining from the settings panel', () => {
  const session = useAppInChromium()

  it('trains, charts the loss, shows a sample, activates the model and continues with it', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 1000 } })
    await page.goto(session.app.server.appUrl)
    await page.getByTestId('app-shell').waitFor()
    await page.getByTestId('open-settings').click()
    await page.getByTestId('open-retrain').click()
    await page.getByTestId('retrain-scripts').fill(SCRIPTS)
    await page.getByTestId('retrain-name').fill('e2e-voice')
    await page.getByLabel('Steps').fill('4')
    await page.getByLabel('Batch').fill('1')
    await page.getByLabel('Context (tokens)').fill('64')
    await page.getByTestId('retrain-start').click()

    await expect
      .poll(() => page.getByTestId('retrain-prepared').innerText(), { timeout: 120_000 })
      .toMatch(/1 script\(s\) to learn from, 1 held out/)
    // The chart moves: a train line with at least two points.
    await expect
      .poll(
        async () =>
          ((await page.getByTestId('train-line').getAttribute('d')) ?? '').split('L').length,
        { timeout: 300_000 }
      )
      .toBeGreaterThanOrEqual(2)
    await page.getByTestId('retrain-result').waitFor({ timeout: 300_000 })
    expect(await page.getByTestId('retrain-result').innerText()).toMatch(
      /before \d+(\.\d+)? \(\d\.\d{3} nats\/token\), after \d+(\.\d+)?/
    )
    expect((await page.getByTestId('retrain-sample').innerText()).length).toBeGreaterThan(50)
    // Validation ran at the last step only, so that step's weights are the ones kept.
    expect(await page.getByTestId('retrain-best-step').innerText()).toMatch(
      /Kept the weights of step 4, where the held-out loss was lowest/
    )
    expect(await page.getByTestId('retrain-checkpoint').innerText()).toMatch(/Saved at step 4/)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'retrain-panel.png') })
    await page.getByTestId('retrain-result').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'retrain-panel-result.png') })

    const modelDir = join(session.app.userDataDir, 'models', 'e2e-voice')
    const manifest = JSON.parse(readFileSync(join(modelDir, 'script-buddy.json'), 'utf8'))
    expect(manifest).toMatchObject({
      source: 'retrained',
      training: {
        steps: 4,
        bestStep: 4,
        stoppedEarly: false,
        scripts: expect.arrayContaining(['harbour.fountain', 'rock.fountain'])
      }
    })
    expect(existsSync(join(modelDir, 'model.safetensors'))).toBe(true)
    // The index of the lines it learned, for flagging suggestions that repeat them.
    expect(existsSync(join(modelDir, 'training-ngrams.bin'))).toBe(true)

    await page.getByTestId('retrain-activate').click()
    await expect
      .poll(() => page.getByTestId('retrain-activate').innerText())
      .toBe('In use for continuations')
    expect(
      JSON.parse(readFileSync(join(session.app.userDataDir, 'settings.json'), 'utf8')).activeModel
    ).toBe(modelDir)
    await page
      .getByTestId('retrain-panel')
      .getByRole('button', { name: 'Close', exact: true })
      .click()

    // The next continuation runs on the retrained model (its name is in the suggestion bar).
    await page.locator('.cm-content').click()
    await page.keyboard.type('int. harbour - night')
    await page.keyboard.press('Enter')
    await page.getByTestId('continue-scene').click()
    await expect
      .poll(() => page.getByTestId('suggestion-chip').innerText(), { timeout: 120_000 })
      .toMatch(/e2e-voice on cpu/)
    await page.close()
  }, 300_000)
})
