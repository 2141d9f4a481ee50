/// Where the Fountain markup sits on a line (force markers, the dual-dialogue caret, scene
/// numbers, section hashes): the editor dims these characters so the words read as on the page.

import type { ElementType } from '../../../shared/fountain/elements'

/// [from, to) column ranges of markup characters on one line of an element of type `type`.
export function markupRanges(text: string, type: ElementType | 'title-page'): [number, number][] {
  const start = text.length - text.trimStart().length
  const end = text.trimEnd().length
  const first = text[start]
  const ranges: [number, number][] = []
  switch (type) {
    case 'scene-heading': {
      if (first === '.') ranges.push([start, start + 1])
      const number = /\s*#[^#\s]+#\s*$/.exec(text)
      if (number) ranges.push([number.index, end])
      break
    }
    case 'action':
      if (first === '!') ranges.push([start, start + 1])
      break
    case 'character':
      if (first === '@') ranges.push([start, start + 1])
      if (text[end - 1] === '^' && end - 1 > start) ranges.push([end - 1, end])
      break
    case 'transition':
      if (first === '>') ranges.push([start, start + 1])
      break
    case 'centered':
      if (first === '>' && text[end - 1] === '<') ranges.push([start, start + 1], [end - 1, end])
      break
    case 'lyrics':
      if (first === '~') ranges.push([start, start + 1])
      break
    case 'section': {
      const hashes = /^#+/.exec(text.slice(start))
      if (hashes) ranges.push([start, start + hashes[0].length])
      break
    }
    case 'synopsis':
      if (first === '=') ranges.push([start, start + 1])
      break
    default:
      break
  }
  return ranges
}
