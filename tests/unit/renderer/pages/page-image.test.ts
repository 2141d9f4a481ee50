// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LETTER } from '../../../../src/shared/pagination/profile'
import type { Sheet } from '../../../../src/renderer/src/pages/page-lines'
import {
  pngFileName,
  sheetCanvas,
  PIXELS_PER_INCH
} from '../../../../src/renderer/src/pages/page-image'

const sheet: Sheet = {
  number: 3,
  name: 'Page 3',
  texts: [
    { text: '3.', kind: 'page-number', x: 7.3, y: 0.5 },
    { text: 'INT. ATTIC - NIGHT', kind: 'scene-heading', x: 1.5, y: 1 },
    { text: 'NORA', kind: 'character', x: 3.7, y: 1 + 2 / 6 }
  ]
}

interface CanvasLike {
  width: number
  height: number
  getContext: (kind: string) => unknown
}

function canvasPrototype(): CanvasLike {
  const canvasClass = Reflect.get(globalThis, 'HTMLCanvasElement') as { prototype: CanvasLike }
  return canvasClass.prototype
}

describe('sheetCanvas', () => {
  afterEach(() => vi.restoreAllMocks())

  it('draws every placed text with fillText at 2x, in Courier Prime on white', async () => {
    // A fake 2D context (unit test only: jsdom draws nothing) that records the calls.
    const calls: unknown[][] = []
    const context = {
      font: '',
      fillStyle: '',
      textBaseline: '',
      fillRect: (...args: unknown[]) => calls.push(['fillRect', ...args]),
      scale: (...args: unknown[]) => calls.push(['scale', ...args]),
      fillText: (...args: unknown[]) => calls.push(['fillText', ...args])
    }
    vi.spyOn(canvasPrototype(), 'getContext').mockReturnValue(context)
    const canvas = (await sheetCanvas(sheet, LETTER, 2)) as unknown as CanvasLike
    expect([canvas.width, canvas.height]).toEqual([8.5 * 96 * 2, 11 * 96 * 2])
    expect(calls[0]).toEqual(['fillRect', 0, 0, 1632, 2112])
    expect(calls[1]).toEqual(['scale', 2, 2])
    expect(calls.slice(2)).toEqual(
      sheet.texts.map((text) => [
        'fillText',
        text.text,
        text.x * PIXELS_PER_INCH,
        text.y * PIXELS_PER_INCH
      ])
    )
    expect(context.font).toContain('12pt "Courier Prime"')
    expect(context.textBaseline).toBe('top')
  })

  it('says so when the browser cannot draw', async () => {
    vi.spyOn(canvasPrototype(), 'getContext').mockReturnValue(null)
    await expect(sheetCanvas(sheet, LETTER)).rejects.toThrow(/cannot draw on a canvas/)
  })
})

describe('pngFileName', () => {
  it('names the file after the document and the page', () => {
    expect(pngFileName('The Long Watch.fountain', sheet)).toBe('The-Long-Watch-page-3.png')
    expect(pngFileName('draft.fdx', { ...sheet, number: 0 })).toBe('draft-title-page.png')
    expect(pngFileName('', sheet)).toBe('script-page-3.png')
  })
})
