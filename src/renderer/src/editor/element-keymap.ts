/// Screenplay keys: Enter ends an element the way the next one needs (no blank line after a cue,
/// a blank line after dialogue, headings and transitions), Tab / Shift-Tab cycle the line's element
/// type, and cues and headings are capitalised as they are typed.

import { insertNewline } from '@codemirror/commands'
import { completionStatus } from '@codemirror/autocomplete'
import { EditorSelection, Prec, type Extension } from '@codemirror/state'
import { keymap, type Command } from '@codemirror/view'
import { elementAt } from '../../../shared/fountain/element-at'
import { isCueText } from '../../../shared/fountain/line-patterns'
import { capitaliseCuesAndHeadings } from './capitalise'
import { cycleLine } from './element-cycle'
import { screenplayOf } from './screenplay-state'

/// Enter at the end of an element: after a cue, a plain line break (dialogue follows directly);
/// after dialogue, a scene heading or a transition, a blank line and a new line for action.
/// Returns false elsewhere, so the default Enter runs.
export const insertElementBreak: Command = (view) => {
  const { state } = view
  const { main } = state.selection
  // With the completion list open, Enter accepts the completion (its keymap runs later).
  if (state.selection.ranges.length > 1 || !main.empty || completionStatus(state) === 'active') {
    return false
  }
  const line = state.doc.lineAt(main.head)
  if (main.head !== line.to || line.text.trim() === '') return false
  const context = elementAt(screenplayOf(state), line.from)
  const trimmed = line.text.trim()
  if (context.type === 'character' || context.possibleCue || trimmed[0] === '@') {
    // A cue forced with `@` (as Tab writes it) loses the `@` once the name needs no forcing.
    const offset = line.text.indexOf('@')
    const unforce = trimmed[0] === '@' && isCueText(trimmed.slice(1).trim())
    const changes = unforce
      ? [
          { from: line.from + offset, to: line.from + offset + 1 },
          { from: line.to, insert: '\n' }
        ]
      : [{ from: line.to, insert: '\n' }]
    view.dispatch({
      changes,
      selection: EditorSelection.cursor(line.to + 1 - (unforce ? 1 : 0)),
      scrollIntoView: true,
      userEvent: 'input'
    })
    return true
  }
  const element = context.element
  const endsBlock =
    element !== undefined &&
    element.to === line.to &&
    // As in Final Draft, Enter ends the element (a blank line in Fountain); Shift-Enter keeps a
    // line break inside an action paragraph.
    (element.type === 'dialogue' ||
      element.type === 'action' ||
      element.type === 'scene-heading' ||
      element.type === 'transition')
  if (!endsBlock) return false
  view.dispatch({
    changes: { from: line.to, insert: '\n\n' },
    selection: EditorSelection.cursor(line.to + 2),
    scrollIntoView: true,
    userEvent: 'input'
  })
  return true
}

function cycleCommand(step: 1 | -1): Command {
  return (view) => {
    const { state } = view
    if (state.selection.ranges.length > 1) return false
    const line = state.doc.lineAt(state.selection.main.head)
    const context = elementAt(screenplayOf(state), line.from)
    const parsedType = context.possibleCue ? 'character' : context.type
    const rewritten = cycleLine(line.text, parsedType, step)
    if (rewritten === undefined) return false
    // Inside an empty `()`, the writer types the parenthetical next.
    const cursor = line.from + (rewritten === '()' ? 1 : rewritten.length)
    view.dispatch({
      changes: { from: line.from, to: line.to, insert: rewritten },
      selection: EditorSelection.cursor(cursor),
      userEvent: 'input'
    })
    return true
  }
}

/// Tab: the current line becomes the next element type in the cycle.
export const cycleElementForward: Command = cycleCommand(1)

/// Shift-Tab: the current line becomes the previous element type in the cycle.
export const cycleElementBackward: Command = cycleCommand(-1)

/// The screenplay keymap (Enter, Tab, Shift-Tab at high precedence, ahead of the default keymap)
/// plus capitalisation of cues and headings while typing.
export function elementKeymap(): Extension {
  return [
    Prec.high(
      keymap.of([
        { key: 'Enter', run: insertElementBreak },
        { key: 'Shift-Enter', run: insertNewline },
        { key: 'Tab', run: cycleElementForward, shift: cycleElementBackward }
      ])
    ),
    capitaliseCuesAndHeadings()
  ]
}
