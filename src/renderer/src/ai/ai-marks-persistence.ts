/// Moves AI-text marks between the editor and files, as the `aiProvenance` setting says: into a
/// sidecar record or Fountain notes on save, back into marks on open and on crash recovery.
import type { EditorState } from '@codemirror/state'
import {
  readNotes,
  readSidecar,
  writeNotes,
  writeSidecar,
  type AiProvenanceMode,
  type AiTextMark
} from '../../../shared/ai/ai-text-marks'
import type { OpenedDocument } from '../../../shared/documents/documents'
import { aiMarksOf } from './ai-marks'

/// What `document:save` is sent: the text to write and the sidecar to write (string), remove
/// (null) or leave alone (undefined).
export interface SaveWithMarks {
  text: string
  provenance?: string | null
}

export function saveWithMarks(state: EditorState, mode: AiProvenanceMode): SaveWithMarks {
  const text = state.doc.toString()
  if (mode === 'off') return { text }
  const marks = aiMarksOf(state)
  if (mode === 'notes') return { text: writeNotes(text, marks), provenance: null }
  return { text, provenance: marks.length > 0 ? writeSidecar(text, marks) : null }
}

/// The editor text of an opened document and its marks, from our notes in it and the sidecar
/// beside it; `warning` when a sidecar was there but no longer fits the text.
export function openWithMarks(
  opened: Pick<OpenedDocument, 'text' | 'name' | 'provenance'>,
  mode: AiProvenanceMode
): { text: string; marks: AiTextMark[]; warning?: string } {
  if (mode === 'off') return { text: opened.text, marks: [] }
  const { text, marks } = readNotes(opened.text)
  if (opened.provenance === undefined) return { text, marks }
  const sidecar = readSidecar(opened.provenance, text, opened.name)
  if (!sidecar.ok) return { text, marks, warning: sidecar.warning }
  return { text, marks: [...marks, ...sidecar.marks] }
}

/// The record kept with a recovery snapshot, or undefined when there are no marks.
export function recoveryMarks(state: EditorState | undefined): string | undefined {
  if (!state) return undefined
  const marks = aiMarksOf(state)
  return marks.length > 0 ? writeSidecar(state.doc.toString(), marks) : undefined
}
