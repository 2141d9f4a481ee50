import { closeCompletion } from '@codemirror/autocomplete'
import type { Command, EditorView, KeyBinding } from '@codemirror/view'
import {
  acceptedSuggestion,
  clearSuggestion,
  cycleAlternative,
  ghostTextField,
  isPending,
  shownText,
  startRequest
} from './state'

// A word, with the whitespace (spaces, newlines) before and after it.
const NextWord = /^\s*\S+\s*/

/// Requests a suggestion at the cursor, replacing any suggestion or request, and closes the
/// completion list (one suggestion at a time: with the list open, Enter would take its option
/// while the ghost text waits for Tab). False when the selection is not a single empty cursor or
/// `ghostText()` is not installed.
export const requestSuggestion: Command = (view) => {
  const value = view.state.field(ghostTextField, false)
  const { ranges, main } = view.state.selection
  if (!value || ranges.length !== 1 || !main.empty) return false
  closeCompletion(view)
  view.dispatch({
    effects: startRequest.of({
      id: value.requestId + 1,
      anchor: main.head,
      trigger: 'explicit',
      maxChars: null
    })
  })
  return true
}

function insert(view: EditorView, text: string, done: boolean): void {
  const anchor = view.state.field(ghostTextField).anchor ?? view.state.selection.main.head
  view.dispatch({
    changes: { from: anchor, insert: text },
    selection: { anchor: anchor + text.length },
    effects: done ? clearSuggestion.of(null) : [],
    userEvent: 'input.complete',
    annotations: acceptedSuggestion.of(true),
    scrollIntoView: true
  })
}

/// Inserts the whole shown suggestion as one undoable change (`input.complete`), cursor after it,
/// and stops the request. False (so Tab falls through) when no suggestion is shown.
export const acceptSuggestion: Command = (view) => {
  const value = view.state.field(ghostTextField, false)
  const text = value ? shownText(value) : ''
  if (!text) return false
  insert(view, text, true)
  return true
}

/// Inserts the suggestion's next word with the whitespace around it and keeps the rest shown.
/// False when no suggestion is shown.
export const acceptSuggestionWord: Command = (view) => {
  const value = view.state.field(ghostTextField, false)
  const text = value ? shownText(value) : ''
  if (!text) return false
  insert(view, NextWord.exec(text)?.[0] ?? text, false)
  return true
}

function cycle(direction: 1 | -1): Command {
  return (view) => {
    const value = view.state.field(ghostTextField, false)
    if (!value || !shownText(value)) return false
    view.dispatch({ effects: cycleAlternative.of(direction) })
    return true
  }
}

/// Shows the next alternative (wrapping). False when no suggestion is shown.
export const nextSuggestion: Command = cycle(1)

/// Shows the previous alternative (wrapping). False when no suggestion is shown.
export const previousSuggestion: Command = cycle(-1)

/// Dismisses the suggestion and aborts its request. False when there is none (loading counts).
export const dismissSuggestion: Command = (view) => {
  const value = view.state.field(ghostTextField, false)
  if (!value || !(isPending(value.status) || value.status === 'shown')) return false
  view.dispatch({ effects: clearSuggestion.of(null) })
  return true
}

/// Alt-\ requests, Tab accepts, Mod-ArrowRight (Ctrl, or Cmd on macOS) accepts a word, Alt-] and
/// Alt-[ cycle alternatives, Escape dismisses. All but Alt-\ return false when nothing is shown,
/// so the keys fall through to other bindings.
export const ghostTextKeymap: readonly KeyBinding[] = [
  { key: 'Alt-\\', run: requestSuggestion },
  { key: 'Tab', run: acceptSuggestion },
  { key: 'Mod-ArrowRight', run: acceptSuggestionWord },
  { key: 'Alt-]', run: nextSuggestion },
  { key: 'Alt-[', run: previousSuggestion },
  { key: 'Escape', run: dismissSuggestion }
]
