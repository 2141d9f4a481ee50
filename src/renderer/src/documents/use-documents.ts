/// Open documents and what can be done with them: new, open, import, save, save as, export, close,
/// recovery snapshots while there are unsaved changes. Every failure becomes a message; the text
/// stays open in the editor whatever happens.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ExportFormat, OpenedDocument } from '../../../shared/documents/documents'
import type { AiProvenanceMode } from '../../../shared/ai/ai-text-marks'
import type { ScriptBuddyApi } from '../../../shared/ipc/contract'
import { setAiMarks } from '../ai/ai-marks'
import { openWithMarks, recoveryMarks, saveWithMarks } from '../ai/ai-marks-persistence'
import {
  documentFromOpened,
  newDocumentId,
  suggestedFileName,
  untitledName,
  type OpenDocument
} from './document-model'
import type { EditorStates } from './editor-states'

export type PathRequest = (
  kind: 'open' | 'save',
  suggestedName: string,
  format: 'fountain' | ExportFormat
) => Promise<string | null>

export interface Notice {
  kind: 'error' | 'info'
  text: string
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer)
  let binary = ''
  const chunk = 0x8000
  for (let index = 0; index < bytes.length; index += chunk) {
    binary += String.fromCharCode(...bytes.subarray(index, index + chunk))
  }
  return btoa(binary)
}

