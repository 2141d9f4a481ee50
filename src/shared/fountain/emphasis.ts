/// Fountain emphasis: `*italic*`, `**bold**`, `***bold italic***`, `_underline_`, `\*` for a
/// literal star, and inline `[[notes]]`. Element texts keep these markers as written; this turns a
/// text into styled runs for display, export and model input.

/// A stretch of text with one style. `note` marks the inside of an inline `[[note]]`.
export interface StyledRun {
  text: string
  bold: boolean
  italic: boolean
  underline: boolean
  note: boolean
}

interface Style {
  bold: boolean
  italic: boolean
  underline: boolean
  note: boolean
}

/// Splits text into styled runs with the markers removed. A marker that is never closed stays as
/// literal text, as in the Fountain reference parsers.
export function parseEmphasis(text: string): StyledRun[] {
  const runs: StyledRun[] = []
  const style: Style = { bold: false, italic: false, underline: false, note: false }
  let buffer = ''
  const flush = (): void => {
    if (!buffer) return
    const last = runs[runs.length - 1]
    if (last && sameStyle(last, style)) last.text += buffer
    else runs.push({ text: buffer, ...style })
    buffer = ''
  }
  let index = 0
  while (index < text.length) {
    const char = text[index]
    if (char === '\\' && index + 1 < text.length && '*_\\['.includes(text[index + 1])) {
      buffer += text[index + 1]
      index += 2
      continue
    }
    if (!style.note && text.startsWith('[[', index) && text.indexOf(']]', index + 2) >= 0) {
      flush()
      style.note = true
      index += 2
      continue
    }
    if (style.note && text.startsWith(']]', index)) {
      flush()
      style.note = false
      index += 2
      continue
    }
    if (char === '_' && !style.note) {
      if (style.underline || text.indexOf('_', index + 1) >= 0) {
        flush()
        style.underline = !style.underline
        index++
        continue
      }
    }
    if (char === '*' && !style.note) {
      let length = 1
      while (length < 3 && text[index + length] === '*') length++
      if (toggleStars(text, index, length, style, flush)) {
        index += length
        continue
      }
    }
    buffer += char
    index++
  }
  flush()
  return runs
}

// Opens or closes italic (1 star), bold (2) or both (3); false when the stars are literal.
function toggleStars(
  text: string,
  index: number,
  length: number,
  style: Style,
  flush: () => void
): boolean {
  const marker = '*'.repeat(length)
  const closes =
    (length === 1 && style.italic) ||
    (length === 2 && style.bold) ||
    (length === 3 && style.bold && style.italic)
  if (!closes && text.indexOf(marker, index + length) < 0) return false
  flush()
  if (length !== 2) style.italic = !style.italic
  if (length !== 1) style.bold = !style.bold
  return true
}

function sameStyle(a: Style, b: Style): boolean {
  return (
    a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.note === b.note
  )
}

/// The text with emphasis markers and inline notes removed: what prints on the page.
export function plainText(text: string): string {
  return parseEmphasis(text)
    .filter((run) => !run.note)
    .map((run) => run.text)
    .join('')
}
