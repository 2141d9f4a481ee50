/// One CodeMirror EditorState per open document, so switching tabs keeps each document's text,
/// selection and undo history. The editor view writes its latest state back on every update.
import { EditorState, type Extension, type TransactionSpec } from '@codemirror/state'

export class EditorStates {
  private readonly states = new Map<string, EditorState>()

  constructor(private readonly extensions: Extension) {}

  create(id: string, text: string): EditorState {
    const state = EditorState.create({ doc: text, extensions: this.extensions })
    this.states.set(id, state)
    return state
  }

  get(id: string): EditorState | undefined {
    return this.states.get(id)
  }

  set(id: string, state: EditorState): void {
    this.states.set(id, state)
  }

  text(id: string): string {
    return this.states.get(id)?.doc.toString() ?? ''
  }

  /// Applies a transaction spec (e.g. a compartment reconfiguration) to every stored state.
  updateAll(spec: TransactionSpec): void {
    for (const [id, state] of this.states) this.states.set(id, state.update(spec).state)
  }

  delete(id: string): void {
    this.states.delete(id)
  }
}
