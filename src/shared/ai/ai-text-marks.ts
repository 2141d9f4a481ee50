/// Where accepted AI text sits in a script, and the two ways it is kept on disk: a sidecar JSON file
/// next to the script (`<script>.scriptbuddy.json`), or Fountain notes inside the script itself, so
/// the record survives other apps. Pure functions on text; the editor and the file layer call them.
import { fnv1a64 } from './provenance'

/// One stretch of accepted AI text: `[from, to)` in the script's text (notes removed).
export interface AiTextMark {
  from: number
  to: number
  /// The model that wrote it (its folder name, e.g. "screenplay-gpt2-30m").
  model: string
  /// When it was accepted, milliseconds since the epoch.
  at: number
}

/// How accepted AI text is kept: beside the script, inside it as notes, or not at all.
export type AiProvenanceMode = 'sidecar' | 'notes' | 'off'

export const SIDECAR_FORMAT = 'script-buddy-ai-marks'
export const SIDECAR_VERSION = 1

/// The sidecar's path for a script saved at `scriptPath`.
export function sidecarPathFor(scriptPath: string): string {
  return `${scriptPath}.scriptbuddy.json`
}

/// A short fingerprint of the script text the marks belong to (64-bit FNV-1a, hex).
export function textFingerprint(text: string): string {
  const [high, low] = fnv1a64(text)
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0')
}

/// Sorted, non-empty, within `length`, and touching marks of the same model merged (accepting
/// word by word leaves one mark, not one per word).
export function tidyMarks(marks: readonly AiTextMark[], length: number): AiTextMark[] {
  const sorted = marks
    .map((mark) => ({ ...mark, from: Math.max(0, mark.from), to: Math.min(length, mark.to) }))
    .filter((mark) => mark.to > mark.from)
    .sort((a, b) => a.from - b.from || a.to - b.to)
  const tidy: AiTextMark[] = []
  for (const mark of sorted) {
    const last = tidy.at(-1)
    if (last && last.model === mark.model && mark.from <= last.to) {
      last.to = Math.max(last.to, mark.to)
      last.at = Math.max(last.at, mark.at)
    } else {
      tidy.push({ ...mark })
    }
  }
  return tidy
}

/// The sidecar file's text for `marks` in `text`.
export function writeSidecar(text: string, marks: readonly AiTextMark[]): string {
  const sidecar = {
    format: SIDECAR_FORMAT,
    version: SIDECAR_VERSION,
    // Read back only when the script still has exactly this text: an edit in another app would
    // otherwise put the marks on the wrong words.
    textFingerprint: textFingerprint(text),
    textLength: text.length,
    marks: tidyMarks(marks, text.length)
  }
  return `${JSON.stringify(sidecar, null, 2)}\n`
}

export type SidecarReading = { ok: true; marks: AiTextMark[] } | { ok: false; warning: string }

/// The marks in a sidecar, if it belongs to `text`; otherwise a warning saying why it was ignored.
export function readSidecar(sidecarText: string, text: string, name: string): SidecarReading {
  let raw: unknown
  try {
    raw = JSON.parse(sidecarText)
  } catch {
    return { ok: false, warning: `The AI-text record beside ${name} is not valid JSON; ignored.` }
  }
  const record = raw as Record<string, unknown>
  if (typeof raw !== 'object' || raw === null || record.format !== SIDECAR_FORMAT) {
    return { ok: false, warning: `The AI-text record beside ${name} is not one of ours; ignored.` }
  }
  if (record.version !== SIDECAR_VERSION) {
    return {
      ok: false,
      warning: `The AI-text record beside ${name} has version ${String(record.version)}; this build reads ${SIDECAR_VERSION}. Ignored.`
    }
  }
  if (record.textLength !== text.length || record.textFingerprint !== textFingerprint(text)) {
    return {
      ok: false,
      warning: `${name} was changed outside Script Buddy since its AI text was recorded, so the AI marks were not restored.`
    }
  }
  const marks = Array.isArray(record.marks) ? record.marks.filter(isMark) : []
  return { ok: true, marks: tidyMarks(marks, text.length) }
}

