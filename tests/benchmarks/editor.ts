/// Editor benchmark in real Chromium (browser mode): open-to-first-paint of a ~120-page script,
/// keystroke-to-paint latency while typing at the end, and full repagination time (in Chromium's
/// pagination worker and in Node). Run: `npx tsx tests/benchmarks/editor.ts` after
/// `npx electron-vite build`. Targets: open < 1 s, keystroke p95 < 16 ms, repaginate < 100 ms.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { parseFountain } from '../../src/shared/fountain/parse-fountain'
import { paginate } from '../../src/shared/pagination/paginate'
import { LETTER } from '../../src/shared/pagination/profile'
import { chromiumMissingReason, launchChromium } from '../support/chromium'
import { RENDERER_DIR, rendererMissingReason, startTestApp } from '../support/browser-mode'
import { longScript } from './long-script'
import { median, percentile, printTable, row, type BenchmarkRow } from './support/bench-table'
import {
  clearKeyProbe,
  installKeyProbe,
  keyLatencies,
  KEY_GAP_MS,
  KEY_HOLD_MS,
  readKeyProbe,
  typeText,
  type KeyLatencies
} from './support/key-probe'

const SCENES = 200
// EDITOR_BENCH_RENDERER=<folder>: measure another renderer build (e.g. the one before a change,
// kept with `cp -r out/renderer /tmp/renderer-before`), so before/after run on the same machine.
const rendererDir = process.env.EDITOR_BENCH_RENDERER ?? RENDERER_DIR
const TYPED = 'Elsa lights the match, and the lamp catches at last. The beam swings out. '
const OPEN_RUNS = 3
const PAGINATION_RUNS = 10

// From clicking Open in the path dialog to the first frame painted with the script's last
// heading in the editor DOM (CodeMirror renders the lines in view; the first heading shows first).
async function openToPaint(page: Page, path: string, heading: string): Promise<number> {
  await page.getByTestId('open-document').click()
  await page.getByTestId('path-input').fill(path)
  return page.evaluate((expected) => {
    return new Promise<number>((resolve) => {
      const start = performance.now()
      ;(document.querySelector('[data-testid="path-submit"]') as HTMLButtonElement).click()
      const check = (): void => {
        const content = document.querySelector('.cm-content')
        if (content?.textContent?.includes(expected)) {
          // The frame that shows the text is painted after this animation frame's callbacks.
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0))
        } else {
          requestAnimationFrame(check)
        }
      }
      requestAnimationFrame(check)
    })
  }, heading)
}

async function typeAndMeasure(page: Page, text: string, pauseEvery: number): Promise<KeyLatencies> {
  await clearKeyProbe(page)
  for (let index = 0; index < text.length; index += pauseEvery) {
    await typeText(page, text.slice(index, index + pauseEvery))
    // A writer's pause: long enough for the panels to update and the worker to repaginate.
    if (pauseEvery < text.length) await page.waitForTimeout(450)
  }
  await page.waitForTimeout(100)
  return keyLatencies(await readKeyProbe(page))
}

// Parse + paginate inside the app's own pagination worker bundle, timed by the worker itself.
async function workerPagination(page: Page, text: string): Promise<number[]> {
  const assets = readdirSync(join(rendererDir, 'assets'))
  const workerFile = assets.find((name) => name.startsWith('pagination-worker'))
  if (!workerFile) throw new Error('No pagination worker in out/renderer/assets: rebuild.')
  return page.evaluate(
    async ({ url, text, profile, runs }) => {
      const worker = new Worker(url, { type: 'module' })
      const times: number[] = []
      for (let id = 1; id <= runs; id++) {
        const answer = await new Promise<{ milliseconds: number }>((resolve, reject) => {
          worker.onmessage = (event) => resolve(event.data)
          worker.onerror = (event) => reject(new Error(event.message))
          worker.postMessage({ id, text, profile, withPages: true })
        })
        times.push(answer.milliseconds)
      }
      worker.terminate()
      return times
    },
    { url: `/assets/${workerFile}`, text, profile: LETTER, runs: PAGINATION_RUNS }
  )
}

function nodePagination(text: string): number[] {
  const times: number[] = []
  for (let run = 0; run < PAGINATION_RUNS; run++) {
    const started = performance.now()
    paginate(parseFountain(text), LETTER)
    times.push(performance.now() - started)
  }
  return times
}

// Puts the cursor at the end of the line holding `lineText` (found through CodeMirror's search
// panel, so the line need not be in view).
async function moveToLineEnd(page: Page, lineText: string): Promise<void> {
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+f')
  const field = page.locator('.cm-search input[name="search"]')
  await field.fill(lineText)
  await field.press('Enter')
  await page.keyboard.press('Escape')
  await page.keyboard.press('End')
}

