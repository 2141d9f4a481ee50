/// Compact model text (the prompt format of shared/models/screenplay-gpt2-30m/README.md) → IMSDb
/// indented layout, for models trained on IMSDb's layout. A prompt ends where the model goes on,
/// often mid-line or right after a cue, so the layout keeps that ending: the same trailing line
/// breaks, or the same unfinished line (trailing spaces included) at its element's column.
import type { ScreenplayElement } from '../fountain/elements'
import { screenplayToImsdbLayout } from './imsdb-layout'
import { isCapitals, isTransition, sceneHeading } from './imsdb-lines'

const END_OF_TEXT = '<|endoftext|>'

type LineKind =
  'scene-heading' | 'action' | 'character' | 'parenthetical' | 'dialogue' | 'transition'

/// What the compact text ends with: the kind of its last non-blank line and how many line breaks
/// follow it (0: the text ends inside that line).
export interface CompactEnding {
  lastKind: LineKind | null
  lastLine: string
  trailingNewlines: number
}

interface ClassifiedLine {
  kind: LineKind
  text: string
}

// A capitals line short enough to be a name, and neither a heading nor a transition.
function cueLike(text: string): boolean {
  return text.length <= 45 && isCapitals(text) && !sceneHeading(text) && !isTransition(text)
}

/// The kinds of the compact text's lines. Blocks are separated by blank lines, and compact action
/// is one paragraph per line, so a block of several lines is a dialogue block: its first line is
/// the cue (`McGREGOR` too), then parentheticals and speech. A lone capitals line that ends the
/// text (followed by one line break, or unfinished) is taken as a cue as well: the prompt stops
/// there to ask for the speech or the rest of the name.
export function classifyCompactLines(body: string): ClassifiedLine[] {
  const lines = body.split('\n')
  const endsMidLine = !body.endsWith('\n')
  const result: ClassifiedLine[] = []
  let blockStart = true
  let inBlock = false
  lines.forEach((raw, index) => {
    const text = raw.trim()
    if (text === '') {
      blockStart = true
      inBlock = false
      return
    }
    const next = lines[index + 1]
    const endsText = index === lines.length - 1 || (index === lines.length - 2 && next === '')
    const hasMore = next !== undefined && next.trim() !== ''
    let kind: LineKind
    if (inBlock) kind = text.startsWith('(') ? 'parenthetical' : 'dialogue'
    else if (blockStart && hasMore) kind = 'character'
    else if (blockStart && endsText && cueLike(text) && (endsMidLine || next === '')) {
      kind = 'character'
    } else if (sceneHeading(text)) kind = 'scene-heading'
    else if (isTransition(text)) kind = 'transition'
    else kind = 'action'
    inBlock = kind === 'character' || inBlock
    blockStart = false
    result.push({ kind, text: raw.replace(/^\s+/, '') })
  })
  return result
}

/// How the compact text ends (see `CompactEnding`); `<|endoftext|>` counts as no text.
export function compactEnding(compact: string): CompactEnding {
  const body = compact.startsWith(END_OF_TEXT) ? compact.slice(END_OF_TEXT.length) : compact
  const trailing = /\n*$/.exec(body.replace(/[ \t]+$/, ''))?.[0].length ?? 0
  const lines = classifyCompactLines(body)
  const last = lines[lines.length - 1]
  return {
    lastKind: last?.kind ?? null,
    lastLine: last?.text.trimEnd() ?? '',
    trailingNewlines: lines.length === 0 ? 2 : trailing
  }
}

function toElement(line: ClassifiedLine): ScreenplayElement {
  const text = line.text.trimEnd()
  if (line.kind === 'character') {
    return { type: 'character', text, name: text, extensions: [], from: 0, to: 0 }
  }
  return { type: line.kind, text, from: 0, to: 0 }
}

/// The compact text in IMSDb layout (`screenplayToImsdbLayout`'s columns), ending as it ends: with
/// the same number of line breaks, or inside the same unfinished line with its trailing spaces. A
/// leading `<|endoftext|>` stays in front.
export function compactToImsdbLayout(compact: string): string {
  const prefix = compact.startsWith(END_OF_TEXT) ? END_OF_TEXT : ''
  const body = compact.slice(prefix.length)
  const lines = classifyCompactLines(body)
  if (lines.length === 0) return prefix + body
  // Consecutive lines of one dialogue block stay one block; every other line is its own block.
  const layout = screenplayToImsdbLayout({ titlePage: [], elements: lines.map(toElement) })
  const ending = compactEnding(body)
  if (ending.trailingNewlines === 0) {
    return prefix + layout.replace(/\n$/, '') + (/[ \t]+$/.exec(body)?.[0] ?? '')
  }
  return prefix + layout + '\n'.repeat(Math.min(ending.trailingNewlines, 2) - 1)
}
