import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { parseFountain } from '../../src/shared/fountain'
import { LETTER } from '../../src/shared/pagination'
import { exportPdf } from '../../training/data/export-pdf'
import { embeddedModelMissingReason, useAppInChromium } from '../support/app-in-chromium'
import { chromiumMissingReason } from '../support/chromium'
import { rendererMissingReason, SCREENSHOT_DIR } from '../support/browser-mode'
import { openRetrainPanel } from '../support/retrain-panel'

const skipReason =
  chromiumMissingReason() ?? rendererMissingReason() ?? embeddedModelMissingReason()
if (skipReason) console.warn(`[e2e] retrain preview skipped: ${skipReason}`)

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/scripts/${name}`, import.meta.url))
const folder = mkdtempSync(join(tmpdir(), 'sb-retrain-preview-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

// The writer's folder: two Fountain scripts, a PDF, and a manifest with genres for two of them.
async function writersFolder(): Promise<void> {
  copyFileSync(fixture('retrain/harbour.fountain'), join(folder, 'harbour.fountain'))
  copyFileSync(fixture('retrain/rock.fountain'), join(folder, 'rock.fountain'))
  const ferry = parseFountain(readFileSync(fixture('pdf/ferry.fountain'), 'utf8'))
  const written = await exportPdf(ferry, LETTER, join(folder, 'ferry.pdf'))
  if (!written.ok) throw new Error(written.error.message)
  writeFileSync(
    join(folder, 'manifest.jsonl'),
    `${JSON.stringify({ slug: 'harbour', genres: ['Drama'], file: 'harbour.fountain' })}\n${JSON.stringify({ slug: 'ferry', genres: ['Comedy', 'Drama'] })}\n`
  )
}

describe.skipIf(skipReason !== null)('retrain panel preview', () => {
  const session = useAppInChromium()

  it('previews a folder with a PDF and a genre filter, then reads it again from the cache', async () => {
    await writersFolder()
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 1100 } })
    await openRetrainPanel(page, session.app.server.appUrl)
    await page.getByTestId('retrain-scripts').fill(folder)
    await page.getByTestId('retrain-genres').fill('Comedy')
    await page.getByTestId('retrain-preview').click()

    const details = page.getByTestId('retrain-preview-details')
    await details.waitFor({ timeout: 120_000 })
    const text = await details.innerText()
    expect(text).toMatch(
      /1 script\(s\) found \(1 from PDF\), 2 skipped · 0 from the cache, 1 tokenized now/
    )
    expect(text).toMatch(/ferry\.pdf — [\d,]+ tokens, train · pdf · Comedy, Drama/)
    expect(text).toMatch(/skipped harbour\.fountain: its genres \(Drama\) are not among Comedy/)
    expect(text).toMatch(/skipped rock\.fountain: no genres are known for it/)
    expect(await page.getByTestId('retrain-preview-sample').innerText()).toMatch(
      /^INT\. FERRY TERMINAL - NIGHT\n\nFluorescent tubes/
    )
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'retrain-preview.png'), fullPage: true })

    // Clicking a found genre adds it to the filter; the PDF now comes from the cache.
    await page.getByTestId('retrain-genres-found').getByRole('button', { name: 'Drama' }).click()
    expect(await page.getByTestId('retrain-genres').inputValue()).toBe('Comedy, Drama')
    await page.getByTestId('retrain-preview').click()
    await expect
      .poll(() => details.innerText(), { timeout: 120_000 })
      .toMatch(/2 script\(s\) found \(1 from PDF\), 1 skipped · 1 from the cache, 1 tokenized now/)
    expect(await details.innerText()).toMatch(/ferry\.pdf — .* · cached/)
  })
})
