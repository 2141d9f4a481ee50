/// The printed title page (afterwriting's layout, docs/screenplay-format.md §4.7): title, credit,
/// author and source centered from 3.5 in down; notes and copyright bottom left; draft date and
/// contact bottom right.
import type { TitlePageEntry } from '../fountain/elements'
import { plainText } from '../formats/emphasis'
import type { PageProfile } from './profile'
import type { TitlePageLine } from './types'
import { wrapText } from './wrap'

const centeredKeys = ['title', 'credit', 'author', 'authors', 'source']
const leftKeys = ['notes', 'copyright']

function entryLines(entry: TitlePageEntry, width: number): string[] {
  return entry.lines.flatMap((line) => wrapText(plainText(line).trim(), width))
}

/// Rows of the title page; null when there are no entries to print.
export function layoutTitlePage(
  entries: TitlePageEntry[],
  profile: PageProfile
): TitlePageLine[] | null {
  const printable = entries.filter((entry) => entry.lines.some((line) => line.trim() !== ''))
  if (printable.length === 0) return null
  const width = profile.bodyWidth
  const lines: TitlePageLine[] = []
  const key = (entry: TitlePageEntry): string => entry.key.trim().toLowerCase()

  let row = Math.round((profile.titleTopInches - profile.marginTop) * profile.linesPerInch)
  const centered = centeredKeys.flatMap((name) => printable.filter((entry) => key(entry) === name))
  for (const entry of centered) {
    for (const text of entryLines(entry, width)) {
      lines.push({ text, row, indent: Math.floor((width - text.length) / 2) })
      row += 1
    }
    row += 1
  }

  const half = Math.floor(width / 2) - 1
  const left = printable.filter((entry) => leftKeys.includes(key(entry)))
  const right = printable.filter(
    (entry) => !centeredKeys.includes(key(entry)) && !leftKeys.includes(key(entry))
  )
  const bottom = profile.linesPerPage - 1
  const placeBlock = (block: TitlePageEntry[], side: 'left' | 'right'): void => {
    const texts = block.flatMap((entry, index) => [
      ...(index > 0 ? [''] : []),
      ...entryLines(entry, half)
    ])
    const blockWidth = Math.max(0, ...texts.map((text) => text.length))
    const indent = side === 'left' ? 0 : width - blockWidth
    const first = Math.max(row, bottom - texts.length + 1)
    texts.forEach((text, index) => {
      if (text !== '') lines.push({ text, row: first + index, indent })
    })
  }
  placeBlock(left, 'left')
  placeBlock(right, 'right')
  return lines.sort((a, b) => a.row - b.row || a.indent - b.indent)
}
