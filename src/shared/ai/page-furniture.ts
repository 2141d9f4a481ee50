/// Page furniture in generated text: what a PDF-to-text screenplay carries for its page layout and
/// the model sometimes imitates (page numbers, `(MORE)`, `(CONTINUED)`, `CONTINUED:`, `(CONT'D)`
/// after a cue, scene numbers around a heading). None of it belongs in the writer's script.
import { hasSceneHeadingPrefix, isCueText } from '../fountain/line-patterns'
import { isFurniture } from '../formats/imsdb-lines'

const continuedExtension = /\s*\(\s*(?:CONT['’]?D\.?|CONT\.?|CONTINUED|MORE)\s*\)/gi
const leadingNumber = /^(\d{1,4}[A-Z]?)\.?\s+/
const fountainNumber = /\s*#[A-Za-z0-9.-]+#\s*$/
const timeOfDay =
  /\b(?:DAY|NIGHT|MORNING|EVENING|AFTERNOON|DUSK|DAWN|SUNSET|SUNRISE|LATER|CONTINUOUS|SAME)\s+\d{1,4}[A-Z]?$/i

/// True when a trimmed line is only page furniture: a page number, `(MORE)`, `(CONTINUED)`,
/// `CONTINUED:`, a lone `(CONT'D)`, or a scene-numbered `12 CONTINUED: 12`.
export function isFurnitureLine(trimmed: string): boolean {
  return trimmed !== '' && isFurniture(trimmed)
}

/// A cue line without its layout-only extensions: `JANE (V.O.) (CONT'D)` → `JANE (V.O.)`.
/// Lines that are not cues come back unchanged.
export function withoutContinued(line: string): { line: string; removed: string[] } {
  const removed: string[] = []
  const stripped = line.replace(continuedExtension, (match) => {
    removed.push(match.trim())
    return ''
  })
  if (removed.length === 0 || !isCueText(stripped.trim())) return { line, removed: [] }
  return { line: stripped, removed }
}

/// A scene heading without scene numbers: `12 INT. HOUSE - DAY 12`, `12A. INT. HOUSE - DAY` and
/// `INT. HOUSE - DAY #12#` → `INT. HOUSE - DAY`. A number at the end alone is taken for a scene
/// number only after a time of day (`INT. ROOM 101` keeps its number).
export function withoutSceneNumbers(line: string): { line: string; removed: string[] } {
  const trimmed = line.trim()
  const removed: string[] = []
  let text = trimmed
  const leading = leadingNumber.exec(text)
  if (leading && hasSceneHeadingPrefix(text.slice(leading[0].length))) {
    removed.push(leading[1])
    text = text.slice(leading[0].length)
    const trailing = new RegExp(`\\s+${leading[1]}\\.?$`).exec(text)
    if (trailing) text = text.slice(0, trailing.index)
  }
  if (!hasSceneHeadingPrefix(text)) return { line, removed: [] }
  const fountain = fountainNumber.exec(text)
  if (fountain) {
    removed.push(fountain[0].trim())
    text = text.slice(0, fountain.index)
  } else if (timeOfDay.test(text)) {
    const number = /\s+(\d{1,4}[A-Z]?)$/.exec(text)!
    removed.push(number[1])
    text = text.slice(0, number.index)
  }
  return removed.length > 0 ? { line: text, removed } : { line, removed: [] }
}

/// Every piece of page furniture in `text`, one entry per occurrence (empty when it is clean).
export function findFurniture(text: string): string[] {
  const found: string[] = []
  for (const raw of text.split('\n')) {
    const trimmed = raw.trim()
    if (isFurnitureLine(trimmed)) {
      found.push(trimmed)
      continue
    }
    found.push(...withoutContinued(trimmed).removed)
    found.push(...withoutSceneNumbers(trimmed).removed)
  }
  return found
}
