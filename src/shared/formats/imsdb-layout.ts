/// Screenplay → IMSDb-style indented layout: the format adapter for models trained on IMSDb text
/// (docs/architecture.md "Models"). `imsdbToScreenplay` reads it back.
import type { Screenplay } from '../fountain/elements'
import { wrapText } from '../pagination/wrap'
import { plainText } from './emphasis'

/// Columns of the layout (characters from the left edge), as in the corpus README's example.
export const IMSDB_LAYOUT = {
  action: { indent: 0, width: 60 },
  dialogue: { indent: 10, width: 35 },
  parenthetical: { indent: 15, width: 25 },
  character: { indent: 20, width: 40 },
  /// Transitions end at this column.
  transitionEnd: 60
} as const

function indented(text: string, column: { indent: number; width: number }): string[] {
  const pad = ' '.repeat(column.indent)
  return wrapText(text.replace(/\s+/g, ' ').trim(), column.width).map((row) => pad + row)
}

/// Indented layout: headings and action at column 0, cues at 20, parentheticals at 15, dialogue at
/// 10 (hard-wrapped), transitions flush right; one blank line between blocks.
export function screenplayToImsdbLayout(screenplay: Screenplay): string {
  const blocks: string[][] = []
  let block: string[] | null = null
  for (const element of screenplay.elements) {
    const text = plainText(element.text).trim()
    if (
      block &&
      (element.type === 'parenthetical' || element.type === 'dialogue' || element.type === 'lyrics')
    ) {
      const column =
        element.type === 'parenthetical' ? IMSDB_LAYOUT.parenthetical : IMSDB_LAYOUT.dialogue
      block.push(...indented(text, column))
      continue
    }
    block = null
    switch (element.type) {
      case 'character':
        block = indented(text, IMSDB_LAYOUT.character)
        blocks.push(block)
        break
      case 'scene-heading':
      case 'action':
      case 'centered':
        for (const paragraph of text.split(/\n\s*\n/)) {
          if (paragraph.trim()) blocks.push(indented(paragraph, IMSDB_LAYOUT.action))
        }
        break
      case 'transition': {
        const line = text.replace(/\s+/g, ' ')
        blocks.push([' '.repeat(Math.max(0, IMSDB_LAYOUT.transitionEnd - line.length)) + line])
        break
      }
      case 'parenthetical':
      case 'dialogue':
      case 'lyrics':
        blocks.push(indented(text, IMSDB_LAYOUT.dialogue))
        break
      default:
        break
    }
  }
  return blocks.length === 0 ? '' : `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`
}
