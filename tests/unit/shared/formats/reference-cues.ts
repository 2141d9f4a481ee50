// Reference count of character cues in IMSDb layout, defined independently of the parser:
// - the action column is the smallest indentation that holds at least 5% of the non-blank lines;
// - a reference cue is a line whose trimmed text has at least two letters and no lower-case letter,
//   at most 40 characters, does not start with "(" and does not end with ":" (transitions), is not
//   (MORE) and holds no CONTINUED, sits at least 10 columns right of the action column, and is
//   followed directly (no blank line) by a non-blank line indented at or right of the action
//   column but less than the cue itself (the dialogue or parenthetical under it; some scripts
//   put dialogue at the action column).
// Flat transcripts (no indentation) and cues separated from their speech by a blank line have no
// reference cues under this definition; the parser handles them but they are not counted.
export interface ReferenceCue {
  line: number
  /// Offset of the cue's first non-space character in the text.
  offset: number
}

export function referenceCues(text: string): ReferenceCue[] {
  const lines = text.split('\n')
  const indentOf = (line: string): number => line.length - line.trimStart().length
  const nonBlank = lines.filter((line) => line.trim() !== '')
  const counts = new Map<number, number>()
  for (const line of nonBlank) counts.set(indentOf(line), (counts.get(indentOf(line)) ?? 0) + 1)
  const actionColumn = Math.min(
    ...[...counts].filter(([, count]) => count >= nonBlank.length * 0.05).map(([indent]) => indent)
  )
  const cues: ReferenceCue[] = []
  let offset = 0
  lines.forEach((line, index) => {
    const trimmed = line.trim()
    const indent = indentOf(line)
    const next = lines[index + 1] ?? ''
    const nextIndent = indentOf(next)
    const isCue =
      trimmed.length <= 40 &&
      (trimmed.match(/[A-Za-z]/g) ?? []).length >= 2 &&
      !/[a-z]/.test(trimmed) &&
      !trimmed.startsWith('(') &&
      !trimmed.endsWith(':') &&
      !/^\(?MORE\)?$|CONTINUED/.test(trimmed) &&
      indent >= actionColumn + 10 &&
      next.trim() !== '' &&
      nextIndent >= actionColumn &&
      nextIndent < indent
    if (isCue) cues.push({ line: index, offset: offset + indent })
    offset += line.length + 1
  })
  return cues
}
