import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { parseFountain } from '../../src/shared/fountain/parse-fountain'
import { paginate } from '../../src/shared/pagination/paginate'
import { scriptLength } from '../../src/shared/pagination/timing'
import { longScript, longScriptScene } from '../benchmarks/long-script'
import { useAppInChromium } from '../support/app-in-chromium'
import { chromiumMissingReason } from '../support/chromium'
import { rendererMissingReason, SCREENSHOT_DIR } from '../support/browser-mode'

const skipReason = chromiumMissingReason() ?? rendererMissingReason()
if (skipReason) console.warn(`[e2e] editor skipped: ${skipReason}`)

const FIXTURE = fileURLToPath(new URL('../fixtures/scripts/lighthouse.fountain', import.meta.url))
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

describe.skipIf(skipReason !== null)('screenplay editor in browser mode', () => {
  const session = useAppInChromium()
  let page: Page
  const errors: string[] = []
  const root = mkdtempSync(join(tmpdir(), 'sb-editor-'))
  const longPath = join(root, 'long-watch.fountain')
  // 40 invented scenes: several pages, with speeches split by (MORE)/(CONT'D).
  const longText = longScript(40)
  const longPagination = paginate(parseFountain(longText))

  beforeAll(async () => {
    writeFileSync(longPath, longText)
    page = await session.browser.newPage({
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(session.app.server.appUrl)
    await page.getByTestId('app-shell').waitFor()
  })

  async function openThroughDialog(path: string): Promise<void> {
    await page.getByTestId('open-document').click()
    await page.getByTestId('path-input').fill(path)
    await page.getByTestId('path-submit').click()
  }

  // The rendered editor lines: class list and the left edge of their text, in CSS pixels.
  async function renderedLines(): Promise<{ text: string; classes: string; left: number }[]> {
    return page.locator('.cm-content .cm-line').evaluateAll((lines) =>
      lines.map((line) => {
        const element = line as HTMLElement
        const style = getComputedStyle(element)
        return {
          text: element.innerText.replace(/\n$/, ''),
          classes: element.className,
          left: element.getBoundingClientRect().left + parseFloat(style.paddingLeft)
        }
      })
    )
  }

  it('opens a sample through the Open dialog and lists its scenes, cast and pages', async () => {
    await openThroughDialog(FIXTURE)
    await expect.poll(() => page.title()).toBe('lighthouse.fountain — Script Buddy')
    const scenes = page.getByTestId('scene-item')
    await expect.poll(() => scenes.allInnerTexts()).toHaveLength(2)
    const sceneTexts = await scenes.allInnerTexts()
    expect(sceneTexts[0]).toContain('INT. LIGHTHOUSE - LAMP ROOM - NIGHT')
    expect(sceneTexts[1]).toContain('EXT. OPEN SEA - CONTINUOUS')
    // ELSA, RADIO and CAPTAIN BRANN speak once each; RADIO's block is one line, ELSA's two.
    await expect
      .poll(() => page.getByTestId('cast-item').allInnerTexts())
      .toEqual([
        expect.stringMatching(/^ELSA\s+1 speech · 2 lines$/),
        expect.stringMatching(/^CAPTAIN BRANN\s+1 speech · 1 line$/),
        expect.stringMatching(/^RADIO\s+1 speech · 1 line$/)
      ])
    const expected = paginate(parseFountain(readFileSync(FIXTURE, 'utf8')))
    await expect
      .poll(() => page.getByTestId('page-count').innerText())
      .toBe(`${expected.pages.length} page`)
    await expect
      .poll(() => page.getByTestId('script-length').innerText())
      .toBe(`${scriptLength(expected).label} pages`)
  })

  it('types a scene with the element keys: capitals, indents, and a cast completion', async () => {
    await page.getByTestId('new-document').click()
    await expect.poll(() => page.title()).toMatch(/^Untitled( \d+)? — Script Buddy$/)
    await expect.poll(() => page.getByTestId('scene-list').innerText()).toBe('')
    const editor = page.locator('.cm-content')
    await editor.click()
    await page.keyboard.type('int. galley - night')
    await expect.poll(() => editor.innerText()).toContain('INT. GALLEY - NIGHT')
    // Close the time-of-day list (NIGHT is typed out already), so Enter ends the heading.
    await page.keyboard.press('Escape')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Mara stirs a pot of something grey.')
    // Enter ends an action paragraph with a blank line, ready for the next element.
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    await page.keyboard.type('mara')
    await page.keyboard.press('Enter')
    await page.keyboard.type('It needs salt. It always needs salt.')
    await page.keyboard.press('Enter')
    await page.keyboard.type('She tastes it anyway.')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    await page.keyboard.type('ma')
    // The cue completion offers the cast; Enter accepts it.
    const list = page.locator('.cm-tooltip-autocomplete')
    await list.getByText('MARA').waitFor()
    // The list may also offer the half-typed cue itself ("MA"): move down to MARA.
    for (let step = 0; step < 5; step++) {
      const selected = await list.locator('li[aria-selected]').innerText()
      if (selected.startsWith('MARA')) break
      await page.keyboard.press('ArrowDown')
    }
    expect(await list.locator('li[aria-selected]').innerText()).toMatch(/^MARA/)
    // CodeMirror ignores Enter for its interaction delay (75 ms) after the list opens, so a key
    // meant for the line is not swallowed; a writer reads the list for longer than that.
    await page.waitForTimeout(250)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Who took the salt?')

    await expect
      .poll(async () => (await renderedLines()).map((line) => line.text))
      .toEqual([
        'INT. GALLEY - NIGHT',
        '',
        'Mara stirs a pot of something grey.',
        '',
        'MARA',
        'It needs salt. It always needs salt.',
        '',
        'She tastes it anyway.',
        '',
        expect.stringMatching(/^@?MARA$/),
        'Who took the salt?'
      ])
    const lines = await renderedLines()
    const classOf = (index: number): string =>
      lines[index].classes.split(/\s+/).find((name) => name.startsWith('cm-sb-')) ?? ''
    expect([0, 2, 4, 5, 7, 9, 10].map(classOf)).toEqual([
      'cm-sb-scene-heading',
      'cm-sb-action',
      'cm-sb-character',
      'cm-sb-dialogue',
      'cm-sb-action',
      'cm-sb-character',
      'cm-sb-dialogue'
    ])
    const [heading, action, cue, dialogue] = [0, 2, 4, 5].map((index) => lines[index].left)
    expect(cue).toBeGreaterThan(dialogue)
    expect(dialogue).toBeGreaterThan(action)
    expect(action).toBe(heading)
    // 96 CSS pixels per inch: cue 2.2 in and dialogue 1.0 in from the action margin.
    expect(cue - action).toBeCloseTo(2.2 * 96, 0)
    expect(dialogue - action).toBeCloseTo(96, 0)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'editor-typed-scene.png') })

    // A selection shows on the page: the browser draws it over the text. (CodeMirror's drawn
    // selection sat in a layer under the page's white background, where nobody could see it.)
    await page.locator('.cm-line.cm-sb-scene-heading').first().click()
    await page.keyboard.press('Home')
    for (let step = 0; step < 5; step++) await page.keyboard.press('ArrowRight')
    for (let step = 0; step < 6; step++) await page.keyboard.press('Shift+ArrowRight')
    expect(await page.evaluate(() => getSelection()?.toString())).toBe('GALLEY')
    const rect = await page.evaluate(() => {
      const box = getSelection()!.getRangeAt(0).getBoundingClientRect()
      return { x: box.x, y: box.y, width: box.width, height: box.height }
    })
    await page.waitForTimeout(100)
    const selected = await page.screenshot({ clip: rect })
    await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(100)
    const unselected = await page.screenshot({ clip: rect })
    const changedShare = await page.evaluate(
      async ([a, b]) => {
        const pixels = async (base64: string) => {
          const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
          const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
          const canvas = new OffscreenCanvas(image.width, image.height)
          const context = canvas.getContext('2d')!
          context.drawImage(image, 0, 0)
          return context.getImageData(0, 0, image.width, image.height).data
        }
        const [first, second] = [await pixels(a), await pixels(b)]
        let changed = 0
        for (let index = 0; index < first.length; index += 4) {
          const delta = [0, 1, 2].map((channel) =>
            Math.abs(first[index + channel] - second[index + channel])
          )
          if (Math.max(...delta) > 40) changed++
        }
        return changed / (first.length / 4)
      },
      [selected.toString('base64'), unselected.toString('base64')] as const
    )
    // A highlight changes most of the word's box; a caret alone, a sliver of it.
    expect(changedShare).toBeGreaterThan(0.3)
  })

  it('jumps to a scene from the navigator and highlights the scene at the cursor', async () => {
    await openThroughDialog(longPath)
    await expect.poll(() => page.title()).toBe('long-watch.fountain — Script Buddy')
    const scenes = page.getByTestId('scene-item')
    await expect.poll(() => scenes.count()).toBe(40)
    // Each scene's length in eighths is shown once the script is paginated.
    await expect.poll(() => scenes.nth(0).locator('.scene-length').innerText()).toMatch(/^\d/)
    const target = scenes.nth(29)
    const headingText = longScriptScene(29).split('\n')[0]
    expect(await target.innerText()).toContain(headingText)
    await target.click()
    await expect.poll(() => target.getAttribute('aria-current')).toBe('true')
    await expect.poll(() => scenes.nth(0).getAttribute('aria-current')).toBeNull()
    // The heading is in view in the editor, near the top of the workspace.
    const heading = page.locator('.cm-line', { hasText: headingText })
    await heading.waitFor()
    const box = await heading.boundingBox()
    const workspace = await page.locator('main.workspace').first().boundingBox()
    expect(box && workspace).toBeTruthy()
    expect(box!.y).toBeGreaterThanOrEqual(workspace!.y)
    expect(box!.y + box!.height).toBeLessThanOrEqual(workspace!.y + workspace!.height)
    // Typing goes in at the jumped-to heading.
    await page.keyboard.press('End')
    await page.keyboard.type(' X')
    await expect.poll(() => heading.innerText()).toContain(`${headingText} X`)
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Backspace')
    await expect
      .poll(() => page.getByTestId('page-count').innerText())
      .toBe(`${longPagination.pages.length} pages`)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'editor-panels.png') })
  })

  it('shows the script as pages and exports a page as a PNG', async () => {
    await page.getByTestId('view-pages').click()
    const sheets = page.getByTestId('page-sheet')
    // The title page, then every page the engine laid out.
    await expect.poll(() => sheets.count()).toBe(longPagination.pages.length + 1)
    expect(await sheets.nth(0).getAttribute('data-page')).toBe('0')
    // Off-screen sheets skip rendering (content-visibility), so read their text content.
    expect(await sheets.nth(0).textContent()).toContain('The Long Watch')
    const first = sheets.nth(1)
    expect(await first.locator('.sheet-page-number').count()).toBe(0)
    expect(await sheets.nth(2).locator('.sheet-page-number').textContent()).toBe('2.')
    const size = await first.evaluate((sheet) => {
      const rect = sheet.getBoundingClientRect()
      return { width: rect.width, height: rect.height, font: getComputedStyle(sheet).fontFamily }
    })
    expect(size.width).toBeCloseTo(8.5 * 96, 0)
    expect(size.height).toBeCloseTo(11 * 96, 0)
    expect(size.font).toContain('Courier Prime')
    // (MORE) and (CONT'D) rows appear exactly where the engine put them.
    const moreRows = longPagination.pages.flatMap((laid) => laid.lines.filter((line) => line.more))
    expect(moreRows.length).toBeGreaterThan(0)
    await expect.poll(() => page.locator('.sheet-more').count()).toBe(moreRows.length)
    const contd = page.locator('.sheet-character', { hasText: "(CONT'D)" })
    await expect.poll(() => contd.count()).toBe(moreRows.length)
    // A scene heading sits at the action margin (1.5 in), a cue at 3.7 in from the paper edge.
    const offsets = await first.evaluate((sheet) => {
      const left = sheet.getBoundingClientRect().left
      const at = (selector: string): number =>
        (sheet.querySelector(selector) as HTMLElement).getBoundingClientRect().left - left
      return { heading: at('.sheet-scene-heading'), cue: at('.sheet-character') }
    })
    expect(offsets.heading).toBeCloseTo(1.5 * 96, 0)
    expect(offsets.cue).toBeCloseTo(3.7 * 96, 0)
    await page.locator('.page-workspace').evaluate((workspace) => workspace.scrollTo(0, 0))
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'page-view-page-1.png') })

    await page.getByTestId('page-select').selectOption('2')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-png').click()
    ])
    expect(download.suggestedFilename()).toBe('long-watch-page-2.png')
    const saved = join(SCREENSHOT_DIR, 'exported-page-2.png')
    await download.saveAs(saved)
    const png = readFileSync(saved)
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE)
    // IHDR: width and height at 2x of 8.5 × 11 in at 96 px per inch.
    expect(png.readUInt32BE(16)).toBe(1632)
    expect(png.readUInt32BE(20)).toBe(2112)
    // A page of text compresses to tens of kilobytes; a blank page to far less.
    expect(png.length).toBeGreaterThan(20_000)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'page-view.png') })

    // Choosing a scene in the navigator goes back to the editor, at that scene.
    const headingText = longScriptScene(11).split('\n')[0]
    await page.getByTestId('scene-item').nth(11).click()
    await expect.poll(() => page.getByTestId('page-view').count()).toBe(0)
    const heading = page.locator('.cm-line', { hasText: headingText })
    await heading.waitFor()
    const box = await heading.boundingBox()
    const workspace = await page.locator('main.workspace').first().boundingBox()
    expect(box!.y).toBeGreaterThanOrEqual(workspace!.y)
    expect(box!.y + box!.height).toBeLessThanOrEqual(workspace!.y + workspace!.height)
    expect(errors).toEqual([])
  })
})