export function useDocuments(options: {
  api: ScriptBuddyApi
  states: EditorStates
  requestPath: PathRequest
  snapshotSeconds: number
  /// Where accepted AI text is recorded (settings' `aiProvenance`); 'sidecar' when not given.
  aiProvenance?: () => AiProvenanceMode
}) {
  const { api, states, requestPath, snapshotSeconds } = options
  const provenanceRef = useRef(options.aiProvenance)
  provenanceRef.current = options.aiProvenance
  const [documents, setDocuments] = useState<OpenDocument[]>([])
  const [activeId, setActiveId] = useState<string | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const documentsRef = useRef(documents)
  documentsRef.current = documents

  const update = useCallback((id: string, patch: Partial<OpenDocument>) => {
    setDocuments((current) =>
      current.map((document) => (document.id === id ? { ...document, ...patch } : document))
    )
  }, [])

  const add = useCallback(
    (opened: OpenedDocument, id?: string, dirty?: boolean) => {
      const document = documentFromOpened(opened, id)
      if (dirty !== undefined) document.dirty = dirty
      const mode = provenanceRef.current?.() ?? 'sidecar'
      const { text, marks, warning } = openWithMarks(opened, mode)
      const state = states.create(document.id, text)
      if (marks.length > 0) {
        states.set(document.id, state.update({ effects: setAiMarks.of(marks) }).state)
      }
      setDocuments((current) => [...current, document])
      setActiveId(document.id)
      const warnings = warning ? [...opened.warnings, warning] : opened.warnings
      if (warnings.length > 0) setNotice({ kind: 'info', text: warnings.join(' ') })
      return document.id
    },
    [states]
  )

  const newDocument = useCallback(
    (text = '', name?: string) =>
      add(
        {
          path: null,
          name: name ?? untitledName(documentsRef.current),
          text,
          sourceFormat: 'fountain',
          warnings: []
        },
        newDocumentId(),
        text.length > 0
      ),
    [add]
  )

  const openPath = useCallback(
    async (path: string) => {
      const existing = documentsRef.current.find((document) => document.path === path)
      if (existing) return setActiveId(existing.id)
      const result = await api.invoke('document:open', { path })
      if (result.ok) add(result.value)
      else setNotice({ kind: 'error', text: result.error.message })
    },
    [api, add]
  )

  const open = useCallback(async () => {
    const path = await requestPath('open', '', 'fountain')
    if (path) await openPath(path)
  }, [requestPath, openPath])

  const importFile = useCallback(
    async (file: File) => {
      if (file.size > 50 * 1024 * 1024) {
        setNotice({
          kind: 'error',
          text: `${file.name} is over 50 MB; scripts that large are not opened. Is it really a screenplay?`
        })
        return
      }
      const result = await api.invoke('document:import', {
        name: file.name,
        base64: toBase64(await file.arrayBuffer())
      })
      if (result.ok) add(result.value)
      else setNotice({ kind: 'error', text: result.error.message })
    },
    [api, add]
  )

  const saveTo = useCallback(
    async (id: string, path: string) => {
      const state = states.get(id)
      const mode = provenanceRef.current?.() ?? 'sidecar'
      const saved = state ? saveWithMarks(state, mode) : { text: '' }
      const result = await api.invoke('document:save', { path, ...saved })
      if (!result.ok) {
        setNotice({ kind: 'error', text: result.error.message })
        return false
      }
      update(id, {
        path: result.value.path,
        name: result.value.name,
        dirty: false,
        changedSinceSnapshot: false,
        sourceFormat: 'fountain'
      })
      await api.invoke('recovery:discard', { documentId: id })
      setNotice({ kind: 'info', text: `Saved ${result.value.name}.` })
      return true
    },
    [api, states, update]
  )

  const saveAs = useCallback(
    async (id: string) => {
      const document = documentsRef.current.find((candidate) => candidate.id === id)
      if (!document) return false
      const path = await requestPath('save', suggestedFileName(document.name), 'fountain')
      return path ? saveTo(id, path) : false
    },
    [requestPath, saveTo]
  )

  const save = useCallback(
    async (id: string) => {
      const document = documentsRef.current.find((candidate) => candidate.id === id)
      if (!document) return false
      return document.path ? saveTo(id, document.path) : saveAs(id)
    },
    [saveTo, saveAs]
  )

  const exportAs = useCallback(
    async (id: string, format: ExportFormat) => {
      const document = documentsRef.current.find((candidate) => candidate.id === id)
      if (!document) return
      const path = await requestPath('save', suggestedFileName(document.name, format), format)
      if (!path) return
      const result = await api.invoke('document:export', { path, text: states.text(id), format })
      setNotice(
        result.ok
          ? { kind: 'info', text: `Exported ${result.value.path}.` }
          : { kind: 'error', text: result.error.message }
      )
    },
    [api, requestPath, states]
  )

  const close = useCallback(
    async (id: string) => {
      const document = documentsRef.current.find((candidate) => candidate.id === id)
      if (
        document?.dirty &&
        !window.confirm(`${document.name} has unsaved changes. Close it anyway?`)
      ) {
        return
      }
      await api.invoke('recovery:discard', { documentId: id })
      states.delete(id)
      const remaining = documentsRef.current.filter((candidate) => candidate.id !== id)
      setDocuments(remaining)
      setActiveId((current) => (current === id ? (remaining.at(-1)?.id ?? null) : current))
    },
    [api, states]
  )

  const markChanged = useCallback(
    (id: string) => {
      const document = documentsRef.current.find((candidate) => candidate.id === id)
      if (document && (!document.dirty || !document.changedSinceSnapshot)) {
        update(id, { dirty: true, changedSinceSnapshot: true })
      }
    },
    [update]
  )

  // Recovery snapshots: every few seconds, each document changed since its last snapshot is
  // written to the recovery folder, so a crash or a kill loses at most those seconds.
  useEffect(() => {
    const timer = setInterval(() => {
      for (const document of documentsRef.current) {
        if (!document.changedSinceSnapshot) continue
        update(document.id, { changedSinceSnapshot: false })
        void api
          .invoke('recovery:write', {
            documentId: document.id,
            path: document.path,
            name: document.name,
            text: states.text(document.id),
            provenance: recoveryMarks(states.get(document.id))
          })
          .then((result) => {
            if (!result.ok) setNotice({ kind: 'error', text: result.error.message })
          })
      }
    }, snapshotSeconds * 1000)
    return () => clearInterval(timer)
  }, [api, states, snapshotSeconds, update])

  return {
    documents,
    activeId,
    setActiveId,
    notice,
    setNotice,
    newDocument,
    add,
    open,
    openPath,
    importFile,
    save,
    saveAs,
    exportAs,
    close,
    markChanged
  }
}
