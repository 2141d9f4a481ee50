/// Capitalises text typed on a character cue or a scene heading, so the document holds real
/// capitals (Fountain needs them to recognise a cue), not just capitals drawn by CSS.

import {
  EditorState,
  type ChangeSpec,
  type Extension,
  type Line,
  type Text,
  type Transaction,
  type TransactionSpec
} from '@codemirror/state'
import { elementAt } from '../../../shared/fountain/element-at'
import { hasSceneHeadingPrefix, isForcedSceneHeading } from '../../../shared/fountain/line-patterns'
import { screenplayOf } from './screenplay-state'

/// A transaction filter: typed text on a cue line (a parsed cue, or a line forced with `@`) is
/// upper-cased; on a heading line (a line after a blank line that starts with INT./EXT./… or a
/// forcing `.`) the line up to the cursor is upper-cased, so `int. ` becomes `INT. ` as it is typed.
/// Extensions in parentheses on a cue keep their case.
export function capitaliseCuesAndHeadings(): Extension {
  return EditorState.transactionFilter.of(capitaliseTyping)
}

function capitaliseTyping(transaction: Transaction): TransactionSpec {
  if (!transaction.docChanged || !transaction.isUserEvent('input.type')) return transaction
  // Changing text under an input method's composition would break it.
  if (transaction.isUserEvent('input.type.compose')) return transaction
  const changes: ChangeSpec[] = []
  let changed = false
  const oldDoc = transaction.startState.doc
  transaction.changes.iterChanges((fromA, toA, fromB, toB, inserted) => {
    const text = inserted.toString()
    const line = transaction.newDoc.lineAt(fromB)
    let replacement = text
    let headingPrefix: ChangeSpec | undefined
    if (toB <= line.to && isHeadingLine(transaction.newDoc, line)) {
      replacement = text.toUpperCase()
      // Earlier text on the line (the `int` of `int. `) is upper-cased too.
      const oldLine = oldDoc.lineAt(fromA)
      const before = oldDoc.sliceString(oldLine.from, fromA)
      if (before !== before.toUpperCase() && before.toUpperCase().length === before.length) {
        headingPrefix = { from: oldLine.from, to: fromA, insert: before.toUpperCase() }
      }
    } else if (toB <= line.to && isCueLine(transaction.startState, oldDoc, fromA, line)) {
      replacement = upperOutsideParentheses(line.text, fromB - line.from, text)
    }
    if (replacement.length !== text.length) replacement = text
    if (headingPrefix) changes.push(headingPrefix)
    changes.push({ from: fromA, to: toA, insert: replacement })
    if (replacement !== text || headingPrefix) changed = true
  })
  if (!changed) return transaction
  return {
    changes,
    selection: transaction.selection,
    effects: transaction.effects,
    scrollIntoView: transaction.scrollIntoView,
    userEvent: 'input.type'
  }
}

function isHeadingLine(doc: Text, line: Line): boolean {
  const trimmed = line.text.trim()
  if (!isForcedSceneHeading(trimmed) && !hasSceneHeadingPrefix(trimmed)) return false
  return line.number === 1 || doc.line(line.number - 1).text.trim() === ''
}

function isCueLine(state: EditorState, oldDoc: Text, fromA: number, line: Line): boolean {
  if (line.text.trim()[0] === '@') return true
  const oldLine = oldDoc.lineAt(fromA)
  return elementAt(screenplayOf(state), oldLine.from).type === 'character'
}

// Upper-cases typed text unless it lands inside `( )` on the line (a cue extension).
function upperOutsideParentheses(lineText: string, column: number, text: string): string {
  const before = lineText.slice(0, column)
  const insideParentheses = before.lastIndexOf('(') > before.lastIndexOf(')')
  return insideParentheses ? text : text.toUpperCase()
}