/// Runs the benchmark and returns its rows (also printed as a table).
export async function runEditorBenchmark(): Promise<BenchmarkRow[]> {
  const missing =
    chromiumMissingReason() ?? (process.env.EDITOR_BENCH_RENDERER ? null : rendererMissingReason())
  if (missing) throw new Error(`Cannot run the editor benchmark: ${missing}`)
  const text = longScript(SCENES)
  const pages = paginate(parseFountain(text), LETTER).pages.length
  const lastHeading = text.match(/^(?:INT|EXT)\. .*$/gm)!.at(-1)!
  const firstHeading = text.match(/^(?:INT|EXT)\. .*$/m)![0]
  const folder = mkdtempSync(join(tmpdir(), 'sb-bench-'))
  const path = join(folder, 'long-watch.fountain')
  writeFileSync(path, text)
  console.log(`Renderer: ${rendererDir}`)
  console.log(
    `Script: ${SCENES} scenes, ${pages} pages, ${text.length} characters (invented, long-script.ts)`
  )

  const app = await startTestApp(undefined, rendererDir)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    // tsx (esbuild, keepNames) wraps the functions given to page.evaluate in a `__name` helper
    // that exists only in Node: give the page a no-op one.
    await page.addInitScript('globalThis.__name = (target) => target')
    const opens: number[] = []
    for (let run = 0; run < OPEN_RUNS; run++) {
      await page.goto(app.server.appUrl)
      await page.getByTestId('app-shell').waitFor()
      opens.push(await openToPaint(page, path, firstHeading))
    }
    // The last run's document stays open: type at its end.
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page
      .locator('.cm-line', { hasText: lastHeading.slice(0, 20) })
      .first()
      .waitFor()
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.getByTestId('page-count').waitFor()
    await installKeyProbe(page)
    const typed = (TYPED + TYPED + TYPED).slice(0, 200)
    const steady = await typeAndMeasure(page, typed, 200)
    const paused = await typeAndMeasure(page, typed, 20)
    // In the middle of the script: every element after the cursor moves with each key.
    const middleHeading = text.match(/^(?:INT|EXT)\. .* 100 - .*$/m)![0]
    await moveToLineEnd(page, middleHeading)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    const middle = await typeAndMeasure(page, typed, 20)
    // The same with the panels closed, and in a new, empty script: what the editor costs alone.
    await page.getByTestId('panels-collapse').click()
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    const closed = await typeAndMeasure(page, typed, 20)
    await page.getByTestId('panels-open').click()
    await page.getByTestId('new-document').click()
    await page.locator('.cm-content').click()
    const empty = await typeAndMeasure(page, typed, 20)
    const inWorker = await workerPagination(page, text)
    const inNode = nodePagination(text)

    const keys = (label: string, latencies: KeyLatencies, target: boolean): BenchmarkRow[] => [
      row(`${label}: keydown → paint p50`, percentile(latencies.paint, 50), '', 16),
      row(
        `${label}: keydown → paint p95`,
        percentile(latencies.paint, 95),
        target ? '< 16' : '',
        16
      ),
      row(`${label}: input work p95`, percentile(latencies.work, 95), '', 16),
      row(`${label}: frame work p95`, percentile(latencies.frame, 95), '', 16),
      row(`${label}: input + frame work p50`, percentile(latencies.cost, 50), '', 16),
      row(
        `${label}: input + frame work p95`,
        percentile(latencies.cost, 95),
        target ? '< 16' : '',
        16
      ),
      row(`${label}: keydown → paint max`, Math.max(...latencies.paint), '', Infinity)
    ]
    const rows: BenchmarkRow[] = [
      row('open → first paint (median of 3)', median(opens), '< 1000', 1000),
      row('open → first paint (worst of 3)', Math.max(...opens), '< 1000', 1000),
      ...keys('120 pages, steady typing at the end', steady, true),
      ...keys('120 pages, pauses, panels live', paused, true),
      ...keys('120 pages, pauses, mid-script', middle, true),
      ...keys('120 pages, pauses, panels closed', closed, false),
      ...keys('empty script, pauses, panels live', empty, false),
      row('repaginate in Chromium worker (median)', median(inWorker), '< 100', 100),
      row('repaginate in Chromium worker (first, cold)', inWorker[0], '', Infinity),
      row('repaginate in Node (median, parse included)', median(inNode), '< 100', 100)
    ]
    console.log(
      `Keys typed per run: ${typed.length}, each held ${KEY_HOLD_MS} ms, ${KEY_GAP_MS} ms apart`
    )
    printTable(rows)
    return rows
  } finally {
    await browser.close()
    await app.dispose()
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  runEditorBenchmark().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    }
  )
}
