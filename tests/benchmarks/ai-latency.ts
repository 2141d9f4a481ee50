/// AI latency in real Chromium (browser mode) with the embedded model:
///
/// (a) hotkey → first ghost token painted, with the script prefix cached: the cursor stays in one
///     place; each round presses Alt+\, waits for the suggestion to finish, dismisses it, and the
///     next round asks again at the same place (so the inference host reuses the prompt's KV cache).
///     The first round (cold prefix) is reported apart. Target ≤ 150 ms.
/// (b) keystroke → paint while a suggestion streams. A ghost suggestion belongs to the cursor: any
///     keystroke elsewhere, or one that disagrees with it, dismisses it and cancels the request. The
///     one way to type while it keeps streaming is to type its own next characters ("typing
///     through" it), so that is what this measures: only keys pressed while the ghost text is still
///     streaming count. A second row types elsewhere in the script while a long snippet streams in
///     the Snippets panel (the same model, host and token events). Target p95 ≤ 16 ms, held against
///     what each key costs the editor and the browser (input + frame work, support/key-probe.ts);
///     keydown → paint is reported beside it; it also holds any wait for the display's next
///     frame (see the key probe). The same typing with nothing streaming is measured in
///     the same run as the reference, twice: a line of action before, and after each round of
///     typing through, as many keys again going on with the speech (the machine's own load moves
///     every row by a few milliseconds between runs; these keys share the rounds' minutes). Every
///     measured key is typed as a person types it, held down for a moment (`typeKey`,
///     support/key-probe.ts says why), about 20 keys a second. Typing
///     through goes on for at least `THROUGH_KEYS` keys: a suggestion often ends before the
///     first key, and the first key of each burst is the one that can land beside a forward pass
///     (the host holds the later ones: src/main/hosts/inference/writer-hold.ts).
///
/// Run: `npx electron-vite build && npx tsx tests/benchmarks/ai-latency.ts [--rounds N]`.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CDPSession, Page } from 'playwright-core'
import { chromiumMissingReason, launchChromium } from '../support/chromium'
import { rendererMissingReason, startTestApp } from '../support/browser-mode'
import { embeddedModelMissingReason, typeSceneEndingInCue } from '../support/app-in-chromium'
import { percentile, printTable, row, type BenchmarkRow } from './support/bench-table'
import {
  clearKeyProbe,
  installKeyProbe,
  keyLatencies,
  readKeyProbe,
  KEY_GAP_MS,
  typeKey,
  typeText,
  type KeyEntry,
  type KeyLatencies
} from './support/key-probe'
import { longScript } from './long-script'

const SCENES = 20
// --profile FILE: a CPU profile of the page while keys are typed through streaming suggestions
// (Chrome DevTools format; the functions with the most self time are printed).
const argProfile = process.argv.indexOf('--profile')
const PROFILE = argProfile > 0 ? process.argv[argProfile + 1] : null
// --keys FILE: every measured key's figures (key-probe.ts), by row, as JSON.
const argKeys = process.argv.indexOf('--keys')
const KEYS_FILE = argKeys > 0 ? process.argv[argKeys + 1] : null
const argRounds = process.argv.indexOf('--rounds')
const ROUNDS = argRounds > 0 ? Number(process.argv[argRounds + 1]) : 8
// Keys typed through streaming suggestions: at least this many, in at most ROUNDS × 5 rounds.
// A p95 over 120 keys is their 6th worst and moved by 2–3 ms from run to run; over 240 keys it is
// the 12th worst.
const THROUGH_KEYS = 240
const TYPED = 'The beam swings out over the water and finds nothing. Elsa waits, and counts. '

// Ghost probe in the page: from the Alt+\ keydown to the frame after the first ghost text appears
// (any ghost, and the first with readable text). Keys are timed by the shared key probe.
async function installGhostProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const ghost = { pressedAt: -1, anyAt: -1, firstPaint: [] as number[], firstAny: [] as number[] }
    Reflect.set(window, '__ghostLatency', ghost)
    const channel = new MessageChannel()
    const pending: (() => void)[] = []
    channel.port1.onmessage = () => pending.shift()?.()
    const afterPaint = (done: () => void): void => {
      requestAnimationFrame(() => {
        pending.push(done)
        channel.port2.postMessage(null)
      })
    }
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.altKey && event.key === '\\') {
          ghost.pressedAt = event.timeStamp
          ghost.anyAt = event.timeStamp
        }
      },
      true
    )
    const observer = new MutationObserver(() => {
      const widget = document.querySelector('.cm-ghost-text')
      if (widget && ghost.anyAt >= 0) {
        const anyAt = ghost.anyAt
        ghost.anyAt = -1
        afterPaint(() => ghost.firstAny.push(performance.now() - anyAt))
      }
      if (ghost.pressedAt < 0) return
      const text = widget?.textContent ?? ''
      if (!text.trim()) return
      const pressedAt = ghost.pressedAt
      ghost.pressedAt = -1
      afterPaint(() => ghost.firstPaint.push(performance.now() - pressedAt))
    })
    observer.observe(document.body, { subtree: true, childList: true, characterData: true })
  })
}

