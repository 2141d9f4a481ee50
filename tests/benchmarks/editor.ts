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
// EDITOR_BENCH_RENDERER=<folder>: measure another renderer build (e.g. the one before a change,
// kept with `cp -r out/renderer /tmp/renderer-before`), so before/after run on the same machine.
const rendererDir = process.env.EDITOR_BENCH_RENDERER ?? RENDERER_DIR
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

// Installs a probe with three figures per key, all from the keydown event's timestamp:
// - paint: to just after the next frame is painted (an animation frame, then a message after it).
//   This waits for the display's next frame: headless Chromium draws at 60 Hz, so a key that lands
//   just after a frame began waits up to 16.7 ms with nothing to do. Over evenly spread keys that
//   wait alone has a p95 of about 16 ms, so this figure cannot meet a 16 ms p95 whatever the
//   editor does.
// - work: to the end of the key's input handling (CodeMirror reads the DOM change and dispatches
//   the transaction: the Fountain re-parse, decorations, capitalisation, completion), with style
//   and layout forced right after it: a microtask queued by the last `input` listener (on window,
//   bubbling) runs after CodeMirror's mutation-observer flush. (A posted message would often run
//   after the next frame, which Chromium schedules first after an input event.)
// - frame: the next frame's own work, from its animation-frame callbacks (CodeMirror's measure
//   runs there) to painted: style, layout, paint, commit.
// work + frame is the time the key costs the editor and the browser; paint − (work + frame) is
// the wait for the frame. Playwright sends one DevTools message per key (keydown with its text),
// so the timestamp is the browser's own.
async function installKeyProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const latencies = { paint: [] as number[], work: [] as number[], frame: [] as number[] }
    Reflect.set(window, '__keyLatencies', latencies)
    const afterFrame = new MessageChannel()
    const framePending: [number, number][] = []
    let keyStamp: number | null = null
    afterFrame.port1.onmessage = () => {
      const entry = framePending.shift()
      if (!entry) return
      const now = performance.now()
      latencies.paint.push(now - entry[0])
      latencies.frame.push(now - entry[1])
    }
    window.addEventListener('input', () => {
      const stamp = keyStamp
      keyStamp = null
      if (stamp === null) return
      queueMicrotask(() => {
        void document.body.getBoundingClientRect().height
        latencies.work.push(performance.now() - stamp)
      })
    })
    window.addEventListener(
      'keydown',
      (event) => {
        const stamp = event.timeStamp
        keyStamp = stamp
        requestAnimationFrame(() => {
          framePending.push([stamp, performance.now()])
          afterFrame.port2.postMessage(null)
        })
      },
      true
    )
  })
}

interface KeyLatencies {
  paint: number[]
  work: number[]
  frame: number[]
}

async function typeAndMeasure(page: Page, text: string, pauseEvery: number): Promise<KeyLatencies> {
  await page.evaluate(() => {
    const latencies = Reflect.get(window, '__keyLatencies') as KeyLatencies
    for (const list of Object.values(latencies)) list.splice(0)
  })
  for (let index = 0; index < text.length; index += pauseEvery) {
    await page.keyboard.type(text.slice(index, index + pauseEvery), { delay: 40 })
    // A writer's pause: long enough for the panels to update and the worker to repaginate.
    if (pauseEvery < text.length) await page.waitForTimeout(450)
  }
  await page.waitForTimeout(100)
  return page.evaluate(() => {
    const latencies = Reflect.get(window, '__keyLatencies') as KeyLatencies
    return { paint: [...latencies.paint], work: [...latencies.work], frame: [...latencies.frame] }
  })
}

// Per key, the editor's and the browser's time without the wait for the display's frame.
function costs(latencies: KeyLatencies): number[] {
  const count = Math.min(latencies.work.length, latencies.frame.length)
  return Array.from({ length: count }, (_, index) => latencies.work[index] + latencies.frame[index])
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
      row(`${label}: input + frame work p50`, percentile(costs(latencies), 50), '', 16),
      row(
        `${label}: input + frame work p95`,
        percentile(costs(latencies), 95),
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
