/// Draws one sheet onto a canvas with `fillText`, from the same placed texts as the page view, and
/// saves it as a PNG (the original Script Buddy shared its samples as pictures of a script page).
import type { PageProfile } from '../../../shared/pagination/profile'
import type { Sheet } from './page-lines'

/// CSS pixels per inch: the canvas is the sheet at its on-screen size times `scale`.
export const PIXELS_PER_INCH = 96
/// The page font, as the page view uses it.
export const PAGE_FONT = '12pt "Courier Prime", "Courier New", Courier, monospace'

/// A canvas holding `sheet` drawn at `scale` (2 = twice the on-screen size, for sharp images).
export async function sheetCanvas(
  sheet: Sheet,
  profile: PageProfile,
  scale = 2
): Promise<HTMLCanvasElement> {
  // Canvas text does not wait for web fonts: load Courier Prime first, or it draws in a fallback.
  await document.fonts?.load(PAGE_FONT)
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(profile.pageWidth * PIXELS_PER_INCH * scale)
  canvas.height = Math.round(profile.pageHeight * PIXELS_PER_INCH * scale)
  const context = canvas.getContext('2d')
  if (!context) {
    throw new Error(
      'This browser cannot draw on a canvas, so the page cannot be saved as an image.'
    )
  }
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  // Work in CSS pixels (12 pt = 16 px), the units the font is hinted for.
  context.scale(scale, scale)
  context.font = PAGE_FONT
  context.textBaseline = 'top'
  context.fillStyle = '#111111'
  for (const text of sheet.texts) {
    context.fillText(text.text, text.x * PIXELS_PER_INCH, text.y * PIXELS_PER_INCH)
  }
  return canvas
}

/// The PNG bytes of a canvas.
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) =>
        blob ? resolve(blob) : reject(new Error('The page image could not be encoded as PNG.')),
      'image/png'
    )
  )
}

/// Offers `blob` as a download named `fileName`, through an `<a download>` with a blob URL.
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The click starts the download synchronously; give the browser a moment before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/// `script.fountain`, page 3 → `script-page-3.png`; the title page → `script-title-page.png`.
export function pngFileName(documentName: string, sheet: Sheet): string {
  const base = documentName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '-') || 'script'
  return sheet.number === 0 ? `${base}-title-page.png` : `${base}-page-${sheet.number}.png`
}

/// Draws `sheet` at 2x and downloads it as a PNG.
export async function exportSheetPng(
  sheet: Sheet,
  profile: PageProfile,
  documentName: string
): Promise<void> {
  const canvas = await sheetCanvas(sheet, profile, 2)
  downloadBlob(await canvasPng(canvas), pngFileName(documentName, sheet))
}
