/// Fountain emphasis markup (`*italic*`, `**bold**`, `***bold italic***`, `_underline_`, `\*` and
/// `\_` escapes, inline `[[notes]]`) to styled runs and back. The one emphasis parser: FDX
/// import/export (Text Style attributes), pagination and the PDF (plain text and styles), the
/// outline and the AI context (plain text).

/// A stretch of text with one style. `note` marks the inside of an inline `[[note]]` (only when
/// `parseEmphasis` is asked for notes).
export interface StyledRun {
  text: string
  bold?: boolean
  italic?: boolean
  underline?: boolean
  note?: boolean
}

interface Style {
  bold: boolean
  italic: boolean
  underline: boolean
  note: boolean
}

export interface EmphasisOptions {
  /// Report inline `[[notes]]` as runs with `note: true` (markup inside them stays literal).
  /// Off by default: FDX keeps notes as text, and `plainText` removes them first.
  notes?: boolean
}

function sameStyle(a: StyledRun, b: Style): boolean {
  return (
    !!a.bold === b.bold &&
    !!a.italic === b.italic &&
    !!a.underline === b.underline &&
    !!a.note === b.note
  )
}

function pushText(runs: StyledRun[], text: string, style: Style): void {
  if (text === '') return
  const last = runs[runs.length - 1]
  if (last && sameStyle(last, style)) {
    last.text += text
    return
  }
  const run: StyledRun = { text }
  if (style.bold) run.bold = true
  if (style.italic) run.italic = true
  if (style.underline) run.underline = true
  if (style.note) run.note = true
  runs.push(run)
}

// True when an unescaped `marker` occurs at or after `from`.
function hasCloser(text: string, marker: string, from: number): boolean {
  let at = text.indexOf(marker, from)
  while (at >= 0) {
    if (text[at - 1] !== '\\') return true
    at = text.indexOf(marker, at + 1)
  }
  return false
}

/// Splits Fountain emphasis markup into styled runs. Markers without a partner stay literal text.
export function parseEmphasis(text: string, options: EmphasisOptions = {}): StyledRun[] {
  const runs: StyledRun[] = []
  const style: Style = { bold: false, italic: false, underline: false, note: false }
  let buffer = ''
  const flush = (): void => {
    pushText(runs, buffer, style)
    buffer = ''
  }
  let index = 0
  while (index < text.length) {
    const char = text[index]
    if (options.notes && !style.note && text.startsWith('[[', index)) {
      if (text.indexOf(']]', index + 2) >= 0) {
        flush()
        style.note = true
        index += 2
        continue
      }
    }
    if (style.note) {
      // Inside a note everything is literal up to its `]]`.
      if (text.startsWith(']]', index)) {
        flush()
        style.note = false
        index += 2
      } else {
        buffer += char
        index += 1
      }
      continue
    }
    if (char === '\\' && (text[index + 1] === '*' || text[index + 1] === '_')) {
      buffer += text[index + 1]
      index += 2
    } else if (char === '_') {
      if (style.underline || hasCloser(text, '_', index + 1)) {
        flush()
        style.underline = !style.underline
      } else buffer += '_'
      index += 1
    } else if (char === '*') {
      let end = index
      while (text[end] === '*') end += 1
      let remaining = end - index
      while (remaining > 0) {
        // Close what is open first (innermost), then open what has a partner later on.
        if (remaining >= 3 && style.bold && style.italic) {
          flush()
          style.bold = style.italic = false
          remaining -= 3
        } else if (remaining >= 2 && style.bold) {
          flush()
          style.bold = false
          remaining -= 2
        } else if (style.italic) {
          flush()
          style.italic = false
          remaining -= 1
        } else if (remaining >= 3 && hasCloser(text, '***', end)) {
          flush()
          style.bold = style.italic = true
          remaining -= 3
        } else if (remaining >= 2 && !style.bold && hasCloser(text, '**', end)) {
          flush()
          style.bold = true
          remaining -= 2
        } else if (hasCloser(text, '*', end)) {
          flush()
          style.italic = true
          remaining -= 1
        } else {
          buffer += '*'
          remaining -= 1
        }
      }
      index = end
    } else {
      buffer += char
      index += 1
    }
  }
  flush()
  return runs
}

function escapeMarkup(text: string): string {
  return text.replace(/[*_]/g, (marker) => `\\${marker}`)
}

/// Writes styled runs as Fountain markup; `parseEmphasis(formatEmphasis(runs))` gives the runs back.
export function formatEmphasis(runs: StyledRun[]): string {
  let out = ''
  for (const run of runs) {
    if (run.note) {
      out += `[[${run.text}]]`
      continue
    }
    let text = escapeMarkup(run.text)
    if (run.bold && run.italic) text = `***${text}***`
    else if (run.bold) text = `**${text}**`
    else if (run.italic) text = `*${text}*`
    if (run.underline) text = `_${text}_`
    out += text
  }
  return out
}

/// The text without inline `[[notes]]`.
export function withoutNotes(text: string): string {
  return text.includes('[[') ? text.replace(/\s*\[\[[\s\S]*?\]\]/g, '') : text
}

/// The text without emphasis markers and without inline `[[notes]]`: what is printed.
export function plainText(text: string): string {
  const visible = withoutNotes(text)
  if (!/[*_\\]/.test(visible)) return visible
  return parseEmphasis(visible)
    .map((run) => run.text)
    .join('')
}
