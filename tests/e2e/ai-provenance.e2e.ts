/// Accepted AI text is marked in the gutter, and the marks survive saving and reopening, both as a
/// sidecar record and as Fountain notes. The real embedded model writes the text: no fakes.
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { embeddedModelMissingReason, useAppInChromium } from '../support/app-in-chromium'
import { chromiumMissingReason } from '../support/chromium'
import {
  REPO_ROOT,
  rendererMissingReason,
  SCREENSHOT_DIR,
  startTestApp
} from '../support/browser-mode'
import { buildNgramIndex, serialiseNgramIndex } from '../../src/shared/ai/provenance'
import { NGRAM_INDEX_FILE } from '../../training/retrain/model-folder'

const skipReason =
  chromiumMissingReason() ?? rendererMissingReason() ?? embeddedModelMissingReason()
if (skipReason) console.warn(`[e2e] AI provenance skipped: ${skipReason}`)

const EMBEDDED_MODEL = join(REPO_ROOT, 'resources', 'models', 'screenplay-gpt2-30m')
const FIXTURE = fileURLToPath(new URL('../fixtures/scripts/lighthouse.fountain', import.meta.url))

describe.skipIf(skipReason !== null)('AI provenance in browser mode', () => {
  const session = useAppInChromium()

  async function open(page: Page, path: string): Promise<void> {
    await page.goto(session.app.server.appUrl)
    await page.getByTestId('app-shell').waitFor()
    await page.getByTestId('open-document').click()
    await page.getByTestId('path-input').fill(path)
    await page.getByTestId('path-submit').click()
    await expect.poll(() => page.title()).toBe('lighthouse.fountain — Script Buddy')
  }

  const bars = (page: Page) => page.locator('.cm-sb-ai-line').count()
  const tinted = (page: Page) =>
    page.locator('.cm-sb-ai-text').evaluateAll((spans) => spans.map((span) => span.textContent))

  // Types a cue at the end of the script and accepts the model's line for it.
  async function acceptSuggestion(page: Page): Promise<void> {
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    await page.keyboard.type('ELSA')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Alt+\\')
    const chip = page.getByTestId('suggestion-chip')
    // The first request compiles the model's ONNX graph when the cache is cold: allow for it.
    await expect.poll(() => chip.innerText(), { timeout: 90_000 }).toMatch(/^Suggestion 1\/\d/)
    expect(await bars(page)).toBe(0)
    await page.keyboard.press('Tab')
    await expect.poll(() => page.locator('.cm-ghost-text').count()).toBe(0)
    await expect.poll(() => bars(page)).toBeGreaterThan(0)
  }

  // The marked text is at the end: CodeMirror draws only the lines near the viewport.
  async function toEnd(page: Page): Promise<void> {
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
  }

  async function save(page: Page): Promise<void> {
    await page.getByTestId('save-document').click()
    await expect.poll(() => page.title()).toBe('lighthouse.fountain — Script Buddy')
  }

  it('marks accepted text in the gutter and keeps the marks in a sidecar across save and reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-provenance-'))
    const path = join(dir, 'lighthouse.fountain')
    copyFileSync(FIXTURE, path)
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await open(page, path)
    await acceptSuggestion(page)
    const marked = await tinted(page)
    expect(marked.join('').trim().length).toBeGreaterThan(0)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'ai-provenance-marks.png') })

    await save(page)
    const sidecar = `${path}.scriptbuddy.json`
    expect(existsSync(sidecar)).toBe(true)
    const record = JSON.parse(readFileSync(sidecar, 'utf8'))
    expect(record.marks).toHaveLength(1)
    expect(record.marks[0].model).toMatch(/\S/)
    // The script itself holds no trace of the record.
    expect(readFileSync(path, 'utf8')).not.toContain('[[AI:')
    await page.close()

    const reopened = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await open(reopened, path)
    await toEnd(reopened)
    await expect.poll(() => bars(reopened)).toBeGreaterThan(0)
    expect(await tinted(reopened)).toEqual(marked)
    await reopened.screenshot({ path: join(SCREENSHOT_DIR, 'ai-provenance-reopened.png') })
    await reopened.close()
  })

  it('keeps the marks as Fountain notes when the setting says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-provenance-'))
    const path = join(dir, 'lighthouse.fountain')
    copyFileSync(FIXTURE, path)
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await open(page, path)
    await page.getByTestId('open-settings').click()
    await page.getByTestId('setting-ai-provenance').selectOption('notes')
    await expect.poll(() => page.getByTestId('setting-ai-provenance').inputValue()).toBe('notes')
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click()
    await acceptSuggestion(page)
    const marked = await tinted(page)
    await save(page)
    expect(readFileSync(path, 'utf8')).toMatch(
      /\n\[\[AI: \d+ characters? from \d+ before this note · /
    )
    expect(existsSync(`${path}.scriptbuddy.json`)).toBe(false)
    await page.close()

    const reopened = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await open(reopened, path)
    await toEnd(reopened)
    await expect.poll(() => bars(reopened)).toBeGreaterThan(0)
    expect(await tinted(reopened)).toEqual(marked)
    // The notes are a file format, not text in the editor.
    expect(await reopened.locator('.cm-content').innerText()).not.toContain('[[AI:')
    // Back to the default for the other tests of this app.
    await reopened.getByTestId('open-settings').click()
    await reopened.getByTestId('setting-ai-provenance').selectOption('sidecar')
    await reopened.close()
  })

  // The model's training n-gram index is what the host checks generated text against. A copy of
  // the embedded model whose index holds the text that a seeded snippet writes must flag it.
  it("flags a snippet that repeats a training script's words on its card", async () => {
    const generate = async (page: Page): Promise<string[]> => {
      await page.goto(appUrl)
      await page.getByTestId('app-shell').waitFor()
      await page.getByTestId('open-snippets').click()
      await page.getByTestId('snippet-heading').fill('ext. harbour wall - dawn')
      await page.getByLabel('Length (tokens)').fill('80')
      await page.getByLabel('Alternatives').fill('2')
      await page.getByLabel('Seed').fill('5')
      await page.getByTestId('snippet-generate').click()
      await expect
        .poll(() => page.getByTestId('snippet-status').innerText(), { timeout: 90_000 })
        .toMatch(/^Done/)
      return page.getByTestId('snippet-alternative').locator('pre').allInnerTexts()
    }
    let appUrl = session.app.server.appUrl
    const first = await session.browser.newPage({ viewport: { width: 1300, height: 900 } })
    const written = await generate(first)
    expect(await first.getByTestId('snippet-copy-warning').count()).toBe(0)
    await first.close()

    const folder = mkdtempSync(join(tmpdir(), 'sb-copy-model-'))
    for (const name of readdirSync(EMBEDDED_MODEL)) {
      symlinkSync(join(EMBEDDED_MODEL, name), join(folder, name))
    }
    writeFileSync(
      join(folder, NGRAM_INDEX_FILE),
      serialiseNgramIndex(buildNgramIndex([written[0]]))
    )
    const userData = mkdtempSync(join(tmpdir(), 'sb-copy-user-'))
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ activeModel: folder }))
    const app = await startTestApp(userData)
    try {
      appUrl = app.server.appUrl
      const page = await session.browser.newPage({ viewport: { width: 1300, height: 900 } })
      const again = await generate(page)
      expect(again[0]).toBe(written[0])
      const warnings = page.getByTestId('snippet-copy-warning')
      expect(await warnings.count()).toBe(1)
      expect(await warnings.innerText()).toMatch(/^⚠ repeats \d+ words of a script this model/)
      // On the first card, the one whose text the index holds.
      const firstCard = page.getByTestId('snippet-alternative').first()
      expect(await firstCard.getByTestId('snippet-copy-warning').count()).toBe(1)
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'snippet-copy-warning.png') })
      await page.close()
    } finally {
      await app.dispose()
    }
  })
})
