/// Word-wrap and sentence boundaries for fixed-pitch layout.

/// Greedy word-wrap to `width` characters. Hard line breaks in the text are kept; words longer than
/// a line are cut; leading spaces of a hard line are kept (Fountain's indented action).
export function wrapText(text: string, width: number): string[] {
  const rows: string[] = []
  for (const hardLine of text.replace(/\t/g, '    ').split('\n')) {
    const trimmedEnd = hardLine.replace(/\s+$/, '')
    if (trimmedEnd === '') {
      rows.push('')
      continue
    }
    const lead = /^ */.exec(trimmedEnd)?.[0] ?? ''
    let row = lead.length < width ? lead : ''
    let rowHasWord = false
    for (const word of trimmedEnd.slice(lead.length).split(/ +/)) {
      if (word === '') continue
      let rest = word
      while (rest.length > 0) {
        const needed = rowHasWord ? row.length + 1 + rest.length : row.length + rest.length
        if (needed <= width) {
          row = rowHasWord ? `${row} ${rest}` : row + rest
          rowHasWord = true
          rest = ''
        } else if (rowHasWord) {
          rows.push(row)
          row = ''
          rowHasWord = false
        } else {
          // A word longer than the line: cut it.
          const room = Math.max(1, width - row.length)
          rows.push(row + rest.slice(0, room))
          rest = rest.slice(room)
          row = ''
        }
      }
    }
    if (rowHasWord || row !== '') rows.push(row)
  }
  return rows
}

const sentenceEnd = /[.!?]+["'”’)\]]*(?=\s)|\n/g

/// Offsets where a sentence ends and the next begins (after the whitespace), ascending. Hard line
/// breaks count as boundaries.
export function sentenceBoundaries(text: string): number[] {
  const offsets: number[] = []
  sentenceEnd.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = sentenceEnd.exec(text)) !== null) {
    let next = match.index + match[0].length
    while (next < text.length && /\s/.test(text[next])) next += 1
    if (next < text.length && next > 0) offsets.push(next)
    if (match[0].length === 0) sentenceEnd.lastIndex += 1
  }
  return [...new Set(offsets)]
}

/// Offsets where each wrapped row after the first starts, for breaking anywhere between rows.
export function rowBoundaries(text: string, width: number): number[] {
  const offsets: number[] = []
  let consumed = 0
  const rows = wrapText(text, width)
  for (let index = 0; index < rows.length - 1; index += 1) {
    const row = rows[index].trim()
    const at = row === '' ? -1 : text.indexOf(row, consumed)
    if (at < 0) continue
    consumed = at + row.length
    let next = consumed
    while (next < text.length && /\s/.test(text[next])) next += 1
    if (next < text.length) offsets.push(next)
  }
  return offsets
}
