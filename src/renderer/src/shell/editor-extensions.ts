/// The extensions every document's editor state gets: the screenplay editor bundle (Fountain
/// classification, page theme, element keys, completion, history, search).
import type { Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { screenplayEditor } from '../editor'

export function editorExtensions(): Extension {
  return [
    screenplayEditor(),
    EditorView.contentAttributes.of({ 'aria-label': 'Screenplay', spellcheck: 'true' })
  ]
}
