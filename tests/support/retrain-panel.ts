/// Opens the app in a page and the retrain panel in it (Settings → Retrain on my scripts…).
import type { Page } from 'playwright-core'

export async function openRetrainPanel(page: Page, appUrl: string): Promise<void> {
  await page.goto(appUrl)
  await page.getByTestId('app-shell').waitFor()
  await page.getByTestId('open-settings').click()
  await page.getByTestId('open-retrain').click()
  await page.getByTestId('retrain-panel').waitFor()
}
