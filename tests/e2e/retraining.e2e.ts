import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { embeddedModelMissingReason, useAppInChromium } from '../support/app-in-chromium'
import { chromiumMissingReason } from '../support/chromium'
import { rendererMissingReason, SCREENSHOT_DIR } from '../support/browser-mode'
import { openRetrainPanel } from '../support/retrain-panel'
import { recordSocketTraffic } from '../support/socket-traffic'

const skipReason =
  chromiumMissingReason() ?? rendererMissingReason() ?? embeddedModelMissingReason()
if (skipReason) console.warn(`[e2e] retraining skipped: ${skipReason}`)

const SCRIPTS = fileURLToPath(new URL('../fixtures/scripts/retrain', import.meta.url))

// A short real retraining of the embedded model on invented fixture scripts, from the settings
// panel, through the training host, with the run's schedule set in the panel (checks, samples and
// saves every 2 steps); then the new model is activated and continues a scene.
describe.skipIf(skipReason !== null)('retraining from the settings panel', () => {
  const session = useAppInChromium()

  it('trains on the chosen schedule, charts the loss, shows samples, activates the model and continues with it', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 1000 } })
    const traffic = recordSocketTraffic(page)
    await openRetrainPanel(page, session.app.server.appUrl)
    await page.getByTestId('retrain-scripts').fill(SCRIPTS)
    await page.getByTestId('retrain-name').fill('e2e-voice')
    await page.getByLabel('Steps', { exact: true }).fill('4')
    await page.getByLabel('Batch').fill('1')
    await page.getByLabel('Context (tokens)').fill('64')
    // The default schedule (checks every 25 steps…) is longer than a 4-step run: allowed, and the
    // hint beside the field says what it means for this run.
    expect(await page.getByTestId('retrain-schedule').innerText()).toContain(
      'Longer than this 4-step run: scored once, at the end.'
    )
    // A value that is no number of steps is refused beside the field, and the run will not start.
    await page.getByLabel('Check progress every (steps)').fill('2.5')
    expect(await page.getByTestId('retrain-evaluationInterval-error').innerText()).toBe(
      'Use a whole number of steps (not 2.5).'
    )
    expect(await page.getByTestId('retrain-evaluationInterval').getAttribute('aria-invalid')).toBe(
      'true'
    )
    expect(await page.getByTestId('retrain-start').isDisabled()).toBe(true)
    expect(await page.getByTestId('retrain-form-invalid').isVisible()).toBe(true)
    await page.getByLabel('Check progress every (steps)').fill('2')
    await page.getByLabel('Show a sample every (steps)').fill('2')
    await page.getByLabel('Save progress every (steps)').fill('2')
    await page.getByLabel('Stop early after (checks)').fill('')
    expect(await page.getByTestId('retrain-schedule').locator('.field-error').count()).toBe(0)
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

    // The schedule reached the run: the request carried it, and the run validated, sampled and
    // saved at step 2 as well as at its end (with the defaults it would have done so at 4 only).
    expect(traffic.sent('training:start')).toEqual([
      expect.objectContaining({
        steps: 4,
        evaluationInterval: 2,
        sampleInterval: 2,
        checkpointInterval: 2,
        earlyStoppingPatience: 0
      })
    ])
    const events = traffic.received('training:event').map((message) => message.event)
    const validated = events.flatMap((event) =>
      event.type === 'progress' && event.validationLoss !== undefined
        ? [{ step: event.step, loss: event.validationLoss }]
        : []
    )
    expect(validated.map((point) => point.step)).toEqual([2, 4])
    // Step 2's sample comes from the weights in training; step 4's from the finished model.
    expect(events.flatMap((event) => (event.type === 'sample' ? [event.step] : []))).toEqual([2, 4])
    expect(events.flatMap((event) => (event.type === 'checkpoint' ? [event.step] : []))).toEqual([
      2, 4
    ])
    const validationPoints = page.getByTestId('loss-chart').locator('.validation-point')
    expect(
      await validationPoints.evaluateAll((points) => points.map((point) => point.dataset.step))
    ).toEqual(['2', '4'])
    // The step with the lower held-out loss is the one kept.
    const best = validated.reduce((lowest, point) => (point.loss < lowest.loss ? point : lowest))
    expect(await page.getByTestId('retrain-best-step').innerText()).toMatch(
      new RegExp(`Kept the weights of step ${best.step}, where the held-out loss was lowest`)
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
        bestStep: best.step,
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
