/// "Insert at cursor" for a snippet: what the card shows goes into the script as blocks of its own.
/// The writer's heading and opening words come first, then the model's text, with one blank line
/// between the snippet and the script around it (Fountain reads elements apart only across a blank
/// line: glued to the line before, a heading would read as more of that line). Only the model's
/// part is marked as model text; the heading and opening words are the writer's.
import type { EditorState, TransactionSpec } from '@codemirror/state'
import { addAiMarks } from '../ai/ai-marks'

export interface SnippetParts {
  /// The prompt the writer gave (heading, opening words), as the panel built it; '' for "Surprise me".
  typed: string
  /// The model's text, normalised.
  written: string
}

/// The transaction that inserts `snippet` at the main cursor, marking the model's part as written
/// by `model`, with the cursor after the inserted text.
export function snippetInsertion(
  state: EditorState,
  snippet: SnippetParts,
  model: string,
  now = Date.now()
): TransactionSpec {
  const at = state.selection.main.head
  const line = state.doc.lineAt(at)
  const before = line.text.slice(0, at - line.from)
  const after = line.text.slice(at - line.from)
  const lineAbove = line.number > 1 ? state.doc.line(line.number - 1).text : ''
  const lineBelow = line.number < state.doc.lines ? state.doc.line(line.number + 1).text : ''
  const lead = before.trim() !== '' ? '\n\n' : lineAbove.trim() !== '' ? '\n' : ''
  const trail = after.trim() !== '' ? '\n\n' : lineBelow.trim() !== '' ? '\n' : ''
  const typed = snippet.typed.trim()
  const written = snippet.written.trim()
  const body = typed && written ? `${typed}\n\n${written}` : typed || written
  const insert = lead + body + trail
  const writtenFrom = at + lead.length + body.length - written.length
  const end = at + lead.length + body.length
  return {
    changes: { from: at, insert },
    selection: { anchor: end },
    userEvent: 'input.complete',
    scrollIntoView: true,
    effects: written ? addAiMarks.of([{ from: writtenFrom, to: end, model, at: now }]) : []
  }
}