function isMark(value: unknown): value is AiTextMark {
  const mark = value as AiTextMark
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isInteger(mark.from) &&
    Number.isInteger(mark.to) &&
    typeof mark.model === 'string' &&
    mark.model.length <= 200 &&
    Number.isFinite(mark.at)
  )
}

// Notes mode. Each mark becomes one note on its own line after the element where the mark ends,
// with a blank line before and after it, so in Fountain (ours and other apps') it is a standalone
// note that changes no element around it:
//
//   BOB
//   Hello there.
//
//   [[AI: 12 characters from 18 before this note · screenplay-gpt2-30m · 2026-11-25T04:10:00Z]]
//
// "from N before this note" counts characters of the script without our notes, from where the
// note sits back to the mark's start.
const NOTE_PATTERN =
  /\[\[AI: (\d+) characters? from (\d+) before this note · ([^\]·\n]{1,200}) · ([0-9T:.\-Z]{10,30})\]\]/g

const WHOLE_NOTE = new RegExp(`^${NOTE_PATTERN.source}$`)

function noteFor(mark: AiTextMark, back: number): string {
  const time = new Date(mark.at).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const length = mark.to - mark.from
  return `[[AI: ${length} character${length === 1 ? '' : 's'} from ${back} before this note · ${mark.model.replace(/[\]·\n]/g, ' ')} · ${time}]]`
}

// Where a note for a mark ending at `end` goes: the start of the first line after a blank line at or
// after `end` (so after the element holding the mark's last character); null at the end of the
// text when there is no blank line after it.
function notePosition(text: string, end: number): number | null {
  const lineStart = text.lastIndexOf('\n', Math.max(0, end - 1)) + 1
  const blank = /\n[ \t]*\n/g
  blank.lastIndex = Math.max(0, lineStart - 1)
  const match = blank.exec(text)
  if (!match) return null
  // A run of several blank lines: the note goes after the first, its own blank line after it.
  return match.index + match[0].length
}

/// `text` with a note for each mark (see above).
export function writeNotes(text: string, marks: readonly AiTextMark[]): string {
  let out = ''
  let last = 0
  const trailing: string[] = []
  for (const mark of tidyMarks(marks, text.length)) {
    const at = notePosition(text, mark.to)
    if (at === null) {
      // No blank line after the mark: the note goes at the very end, after a blank line.
      trailing.push(noteFor(mark, text.length - mark.from))
      continue
    }
    out += text.slice(last, at) + `${noteFor(mark, at - mark.from)}\n\n`
    last = at
  }
  out += text.slice(last)
  return trailing.length > 0 ? `${out}\n\n${trailing.join('\n\n')}` : out
}

// Where the notes written at the very end start (their leading blank line), or the text's length.
function trailingNotesStart(marked: string): number {
  let start = marked.length
  for (;;) {
    const open = marked.lastIndexOf('\n\n[[AI: ', start - 1)
    if (open < 0) return start
    const note = marked.slice(open + 2, start)
    if (!WHOLE_NOTE.test(note)) return start
    start = open
  }
}

/// The text without our notes, and the marks they describe. Notes that no longer fit the text (it
/// was edited elsewhere) are removed all the same; their marks are clipped to the text.
export function readNotes(marked: string): { text: string; marks: AiTextMark[] } {
  const marks: AiTextMark[] = []
  const tail = trailingNotesStart(marked)
  let text = ''
  let last = 0
  for (const match of marked.matchAll(NOTE_PATTERN)) {
    const start = match.index
    const end = start + match[0].length
    let removeFrom: number
    let removeTo: number
    if (start >= tail + 2) {
      removeFrom = start - 2
      removeTo = end
    } else if ((start === 0 || marked[start - 1] === '\n') && marked.startsWith('\n\n', end)) {
      // Only notes on their own line, written the way writeNotes writes them.
      removeFrom = start
      removeTo = end + 2
    } else {
      continue
    }
    text += marked.slice(last, removeFrom)
    last = removeTo
    const at = Date.parse(match[4])
    const from = text.length - Number(match[2])
    marks.push({
      from,
      to: from + Number(match[1]),
      model: match[3].trim(),
      at: Number.isFinite(at) ? at : 0
    })
  }
  text += marked.slice(last)
  return { text, marks: tidyMarks(marks, text.length) }
}
