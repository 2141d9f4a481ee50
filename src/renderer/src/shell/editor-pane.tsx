import { useEffect, useRef } from 'react'
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { EditorState, type Extension } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'

/// Hosts one CodeMirror view. The screenplay extensions are passed in; the view is created once
/// per document and reports every change.
export function EditorPane(props: {
  initialText: string
  extensions?: Extension
  onChange?: (text: string) => void
}) {
  const host = useRef<HTMLDivElement>(null)
  const onChange = useRef(props.onChange)
  onChange.current = props.onChange

  useEffect(() => {
    if (!host.current) return
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: props.initialText,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'Screenplay', spellcheck: 'true' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange.current?.(update.state.doc.toString())
          }),
          props.extensions ?? []
        ]
      })
    })
    view.focus()
    return () => view.destroy()
  }, [props.initialText, props.extensions])

  return <div className="editor-pane" ref={host} data-testid="editor" />
}
