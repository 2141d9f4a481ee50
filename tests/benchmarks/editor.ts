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

/// One measured figure and its target.
export interface BenchmarkRow {
  name: string
  value: number
  unit: string
  target: string
  pass: boolean
}

const SCENES = 200
const TYPED = 'Elsa lights the match, and the lamp catches at last. The beam swings out. '
const OPEN_RUNS = 3
const PAGINATION_RUNS = 10

function median(values: number[]): number {
  return percentile(values, 50)
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)]
}

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

// Installs a probe: for each key, the time from its keydown event (its timestamp) to just after
// the next frame is painted (an animation frame, then a message after it), and the same from its
// beforeinput event. Playwright sends keydown and the text as separate DevTools messages, so the
// keydown figure also holds one round trip that real typing does not have.
async function installKeyProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const latencies = { keydown: [] as number[], input: [] as number[] }
    Reflect.set(window, '__keyLatencies', latencies)
    const channel = new MessageChannel()
    const pending: [number[], number][] = []
    channel.port1.onmessage = () => {
      const entry = pending.shift()
      if (entry) entry[0].push(performance.now() - entry[1])
    }
    const probe = (list: number[]) => (event: Event) => {
      const stamp = event.timeStamp
      requestAnimationFrame(() => {
        pending.push([list, stamp])
        channel.port2.postMessage(null)
      })
    }
    window.addEventListener('keydown', probe(latencies.keydown), true)
    window.addEventListener('beforeinput', probe(latencies.input), true)
  })
}

interface KeyLatencies {
  keydown: number[]
  input: number[]
}

async function typeAndMeasure(page: Page, text: string, pauseEvery: number): Promise<KeyLatencies> {
  await page.evaluate(() => {
    const latencies = Reflect.get(window, '__keyLatencies') as KeyLatencies
    latencies.keydown.splice(0)
    latencies.input.splice(0)
  })
  for (let index = 0; index < text.length; index += pauseEvery) {
    await page.keyboard.type(text.slice(index, index + pauseEvery), { delay: 40 })
    // A writer's pause: long enough for the panels to update and the worker to repaginate.
    if (pauseEvery < text.length) await page.waitForTimeout(450)
  }
  await page.waitForTimeout(100)
  return page.evaluate(() => {
    const latencies = Reflect.get(window, '__keyLatencies') as KeyLatencies
    return { keydown: [...latencies.keydown], input: [...latencies.input] }
  })
}

// Parse + paginate inside the app's own pagination worker bundle, timed by the worker itself.
async function workerPagination(page: Page, text: string): Promise<number[]> {
  const assets = readdirSync(join(RENDERER_DIR, 'assets'))
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

/// Runs the benchmark and returns its rows (also printed as a table).
export async function runEditorBenchmark(): Promise<BenchmarkRow[]> {
  const missing = chromiumMissingReason() ?? rendererMissingReason()
  if (missing) throw new Error(`Cannot run the editor benchmark: ${missing}`)
  const text = longScript(SCENES)
  const pages = paginate(parseFountain(text), LETTER).pages.length
  const lastHeading = text.match(/^(?:INT|EXT)\. .*$/gm)!.at(-1)!
  const firstHeading = text.match(/^(?:INT|EXT)\. .*$/m)![0]
  const folder = mkdtempSync(join(tmpdir(), 'sb-bench-'))
  const path = join(folder, 'long-watch.fountain')
  writeFileSync(path, text)
  console.log(
    `Script: ${SCENES} scenes, ${pages} pages, ${text.length} characters (invented, long-script.ts)`
  )

  const app = await startTestApp()
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
    // The same with the panels closed, and in a new, empty script: what the editor costs alone.
    await page.getByTestId('panels-collapse').click()
    await page.locator('.cm-content').click()
    const closed = await typeAndMeasure(page, typed, 20)
    await page.getByTestId('panels-open').click()
    await page.getByTestId('new-document').click()
    await page.locator('.cm-content').click()
    const empty = await typeAndMeasure(page, typed, 20)
    const inWorker = await workerPagination(page, text)
    const inNode = nodePagination(text)

    const keys = (label: string, latencies: KeyLatencies, target: boolean): BenchmarkRow[] => [
      row(`${label}: keydown → paint p50`, percentile(latencies.keydown, 50), '', 16),
      row(`${label}: keydown → paint p95`, percentile(latencies.keydown, 95), '< 16', 16),
      row(`${label}: input → paint p50`, percentile(latencies.input, 50), '', 16),
      row(`${label}: input → paint p95`, percentile(latencies.input, 95), target ? '< 16' : '', 16),
      row(`${label}: input → paint max`, Math.max(...latencies.input), '', Infinity)
    ]
    const rows: BenchmarkRow[] = [
      row('open → first paint (median of 3)', median(opens), '< 1000', 1000),
      row('open → first paint (worst of 3)', Math.max(...opens), '< 1000', 1000),
      ...keys('120 pages, steady typing', steady, true),
      ...keys('120 pages, pauses, panels live', paused, true),
      ...keys('120 pages, pauses, panels closed', closed, false),
      ...keys('empty script, pauses, panels live', empty, false),
      row('repaginate in Chromium worker (median)', median(inWorker), '< 100', 100),
      row('repaginate in Chromium worker (first, cold)', inWorker[0], '', Infinity),
      row('repaginate in Node (median, parse included)', median(inNode), '< 100', 100)
    ]
    console.log(`Keys typed per run: ${typed.length}, 40 ms apart`)
    printTable(rows)
    return rows
  } finally {
    await browser.close()
    await app.dispose()
  }
}

function row(name: string, value: number, target: string, limit: number): BenchmarkRow {
  return { name, value, unit: 'ms', target, pass: value < limit }
}

function printTable(rows: BenchmarkRow[]): void {
  const width = Math.max(...rows.map((entry) => entry.name.length))
  console.log(`${'measure'.padEnd(width)}  ${'value'.padStart(9)}  target    ok`)
  for (const entry of rows) {
    const value = `${entry.value.toFixed(1)} ${entry.unit}`
    const verdict = entry.target ? (entry.pass ? 'yes' : 'NO') : ''
    console.log(
      `${entry.name.padEnd(width)}  ${value.padStart(9)}  ${entry.target.padEnd(8)}  ${verdict}`
    )
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
