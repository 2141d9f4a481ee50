/// How AI-text marks look: a thin bar in the page's left margin beside every line holding text the
/// model wrote (the screenplay's gutter: where revision marks go on a page), and optionally a faint
/// tint with a dotted underline on that text itself. Editor-only: pages and exports never show them.
import type { EditorState, Extension, Range } from '@codemirror/state'
import { Decoration, EditorView } from '@codemirror/view'
import { aiMarksField } from './ai-marks'

const lineMark = Decoration.line({
  class: 'cm-sb-ai-line',
  attributes: { title: 'Written by the model' }
})
const tintMark = Decoration.mark({ class: 'cm-sb-ai-text' })

function decorations(state: EditorState, tint: boolean) {
  const ranges: Range<Decoration>[] = []
  let lastLine = -1
  state.field(aiMarksField).between(0, state.doc.length, (from, to) => {
    const last = state.doc.lineAt(to).number
    for (let number = state.doc.lineAt(from).number; number <= last; number++) {
      const line = state.doc.line(number)
      // A mark ending at a line's start (inserted text ending with a newline) holds nothing on it.
      if ((line.from === to && to > from) || number === lastLine) continue
      ranges.push(lineMark.range(line.from))
      lastLine = number
    }
    if (tint) ranges.push(tintMark.range(from, to))
  })
  return Decoration.set(ranges, true)
}

const aiMarksTheme = EditorView.baseTheme({
  '.cm-sb-ai-line': { position: 'relative' },
  '.cm-sb-ai-line::before': {
    content: '""',
    position: 'absolute',
    left: '-0.3in',
    top: '2px',
    bottom: '2px',
    width: '3px',
    borderRadius: '2px',
    backgroundColor: '#7c5cd6'
  },
  '.cm-sb-ai-text': {
    backgroundColor: 'rgba(124, 92, 214, 0.07)',
    textDecoration: 'underline dotted rgba(124, 92, 214, 0.55)',
    textUnderlineOffset: '3px'
  }
})

/// What the writer sees of the marks: nothing (`show` false: provenance off), the margin bars, or
/// the bars and the tinted text.
export function aiMarksView(options: { show: boolean; tint: boolean }): Extension {
  if (!options.show) return []
  const { tint } = options
  return [
    aiMarksTheme,
    EditorView.decorations.compute([aiMarksField], (state) => decorations(state, tint))
  ]
}