interface GhostProbe {
  firstPaint: number[]
  firstAny: number[]
}

const readGhostProbe = (page: Page): Promise<GhostProbe> =>
  page.evaluate(
    () => JSON.parse(JSON.stringify(Reflect.get(window, '__ghostLatency'))) as GhostProbe
  )

// The suggestion chip's text, or '' when it is hidden (nothing requested, or an empty suggestion).
const chip = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="suggestion-chip"]')?.textContent ?? '')

// One round of (a): ask, wait for the whole suggestion (or for it to come back empty), dismiss.
async function askAndDismiss(page: Page): Promise<number | null> {
  await page.keyboard.press('Alt+\\')
  await waitFor(async () => /Asking|Writing|Suggestion/.test(await chip(page)), 5_000).catch(
    async () => {
      await page.screenshot({ path: 'test-results/ai-latency-failure.png' })
      const line = await page.evaluate(() => document.activeElement?.className)
      throw new Error(
        `No suggestion started at the line ${JSON.stringify(line)}: ${await chip(page)}`
      )
    }
  )
  await waitFor(async () => !/Asking|Writing/.test(await chip(page)), 120_000)
  const host = await hostFirstToken(page)
  await page.keyboard.press('Escape')
  await waitFor(async () => (await page.locator('.cm-ghost-text').count()) === 0, 5_000)
  return host
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

// A new speech below the cursor: a blank line, the cue, and the cursor on its dialogue line. Each
// round of (b) starts on one, so the model has a line of dialogue to write (in the middle of a
// speech it often ends the line first, and a suggestion that starts with a line break cannot be
// typed through).
async function startSpeech(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Tab')
  await page.keyboard.type(name)
  await page.keyboard.press('Enter')
}

// (b) Types the suggestion's own next characters while it streams, up to `keys` keys or until it
// stops streaming. A suggestion whose first line is still empty (it starts with a line break) is
// waited on: typing Enter would start a new element, not type through. Answers the keys typed.
async function typeThrough(page: Page, keys: number): Promise<number> {
  await page.keyboard.press('Alt+\\')
  const deadline = Date.now() + 60_000
  let typed = 0
  while (typed < keys && Date.now() < deadline) {
    const { streaming, next, pending } = await page.evaluate(() => ({
      streaming: document.querySelector('.cm-ghost-text-streaming') !== null,
      next: document.querySelector('.cm-ghost-text-line')?.textContent?.[0] ?? '',
      pending: /Asking/.test(
        document.querySelector('[data-testid="suggestion-chip"]')?.textContent ?? ''
      )
    }))
    if (!streaming && !pending) break
    if (!streaming || !next) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      continue
    }
    await typeKey(page, next)
    typed++
    await new Promise((resolve) => setTimeout(resolve, KEY_GAP_MS))
  }
  await page.keyboard.press('Escape')
  return typed
}

// The inference host's own time to first token for the last suggestion, from the status chip.
async function hostFirstToken(page: Page): Promise<number | null> {
  const match = /first token (\d+) ms/.exec(await chip(page))
  return match ? Number(match[1]) : null
}

async function startProfiler(page: Page): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page)
  await session.send('Profiler.enable')
  await session.send('Profiler.setSamplingInterval', { interval: 100 })
  await session.send('Profiler.start')
  return session
}

