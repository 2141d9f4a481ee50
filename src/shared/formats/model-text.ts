/// Screenplay → the compact Fountain-style text the default model was trained on
/// (shared/models/screenplay-gpt2-30m/README.md, "The text format it expects").
import type { Screenplay, ScreenplayElement } from '../fountain/elements'
import { plainText } from './emphasis'
import { isContinuedExtension } from './imsdb-lines'

export interface ModelTextOptions {
  /// The elements hold literal text (read from IMSDb with `asWritten`), not Fountain: there are no
  /// emphasis markers to remove, and spacing inside a line stays as typed (the model README's
  /// conversion keeps `sentence.  Next`; only line breaks become spaces). Default false.
  literal?: boolean
}

type OneLine = (text: string) => string

// Fountain: emphasis markers out, every run of whitespace one space.
const fountainFlat: OneLine = (text) => text.replace(/\s+/g, ' ').trim()
const fountainLine: OneLine = (text) => fountainFlat(plainText(text))
// Literal: only the line breaks (and the spaces around them) become one space.
const literalLine: OneLine = (text) => text.replace(/[ \t]*\n\s*/g, ' ').trim()

/// The cue without a layout-only `(CONT'D)`: `JANE (V.O.) (CONT'D)` → `JANE (V.O.)`.
function cueLine(element: ScreenplayElement, oneLine: OneLine): string {
  if (element.type !== 'character') return oneLine(element.text)
  const extensions = element.extensions.filter((extension) => !isContinuedExtension(extension))
  const name = element.name.trim() || oneLine(element.text).replace(/\s*\(.*$/, '')
  return [name, ...extensions.map((extension) => `(${extension.trim()})`)].join(' ')
}

const inBlock = new Set(['parenthetical', 'dialogue', 'lyrics'])

/// Heading line + blank; action one paragraph per line + blank; cue, parentheticals on their own
/// lines and each speech joined to one line, blank after the block; transitions + blank. Page
/// breaks, sections, synopses, notes, boneyard and the title page are left out; emphasis markers
/// are removed (unless `literal`). Ends with one newline (empty string for an empty script).
export function screenplayToModelText(
  screenplay: Screenplay,
  options: ModelTextOptions = {}
): string {
  const oneLine = options.literal ? literalLine : fountainLine
  const visible: OneLine = options.literal ? (text) => text : plainText
  const flat = options.literal ? literalLine : fountainFlat
  const blocks: string[][] = []
  let block: string[] | null = null
  for (const element of screenplay.elements) {
    if (inBlock.has(element.type) && block) {
      const text = oneLine(element.text)
      if (text) block.push(text)
      continue
    }
    block = null
    switch (element.type) {
      case 'character':
        block = [cueLine(element, oneLine)]
        blocks.push(block)
        break
      case 'scene-heading':
      case 'transition':
      case 'centered':
      case 'parenthetical':
      case 'dialogue':
      case 'lyrics':
        if (oneLine(element.text)) blocks.push([oneLine(element.text)])
        break
      case 'action':
        for (const paragraph of visible(element.text).split(/\n\s*\n/)) {
          const text = flat(paragraph)
          if (text) blocks.push([text])
        }
        break
      default:
        break
    }
  }
  return blocks.length === 0 ? '' : `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`
}
