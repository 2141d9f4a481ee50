/// Where the ghost text is drawn. A suggestion's first line continues the cursor's line (an inline
/// widget); its later lines sit below that line as their own block (a block widget), laid out as
/// the screenplay elements they will become. Kept apart, typing through the first line re-lays out
/// only the writer's own short line, and tokens streaming into the later lines re-lay out only the
/// block: with every line inside the cursor's line, each key and token made the browser lay out
/// the whole suggestion again. When text follows the cursor on its line, the suggestion's lines
/// must come before that text, so they all stay inline.
import { StateField, type EditorState } from '@codemirror/state'
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view'
import { ghostTextConfig } from './config'
import { ghostTextField, shownText } from './state'
import { ghostLines, GhostTextWidget } from './widget'

function buildDecorations(state: EditorState): DecorationSet {
  const value = state.field(ghostTextField)
  const text = shownText(value)
  if (!text || value.anchor === null) return Decoration.none
  const anchor = value.anchor
  const lines = ghostLines(state, anchor, text, state.facet(ghostTextConfig).classifyLine)
  const streaming = value.status === 'streaming'
  const line = state.doc.lineAt(anchor)
  if (lines.length === 1 || line.to !== anchor) {
    const widget = new GhostTextWidget(lines, streaming)
    return Decoration.set([Decoration.widget({ widget, side: 1 }).range(anchor)])
  }
  const first = new GhostTextWidget(lines.slice(0, 1), streaming)
  const rest = new GhostTextWidget(lines.slice(1), streaming, 1)
  return Decoration.set([
    Decoration.widget({ widget: first, side: 1 }).range(anchor),
    Decoration.widget({ widget: rest, side: 1, block: true }).range(line.to)
  ])
}

/// The ghost text's decorations; block widgets must come from state, not from a view plugin.
export const ghostDecorations = StateField.define<DecorationSet>({
  create: buildDecorations,
  update(decorations, tr) {
    const changed = tr.startState.field(ghostTextField) !== tr.state.field(ghostTextField)
    return changed || tr.docChanged ? buildDecorations(tr.state) : decorations
  },
  provide: (field) => EditorView.decorations.from(field)
})