async function stopProfiler(session: CDPSession, file: string): Promise<void> {
  const { profile } = await session.send('Profiler.stop')
  writeFileSync(file, JSON.stringify(profile))
  const interval = (profile.endTime - profile.startTime) / 1000 / (profile.samples?.length ?? 1)
  const self = new Map<string, number>()
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0) * interval)
  }
  console.log(`CPU profile written to ${file}; most self time (ms):`)
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${ms.toFixed(1).padStart(9)}  ${name}`)
  }
}

/// Runs the benchmark and returns its rows (also printed as a table).
export async function runAiLatencyBenchmark(): Promise<BenchmarkRow[]> {
  const missing = chromiumMissingReason() ?? rendererMissingReason() ?? embeddedModelMissingReason()
  if (missing) throw new Error(`Cannot run the AI latency benchmark: ${missing}`)
  const text = longScript(SCENES)
  const folder = mkdtempSync(join(tmpdir(), 'sb-ai-latency-'))
  const path = join(folder, 'long-watch.fountain')
  writeFileSync(path, text)
  const app = await startTestApp()
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.addInitScript('globalThis.__name = (target) => target')
    await page.goto(app.server.appUrl)
    await page.getByTestId('app-shell').waitFor()
    await page.getByTestId('open-document').click()
    await page.getByTestId('path-input').fill(path)
    await page.getByTestId('path-submit').click()
    await page.locator('.cm-line', { hasText: 'INT.' }).first().waitFor()
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Enter')
    await typeSceneEndingInCue(page)
    await installGhostProbe(page)
    await installKeyProbe(page)

    // (a) The first press compiles the model when the cache is cold and fills the prefix cache.
    const hostTimes: number[] = []
    for (let round = 0; round <= ROUNDS; round++) {
      const host = await askAndDismiss(page)
      if (round > 0 && host !== null) hostTimes.push(host)
    }
    const ghost = await readGhostProbe(page)
    const [cold, ...cached] = ghost.firstPaint
    const [, ...cachedAny] = ghost.firstAny

    // Reference: typing a line of action with nothing streaming.
    await page.keyboard.type('She waits.')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await clearKeyProbe(page)
    await typeText(page, TYPED + TYPED)
    const idleKeys = await readKeyProbe(page)
    const idle = keyLatencies(idleKeys)

    // (b1) Typing through streaming suggestions. After each round the writer goes on with the
    // speech as many keys again with nothing streaming: a reference typed in the same minutes,
    // since the machine's own load moves every row by a few milliseconds from run to run.
    const profiler = PROFILE ? await startProfiler(page) : null
    const streamedKeys: KeyEntry[] = []
    const besideKeys: KeyEntry[] = []
    for (
      let round = 0;
      round < ROUNDS * 5 && (round < ROUNDS || streamedKeys.length < THROUGH_KEYS);
      round++
    ) {
      await startSpeech(page, round % 2 === 0 ? 'TOMAS' : 'ELSA')
      await clearKeyProbe(page)
      const typed = await typeThrough(page, 30)
      streamedKeys.push(...(await readKeyProbe(page)).filter((key) => key.ghostStreaming))
      if (typed === 0) continue
      await new Promise((resolve) => setTimeout(resolve, 300))
      await clearKeyProbe(page)
      await typeText(page, ` ${TYPED}`.slice(0, typed))
      besideKeys.push(...(await readKeyProbe(page)).filter((key) => !key.ghostStreaming))
    }
    if (profiler && PROFILE) await stopProfiler(profiler, PROFILE)
    const through = keyLatencies(streamedKeys)
    const beside = keyLatencies(besideKeys)

    // (b2) Typing in the script while a long snippet streams in the panel.
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.getByTestId('open-snippets').click()
    await page.getByTestId('snippet-heading').fill('int. lighthouse - stairs - night')
    await page.getByLabel('Length (tokens)').fill('400')
    await page.getByLabel('Alternatives').fill('2')
    await page.getByTestId('snippet-generate').click()
    await waitFor(async () => (await page.getByTestId('snippet-alternative').count()) > 0, 120_000)
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await clearKeyProbe(page)
    const snippetDone = async () =>
      /^Done/.test(await page.getByTestId('snippet-status').innerText())
    await typeText(page, TYPED + TYPED, snippetDone)
    const snippetKeys = (await readKeyProbe(page)).filter((key) => key.snippetStreaming)
    const duringSnippet = keyLatencies(snippetKeys)
    if (KEYS_FILE) {
      writeFileSync(
        KEYS_FILE,
        JSON.stringify({
          idle: idleKeys,
          through: streamedKeys,
          interleaved: besideKeys,
          snippet: snippetKeys
        })
      )
    }

    const rows: BenchmarkRow[] = [
      row('hotkey → first ghost token painted, cold prefix (1st press)', cold, '', Infinity),
      row(
        `hotkey → first ghost token painted, prefix cached: median of ${cached.length}`,
        percentile(cached, 50),
        '≤ 150',
        150
      ),
      row(
        'hotkey → first ghost token painted, prefix cached: worst',
        Math.max(...cached),
        '≤ 150',
        150
      ),
      row(
        `  same, the inference host's own first-token time, median of ${hostTimes.length}`,
        percentile(hostTimes, 50),
        '',
        Infinity
      ),
      row(
        '  same, first ghost of any kind (a blank line counts), median',
        percentile(cachedAny, 50),
        '',
        Infinity
      ),
      ...keyRows('nothing streaming', idle, false),
      ...keyRows('typing through a streaming suggestion', through, true),
      ...keyRows('nothing streaming, typed between those rounds', beside, false),
      ...keyRows('typing while a snippet streams', duringSnippet, true)
    ]
    printTable(rows)
    return rows
  } finally {
    await browser.close()
    await app.dispose()
  }
}

// The editor's responsiveness while text streams. The keystroke latency (p95 ≤ 16 ms) is
// held against the key's own cost (input + frame work); keydown → paint, printed beside it, also
// holds any wait for the display's next frame (see the key probe). Since the editor uses the
// browser's own cursor, that too reads 13–19 ms at p95 on the 2-core VM (22–24 ms before).
function keyRows(label: string, keys: KeyLatencies, target: boolean): BenchmarkRow[] {
  return [
    row(
      `keystroke input + frame work p95, ${label} (${keys.cost.length} keys)`,
      percentile(keys.cost, 95),
      target ? '≤ 16' : '',
      target ? 16 : Infinity
    ),
    row(`  same, p50`, percentile(keys.cost, 50), '', Infinity),
    row(`  keydown → paint p95 (frame wait included)`, percentile(keys.paint, 95), '', Infinity)
  ]
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  runAiLatencyBenchmark().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    }
  )
}
