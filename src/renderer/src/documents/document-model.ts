/// The renderer's open documents: what each tab shows and whether it has unsaved changes. Editor
/// states (text, undo history, selection) live beside this in EditorStates, keyed by the same id.
import type { OpenedDocument, SourceFormat } from '../../../shared/documents/documents'

export interface OpenDocument {
  /// Stable for as long as the document is open; names its recovery snapshot.
  id: string
  /// Where Save writes; null until Save As.
  path: string | null
  name: string
  sourceFormat: SourceFormat
  /// Changed since it was opened or last saved.
  dirty: boolean
  /// Changed since the last recovery snapshot.
  changedSinceSnapshot: boolean
}

export function newDocumentId(): string {
  return `doc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

export function documentFromOpened(opened: OpenedDocument, id = newDocumentId()): OpenDocument {
  return {
    id,
    path: opened.path,
    name: opened.name,
    sourceFormat: opened.sourceFormat,
    dirty: opened.path === null && opened.text.length > 0,
    changedSinceSnapshot: false
  }
}

/// "Untitled", "Untitled 2", … not already used by an open document.
export function untitledName(documents: readonly OpenDocument[]): string {
  const names = new Set(documents.map((document) => document.name))
  if (!names.has('Untitled')) return 'Untitled'
  let index = 2
  while (names.has(`Untitled ${index}`)) index++
  return `Untitled ${index}`
}

/// The file name Save As proposes: the document's name with a .fountain extension.
export function suggestedFileName(name: string, extension = 'fountain'): string {
  const base = name.replace(/\.(fountain|spmd|fdx|txt|pdf)$/i, '')
  return `${base || 'Untitled'}.${extension}`
}

export function windowTitle(document: OpenDocument | undefined): string {
  if (!document) return 'Script Buddy'
  return `${document.dirty ? '• ' : ''}${document.name} — Script Buddy`
}
