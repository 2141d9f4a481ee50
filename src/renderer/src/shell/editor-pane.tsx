import { useEffect, useRef } from 'react'
import { EditorView } from '@codemirror/view'
import type { EditorStates } from '../documents/editor-states'

/// Hosts the one CodeMirror view and swaps in the active document's state, so each document keeps
/// its own text, selection and undo history. Reports edits of the active document.
export function EditorPane(props: {
  documentId: string
  states: EditorStates
  onEdit: (documentId: string) => void
  onView?: (view: EditorView | null) => void
}) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const activeId = useRef(props.documentId)
  const onEdit = useRef(props.onEdit)
  onEdit.current = props.onEdit

  useEffect(() => {
    if (!host.current) return
    const created = new EditorView({
      parent: host.current,
      state: props.states.get(activeId.current),
      dispatchTransactions: (transactions, editor) => {
        editor.update(transactions)
        props.states.set(activeId.current, editor.state)
        if (transactions.some((transaction) => transaction.docChanged)) {
          onEdit.current(activeId.current)
        }
      }
    })
    view.current = created
    props.onView?.(created)
    created.focus()
    return () => {
      props.onView?.(null)
      created.destroy()
      view.current = null
    }
    // The view lives as long as the pane; document switches go through setState below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    const editor = view.current
    if (!editor || activeId.current === props.documentId) return
    props.states.set(activeId.current, editor.state)
    activeId.current = props.documentId
    const next = props.states.get(props.documentId)
    if (next) editor.setState(next)
    editor.focus()
  }, [props.documentId, props.states])

  return <div className="editor-pane" ref={host} data-testid="editor" />
}
