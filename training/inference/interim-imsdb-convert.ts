/// TEMPORARY: converts IMSDb's indented plain-text layout into the compact Fountain-style text the
/// embedded model was trained on (rules in shared/models/screenplay-gpt2-30m/README.md), for the
/// CLI's `eval` until the proper converter (src/shared/formats/imsdb.ts) lands. Indentation
/// decides the element: a script's action sits at its smallest common indent, cues and dialogue
/// further right.

type Kind = 'heading' | 'action' | 'transition' | 'dialogue'

const PAGE_FURNITURE =
  /^(\d+[A-Z]?\.?|\(?CONTINUED\)?:?|\(MORE\)|CONTINUED:? \(\d+\)|\d+\s+CONTINUED:?)$/i
const HEADING = /^(\d+[A-Z]?\s+)?((INT|EXT)\.?\/?(EXT|INT)?\.?|I\/E\.?)\s/
const TRANSITION = /^([A-Z][A-Z .']*TO:|FADE (IN|OUT)[:.]?|FADE TO BLACK\.?|CUT TO BLACK\.?)$/
const NUMBERED_SHOT = /^\d+[A-Z]?\s{2,}(.+?)(\s{2,}\d+[A-Z]?\.?)?$/
const CONTINUED_SUFFIX = /\s*\((CONT'D|CONT’D|CONTINUED|CONT)\)/gi

/// Converts one script; returns compact text with one blank line between elements.
export function convertImsdbText(text: string): string {
  const lines = text.split('\n')
  const actionIndent = smallestCommonIndent(lines)
  const elements: string[] = []
  let paragraph: string[] = []
  let kind: Kind | undefined
  const flush = () => {
    if (paragraph.length > 0 && kind) {
      elements.push(kind === 'dialogue' ? paragraph.join('\n') : paragraph.join(' '))
    }
    paragraph = []
    kind = undefined
  }
  let speech: string[] = []
  let inParenthetical = false
  const flushSpeech = () => {
    if (speech.length > 0) paragraph.push(speech.join(' '))
    speech = []
  }
  for (const raw of lines) {
    const content = raw.trim()
    if (content === '') {
      flushSpeech()
      flush()
      continue
    }
    if (PAGE_FURNITURE.test(content)) continue
    const indent = raw.length - raw.trimStart().length
    const upper = /[A-Z]/.test(content) && !/[a-z]/.test(content)
    const shot = upper ? NUMBERED_SHOT.exec(content) : null
    if (shot && !HEADING.test(content)) {
      // A numbered shot ("10A   MATT'S POV   10A") stands alone like a heading; OMITTED is dropped.
      flushSpeech()
      flush()
      if (shot[1].trim() !== 'OMITTED') elements.push(shot[1].trim())
      continue
    }
    if (HEADING.test(content) && upper) {
      flushSpeech()
      flush()
      elements.push(content.replace(/^\d+[A-Z]?\s+/, '').replace(/\s+\d+[A-Z]?\.?$/, ''))
      continue
    }
    if (upper && TRANSITION.test(content)) {
      flushSpeech()
      flush()
      elements.push(content)
      continue
    }
    const indented = indent >= actionIndent + 6
    if (indented && upper && content.length <= 50 && !content.startsWith('(')) {
      // A character cue starts a dialogue block.
      flushSpeech()
      flush()
      kind = 'dialogue'
      paragraph.push(content.replace(CONTINUED_SUFFIX, '').trim())
      continue
    }
    if (kind === 'dialogue' && indented) {
      if (content.startsWith('(') || inParenthetical) {
        if (!inParenthetical) flushSpeech()
        speech.push(content)
        inParenthetical = !content.endsWith(')')
        if (!inParenthetical) flushSpeech()
      } else {
        speech.push(content)
      }
      continue
    }
    if (kind === 'dialogue') {
      flushSpeech()
      flush()
    }
    kind = 'action'
    paragraph.push(content)
  }
  flushSpeech()
  flush()
  return elements.join('\n\n') + '\n'
}

/// The indent of action lines: the smallest indent shared by at least a tenth of the lines that
/// hold lower-case text.
function smallestCommonIndent(lines: readonly string[]): number {
  const counts = new Map<number, number>()
  let total = 0
  for (const line of lines) {
    if (!/[a-z]/.test(line)) continue
    const indent = line.length - line.trimStart().length
    counts.set(indent, (counts.get(indent) ?? 0) + 1)
    total++
  }
  const indents = [...counts.keys()].sort((a, b) => a - b)
  return indents.find((indent) => (counts.get(indent) ?? 0) >= total / 10) ?? 0
}
