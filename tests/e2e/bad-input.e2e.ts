// Bad input in browser mode, as the writer meets it: a binary file, a file over 50 MB, text that is
// not UTF-8, a broken Final Draft file (each opened by path and uploaded), and saves to paths that
// cannot be written. Each must show a message saying what went wrong and what to do, and the
// script being written must stay in the editor, unchanged and still marked unsaved.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useAppInChromium } from '../support/app-in-chromium'
import { chromiumMissingReason } from '../support/chromium'
import { rendererMissingReason, SCREENSHOT_DIR } from '../support/browser-mode'

const skipReason = chromiumMissingReason() ?? rendererMissingReason()
if (skipReason) console.warn(`[e2e] bad input skipped: ${skipReason}`)

const TYPED =
  'INT. ATTIC - NIGHT\n\nMara counts the boxes twice. One is missing.\n\nMARA\nIt was here.\n'

describe.skipIf(skipReason !== null)('bad input in browser mode', () => {
  const running = useAppInChromium()
  const dir = mkdtempSync(join(tmpdir(), 'sb-bad-input-'))
  let page: Page

  // Files on the machine running Script Buddy (browser mode opens by path there) and uploads.
  const binary = join(dir, 'poster.fountain')
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))
  // Sparse: 51 MB on paper, no disk used. The size check must refuse it before reading.
  const huge = join(dir, 'huge.fountain')
  writeFileSync(huge, '')
  truncateSync(huge, 51 * 1024 * 1024)
  // "INT. CAFÉ - DAY / Renée pays." in Windows-1252: É = 0xC9, é = 0xE9, not valid UTF-8.
  const latin = join(dir, 'cafe.fountain')
  writeFileSync(
    latin,
    Buffer.concat([
      Buffer.from('INT. CAF'),
      Buffer.from([0xc9]),
      Buffer.from(' - DAY\n\nRen'),
      Buffer.from([0xe9]),
      Buffer.from('e pays.\n')
    ])
  )
  const brokenFdx = join(dir, 'broken.fdx')
  writeFileSync(
    brokenFdx,
    '<?xml version="1.0"?><FinalDraft DocumentType="Script"><Content>' +
      '<Paragraph Type="Action"><Text>Half a line</Paragraph></Content></FinalDraft>'
  )
  // A file where a folder should be: saving to blocker/script.fountain cannot work.
  const blocker = join(dir, 'blocker')
  writeFileSync(blocker, 'not a folder')
  // A folder the server may not write. Root ignores permission bits, so as root use sysfs, which
  // refuses new files even to root.
  const readOnlyDir = process.getuid?.() === 0 ? '/sys' : join(dir, 'read-only')
  if (readOnlyDir !== '/sys') {
    mkdirSync(readOnlyDir)
    chmodSync(readOnlyDir, 0o555)
  }
  afterAll(() => {
    if (readOnlyDir !== '/sys') chmodSync(readOnlyDir, 0o755)
  })

  async function editorText(): Promise<string> {
    return page.locator('.cm-content').innerText()
  }

  async function dismissNotice(): Promise<void> {
    const notice = page.getByTestId('notice')
    if (await notice.isVisible()) await notice.getByRole('button', { name: 'Dismiss' }).click()
    await notice.waitFor({ state: 'hidden' })
  }

  async function noticeText(): Promise<string> {
    const notice = page.getByTestId('notice')
    await notice.waitFor()
    return notice.innerText()
  }

  // The script being written is still the open tab, every typed line is there, and it is still
  // marked unsaved (window title and tab).
  async function expectTypedTextKept(): Promise<void> {
    await expect.poll(() => page.title()).toBe('• Untitled — Script Buddy')
    const text = await editorText()
    for (const line of TYPED.split('\n').filter(Boolean)) expect(text).toContain(line)
  }

  async function openByPath(path: string): Promise<void> {
    await page.getByTestId('open-document').click()
    await page.getByTestId('path-input').fill(path)
    await page.getByTestId('path-submit').click()
  }

  async function upload(path: string): Promise<void> {
    await page.getByTestId('open-document').click()
    await page.getByTestId('upload-input').setInputFiles(path)
  }

  async function saveAs(path: string): Promise<void> {
    await page.getByTestId('save-as-document').click()
    await page.getByTestId('path-input').fill(path)
    await page.getByTestId('path-submit').click()
  }

  it('types a scene into the new script', async () => {
    page = await running.browser.newPage({ viewport: { width: 1280, height: 860 } })
    await page.goto(running.app.server.appUrl)
    await page.getByTestId('app-shell').waitFor()
    await page.locator('.cm-content').click()
    await page.keyboard.insertText(TYPED)
    await expectTypedTextKept()
  })

  it('refuses a binary file, opened by path or uploaded', async () => {
    await openByPath(binary)
    expect(await noticeText()).toMatch(/poster\.fountain is a binary file .*Import a \.fountain/)
    await expectTypedTextKept()
    await dismissNotice()

    await upload(binary)
    expect(await noticeText()).toMatch(/poster\.fountain is a binary file/)
    await expectTypedTextKept()
    await dismissNotice()
  })

  it('refuses a file over 50 MB without reading it, opened by path or uploaded', async () => {
    await openByPath(huge)
    expect(await noticeText()).toMatch(/huge\.fountain is 51 MB; scripts over 50 MB are not opened/)
    await expectTypedTextKept()
    await dismissNotice()

    await upload(huge)
    expect(await noticeText()).toMatch(/huge\.fountain is over 50 MB/)
    await expectTypedTextKept()
    await dismissNotice()
  })

  it('refuses malformed Final Draft XML, naming the file and the place it breaks', async () => {
    await openByPath(brokenFdx)
    expect(await noticeText()).toMatch(
      /broken\.fdx: This file is not well-formed XML: .*<\/Paragraph>.* at line 1, column \d+\. Open it in the program that wrote it/
    )
    await expectTypedTextKept()
    await dismissNotice()

    await upload(brokenFdx)
    expect(await noticeText()).toMatch(/broken\.fdx: This file is not well-formed XML/)
    await expectTypedTextKept()
    await dismissNotice()
  })

  it('opens invalid UTF-8 as Windows-1252 in a new tab and says so', async () => {
    await openByPath(latin)
    expect(await noticeText()).toMatch(
      /cafe\.fountain is not valid UTF-8 \(first bad byte at offset 8\), so it was read as Windows-1252/
    )
    await expect.poll(() => page.title()).toBe('cafe.fountain — Script Buddy')
    await expect.poll(editorText).toContain('INT. CAFÉ - DAY')
    expect(await editorText()).toContain('Renée pays.')
    await dismissNotice()

    await page.getByRole('button', { name: '• Untitled' }).click()
    await expectTypedTextKept()
  })

  it('reports a save into a path whose folder is a file, and keeps the text unsaved', async () => {
    await saveAs(join(blocker, 'attic.fountain'))
    expect(await noticeText()).toMatch(
      /attic\.fountain cannot be saved: part of that path is a file, not a folder\. Choose another folder with Save As; your text is still open here\./
    )
    await expectTypedTextKept()
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder')
    await dismissNotice()
  })

  it('reports a save into a folder it may not write, and keeps the text unsaved', async () => {
    const target = join(readOnlyDir, 'attic.fountain')
    expect(() => writeFileSync(target, 'probe'), `${readOnlyDir} must refuse writes`).toThrow()
    await saveAs(target)
    expect(await noticeText()).toMatch(
      /You don't have permission to write .*attic\.fountain\. Choose another folder with Save As; your text is still open here\./
    )
    await expectTypedTextKept()
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'bad-input-unwritable-save.png') })
    await dismissNotice()
  })

  it('after all that, saves the typed text in full to a good path', async () => {
    const good = join(dir, 'attic.fountain')
    await saveAs(good)
    await expect.poll(() => page.title()).toBe('attic.fountain — Script Buddy')
    expect(readFileSync(good, 'utf8')).toBe(TYPED)
    await page.close()
  })
})
