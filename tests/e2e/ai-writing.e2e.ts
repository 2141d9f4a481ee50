import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  embeddedModelMissingReason,
  typeSceneEndingInCue,
  useAppInChromium
} from '../support/app-in-chromium'
import { chromiumMissingReason } from '../support/chromium'
import { rendererMissingReason, SCREENSHOT_DIR } from '../support/browser-mode'

const skipReason =
  chromiumMissingReason() ?? rendererMissingReason() ?? embeddedModelMissingReason()
if (skipReason) console.warn(`[e2e] AI writing skipped: ${skipReason}`)

const FIXTURE = fileURLToPath(new URL('../fixtures/scripts/lighthouse.fountain', import.meta.url))

// The real embedded model through the real inference host: no fakes.
describe.skipIf(skipReason !== null)('AI writing in browser mode', () => {
  const session = useAppInChromium()

  async function openFixture(page: Page): Promise<void> {
    await page.goto(session.app.server.appUrl)
    await page.getByTestId('app-shell').waitFor()
    await page.getByTestId('open-document').click()
    await page.getByTestId('path-input').fill(FIXTURE)
    await page.getByTestId('path-submit').click()
    await expect.poll(() => page.title()).toBe('lighthouse.fountain — Script Buddy')
  }

  // The rendered document without the ghost widget (which is decoration, not text).
  const documentText = (page: Page) =>
    page.evaluate(() => {
      const content = document.querySelector('.cm-content')?.cloneNode(true) as
        HTMLElement | undefined
      content?.querySelectorAll('.cm-ghost-text').forEach((ghost) => ghost.remove())
      return content?.textContent ?? ''
    })

  const chip = (page: Page) => page.getByTestId('suggestion-chip').innerText()

  // The suggestion's text: its first line continues the cursor's line, the rest is drawn below it.
  const ghostText = async (page: Page) =>
    (await page.locator('.cm-ghost-text-line').allInnerTexts()).join('\n')

  // Opens the Snippets panel and asks for `count` snippets of `length` tokens under `heading`.
  async function generateSnippets(
    page: Page,
    knobs: { heading: string; length: number; count: number; seed: number }
  ): Promise<void> {
    await page.getByTestId('open-snippets').click()
    await page.getByTestId('snippet-heading').fill(knobs.heading)
    await page.getByLabel('Length (tokens)').fill(String(knobs.length))
    await page.getByLabel('Alternatives').fill(String(knobs.count))
    await page.getByLabel('Seed').fill(String(knobs.seed))
    await page.getByTestId('snippet-generate').click()
  }

  it('continues after a cue with streamed ghost dialogue; cycles, accepts with Tab, undoes in one step', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await openFixture(page)
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    // A blank line after the fixture's last transition, so the new heading reads as one.
    await page.keyboard.press('Enter')
    await typeSceneEndingInCue(page)
    const before = await documentText(page)

    await page.keyboard.press('Alt+\\')
    // The first request compiles the model's ONNX graph when the cache is cold: allow for it.
    await expect.poll(() => chip(page), { timeout: 90_000 }).toMatch(/^Suggestion 1\/\d/)
    // One widget for a one-line suggestion; two for more: the first line inline, the rest below.
    expect(await page.locator('.cm-ghost-text').count()).toBeGreaterThanOrEqual(1)
    // The document itself is unchanged while the suggestion shows.
    expect(await documentText(page)).toBe(before)
    // Right after a cue the suggestion starts as the speech (dialogue, or a parenthetical before
    // it), laid out left of the cue as the dialogue block is.
    const firstLine = page.locator('.cm-ghost-text-line').first()
    expect(await firstLine.getAttribute('class')).toMatch(/cm-sb-(dialogue|parenthetical)/)
    const cueLeft = await page
      .locator('.cm-line.cm-sb-character')
      .last()
      .evaluate((line) => {
        const range = document.createRange()
        range.selectNodeContents(line)
        return range.getBoundingClientRect().left
      })
    const ghostLeft = await firstLine.evaluate((line) => line.getBoundingClientRect().left)
    expect(ghostLeft).toBeLessThan(cueLeft)
    // Asked for on the window's last line, the suggestion's first line is scrolled into view.
    const scroller = await page.locator('.cm-scroller').boundingBox()
    const shownLine = await firstLine.boundingBox()
    expect(shownLine!.y + shownLine!.height).toBeLessThanOrEqual(scroller!.y + scroller!.height)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'ghost-text-dialogue.png') })

    const count = Number((await chip(page)).match(/1\/(\d)/)?.[1])
    const firstText = await ghostText(page)
    if (count > 1) {
      await page.keyboard.press('Alt+]')
      await expect.poll(() => chip(page)).toMatch(/^Suggestion 2\//)
      expect(await ghostText(page)).not.toBe(firstText)
    }
    const shown = (await ghostText(page)).trim()
    await page.keyboard.press('Tab')
    await expect.poll(() => page.locator('.cm-ghost-text').count()).toBe(0)
    const accepted = await documentText(page)
    expect(accepted.length).toBeGreaterThan(before.length)
    expect(accepted.replace(/\s+/g, ' ')).toContain(shown.split('\n')[0].trim())
    await page.keyboard.press('Control+z')
    await expect.poll(() => documentText(page)).toBe(before)
    await page.close()
  })

  it('generates three snippets and opens each as a new document', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(session.app.server.appUrl)
    await page.getByTestId('app-shell').waitFor()
    await generateSnippets(page, {
      heading: 'ext. harbour wall - dawn',
      length: 60,
      count: 3,
      seed: 7
    })
    await expect
      .poll(() => page.getByTestId('snippet-status').innerText(), { timeout: 90_000 })
      .toMatch(/^Done · seed 7/)
    const snippets = page.getByTestId('snippet-alternative')
    expect(await snippets.count()).toBe(3)
    const texts = await snippets.locator('pre').allInnerTexts()
    for (const text of texts) {
      expect(text.startsWith('EXT. HARBOUR WALL - DAWN')).toBe(true)
      // Finished snippets end on a whole element (snippet-text.ts), not mid-sentence.
      expect(text.trimEnd()).toMatch(/[.!?…:;)\]'"”’—-]$/)
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'snippets.png') })
    // Insert at cursor puts what the card shows into the open script: the writer's heading, then
    // the model's text, which alone is marked as the model's.
    await snippets.nth(0).getByTestId('snippet-insert').click()
    const written = texts[0].split('\n').filter((line) => line.trim())[1]
    await expect.poll(() => documentText(page)).toContain(written)
    expect(await documentText(page)).toContain('EXT. HARBOUR WALL - DAWN')
    await expect.poll(() => page.locator('.cm-sb-ai-text').count()).toBeGreaterThan(0)
    const heading = page.locator('.cm-line', { hasText: 'EXT. HARBOUR WALL - DAWN' })
    expect(await heading.locator('.cm-sb-ai-text').count()).toBe(0)
    expect(
      await page.locator('.cm-line', { hasText: written }).locator('.cm-sb-ai-text').count()
    ).toBeGreaterThan(0)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'snippet-inserted.png') })
    for (let index = 0; index < 3; index++) {
      await snippets.nth(index).getByTestId('snippet-open').click()
    }
    const tabs = await page.getByTestId('tabs').innerText()
    for (const name of ['Snippet 1', 'Snippet 2', 'Snippet 3']) expect(tabs).toContain(name)
    await expect
      .poll(() => page.locator('.cm-content').innerText())
      .toContain('EXT. HARBOUR WALL - DAWN')
    await page.close()
  })

  it('a snippet waits while the writer types in the script, and goes on when they stop', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1400, height: 900 } })
    await openFixture(page)
    await generateSnippets(page, {
      heading: 'int. lighthouse - lamp room - night',
      length: 300,
      count: 1,
      seed: 11
    })
    const snippet = page.getByTestId('snippet-alternative').locator('pre')
    const streamed = async () => (await snippet.innerText()).length
    await snippet.waitFor()
    const prompt = await streamed()
    await expect.poll(streamed, { timeout: 90_000 }).toBeGreaterThan(prompt + 20)
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    // About 2.5 s of steady typing (a key every 40–60 ms); the snippet is sampled once the first
    // keys have reached the model and again at the end.
    const typing = page.keyboard.type(
      'The lamp turns and turns above her, and the sea below goes on without a sound.',
      { delay: 30 }
    )
    await new Promise((resolve) => setTimeout(resolve, 500))
    const whileTyping = await streamed()
    await typing
    const afterTyping = await streamed()
    expect(await page.getByTestId('snippet-status').innerText()).toMatch(/^Writing/)
    // Held, it stays where it was (a stall of the test machine longer than the hold may let a
    // token or two through); unheld, it writes hundreds of characters in those 2 s, or finishes.
    expect(afterTyping - whileTyping).toBeLessThan(40)
    await expect.poll(streamed, { timeout: 30_000 }).toBeGreaterThan(afterTyping)
    await expect
      .poll(() => page.getByTestId('snippet-status').innerText(), { timeout: 90_000 })
      .toMatch(/^Done/)
    expect(await documentText(page)).toContain('the sea below goes on without a sound.')
    await page.close()
  })
})
