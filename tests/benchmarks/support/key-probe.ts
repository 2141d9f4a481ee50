/// Keystroke latency probe for Chromium benchmarks. Per key typed (a printable key or Enter, no
/// modifier), three figures, all from the keydown event's timestamp (Playwright sends one DevTools
/// message per key, so the stamp is the browser's own):
/// - paint: to just after the next frame is painted (an animation frame, then a message after it).
///   This can include a wait for the display's next frame (headless Chromium draws at 60 Hz), so
///   it reads higher than the work itself. It was long taken for a floor near 16 ms at p95; it
///   was mostly CodeMirror's drawn cursor, whose blink animation restarted on every key: with the
///   browser's own cursor (session 8) the editor benchmark's p95 went from 22.9 to 15.7 ms and its
///   p50 from 17.9 to 9.1 ms.
/// - work: to the end of the key's input handling (CodeMirror reads the DOM change and dispatches
///   the transaction: the Fountain re-parse, decorations, capitalisation, completion, ghost text),
///   with style and layout forced right after it: a microtask queued by the last `input` listener
///   (on window, bubbling) runs after CodeMirror's mutation-observer flush. (A posted message
///   would often run after the next frame, which Chromium schedules first after an input event.)
/// - frame: the next frame's own work, from its animation-frame callbacks (CodeMirror's measure
///   runs there) to painted: style, layout, paint, commit.
/// work + frame is the time the key costs the editor and the browser; paint − (work + frame) is
/// the wait for the frame. Each key is also tagged with what was streaming when it went down.
import type { Page } from 'playwright-core'

export interface KeyEntry {
  /// The key, as the keydown event names it.
  key: string
  /// When it went down (the page's clock, ms).
  at: number
  paint: number | null
  work: number | null
  frame: number | null
  /// Ghost text was streaming at the cursor when the key went down.
  ghostStreaming: boolean
  /// The Snippets panel was writing when the key went down.
  snippetStreaming: boolean
}

export async function installKeyProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    interface Entry {
      key: string
      at: number
      paint: number | null
      work: number | null
      frame: number | null
      ghostStreaming: boolean
      snippetStreaming: boolean
    }
    const keys: Entry[] = []
    Reflect.set(window, '__keyProbe', keys)
    const afterFrame = new MessageChannel()
    const framePending: [Entry, number, number][] = []
    let typing: [Entry, number] | null = null
    afterFrame.port1.onmessage = () => {
      const pending = framePending.shift()
      if (!pending) return
      const [entry, stamp, frameStart] = pending
      const now = performance.now()
      entry.paint = now - stamp
      entry.frame = now - frameStart
    }
    window.addEventListener('input', () => {
      const current = typing
      typing = null
      if (current === null) return
      queueMicrotask(() => {
        void document.body.getBoundingClientRect().height
        current[0].work = performance.now() - current[1]
      })
    })
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.altKey || event.ctrlKey || event.metaKey) return
        if (event.key.length !== 1 && event.key !== 'Enter') return
        const stamp = event.timeStamp
        const status = document.querySelector('[data-testid="snippet-status"]')?.textContent ?? ''
        const entry: Entry = {
          key: event.key,
          at: stamp,
          paint: null,
          work: null,
          frame: null,
          ghostStreaming: document.querySelector('.cm-ghost-text-streaming') !== null,
          snippetStreaming: status.startsWith('Writing')
        }
        keys.push(entry)
        typing = [entry, stamp]
        requestAnimationFrame(() => {
          framePending.push([entry, stamp, performance.now()])
          afterFrame.port2.postMessage(null)
        })
      },
      true
    )
  })
}

/// Forgets the keys recorded so far.
export async function clearKeyProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    ;(Reflect.get(window, '__keyProbe') as unknown[]).splice(0)
  })
}

/// The keys recorded since the probe was installed or last cleared.
export async function readKeyProbe(page: Page): Promise<KeyEntry[]> {
  return page.evaluate(
    () => JSON.parse(JSON.stringify(Reflect.get(window, '__keyProbe'))) as KeyEntry[]
  )
}

export interface KeyLatencies {
  paint: number[]
  work: number[]
  frame: number[]
  /// work + frame per key that has both: what the key cost, without the wait for the frame.
  cost: number[]
}

export function keyLatencies(entries: readonly KeyEntry[]): KeyLatencies {
  const present = (values: (number | null)[]) => values.filter((value) => value !== null)
  return {
    paint: present(entries.map((entry) => entry.paint)),
    work: present(entries.map((entry) => entry.work)),
    frame: present(entries.map((entry) => entry.frame)),
    cost: present(
      entries.map((entry) =>
        entry.work !== null && entry.frame !== null ? entry.work + entry.frame : null
      )
    )
  }
}

/// How long a benchmark holds each key down. A person's key stays down for 50–120 ms (median
/// near 90 ms at a steady pace), long after the editor has drawn the character. Playwright's
/// `keyboard.type` releases each key at once instead, so its keyup lands a few milliseconds after
/// the key's input work, often just after the key's frame: Chromium then holds every other task
/// until it has drawn a frame for the keyup (rendering goes first after input), the probe's
/// after-frame message included, and the key's "frame" figure gains the idle wait for the next
/// vsync (seen in Chromium traces: 14–18 ms frames that were 4 ms of work and an idle gap).
export const KEY_HOLD_MS = 30

/// Types one key as a person does: down, held for `KEY_HOLD_MS`, up.
export async function typeKey(page: Page, key: string): Promise<void> {
  await page.keyboard.down(key)
  await new Promise((resolve) => setTimeout(resolve, KEY_HOLD_MS))
  await page.keyboard.up(key)
}

/// Between one key's release and the next key: with the key held `KEY_HOLD_MS` and the round trips
/// to the browser, about 20 keys a second, a fast typist's pace.
export const KEY_GAP_MS = 10

/// Types `text` key by key with `typeKey`, until `stop` (asked before each key) says to stop.
export async function typeText(
  page: Page,
  text: string,
  stop?: () => Promise<boolean>
): Promise<void> {
  for (const key of text) {
    if (stop && (await stop())) return
    await typeKey(page, key)
    await new Promise((resolve) => setTimeout(resolve, KEY_GAP_MS))
  }
}
