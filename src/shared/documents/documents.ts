/// Documents as the app and the renderer exchange them.

/// Where a document's text came from (what was converted to Fountain on open).
export type SourceFormat = 'fountain' | 'fdx' | 'imsdb-text' | 'plain-text' | 'pdf'

export interface OpenedDocument {
  /// The file it saves to; null for imported or new documents until "Save as".
  path: string | null
  name: string
  /// Fountain text.
  text: string
  sourceFormat: SourceFormat
  /// Things the writer should know (e.g. "decoded as Windows-1252").
  warnings: string[]
  /// The AI-text record found beside the file (`<path>.scriptbuddy.json`), if any.
  provenance?: string
}

export interface SavedDocument {
  path: string
  name: string
  savedAt: number
}

/// A snapshot of unsaved text, written every few seconds while a document has changes.
export interface RecoveryEntry {
  /// The renderer's document id (stable for the life of the open document).
  documentId: string
  path: string | null
  name: string
  text: string
  savedAt: number
  /// The AI-text record of `text` (sidecar format), so marks survive a crash too.
  provenance?: string
}

export interface RecentFile {
  path: string
  name: string
  openedAt: number
}

export type ExportFormat = 'fdx' | 'pdf'
