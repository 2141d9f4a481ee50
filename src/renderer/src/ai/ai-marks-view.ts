/// How AI-text marks look: a small bar in the gutter beside every line holding text the model
/// wrote, and optionally a faint tint with a dotted underline on that text itself.
import { RangeSet, type EditorState, type Extension } from '@codemirror/state'
import { Decoration, EditorView, gutter, GutterMarker } from '@codemirror/view'
import { aiMarksField } from './ai-marks'

class AiLineMarker extends GutterMarker {
  override elementClass = 'cm-sb-ai-gutter-mark'

  override toDOM(): Node {
    const bar = document.createElement('span')
    bar.className = 'cm-sb-ai-bar'
    bar.title = 'Written by the model'
    return bar
  }
}

const lineMarker = new AiLineMarker()

function gutterMarkers(state: EditorState): RangeSet<GutterMarker> {
  const marks = state.field(aiMarksField)
  const starts: number[] = []
  marks.between(0, state.doc.length, (from, to) => {
    const last = state.doc.lineAt(to).number
    for (let number = state.doc.lineAt(from).number; number <= last; number++) {
      const line = state.doc.line(number)
      // A mark ending at a line's start (inserted text ending with a newline) holds nothing on it.
      if (line.from === to && to > from) continue
      if (starts.at(-1) !== line.from) starts.push(line.from)
    }
  })
  return RangeSet.of(starts.map((from) => lineMarker.range(from)))
}

const aiGutter = gutter({
  class: 'cm-sb-ai-gutter',
  markers: (view) => gutterMarkers(view.state)
})

const tintMark = Decoration.mark({ class: 'cm-sb-ai-text' })

function tintDecorations(state: EditorState) {
  const ranges: ReturnType<typeof tintMark.range>[] = []
  state.field(aiMarksField).between(0, state.doc.length, (from, to) => {
    ranges.push(tintMark.range(from, to))
  })
  return Decoration.set(ranges)
}

const aiTint = EditorView.decorations.compute([aiMarksField], tintDecorations)

const aiMarksTheme = EditorView.baseTheme({
  // A fixed width, so the page does not shift when the first mark appears.
  '.cm-sb-ai-gutter': { width: '6px', minWidth: '6px', backgroundColor: 'transparent' },
  '.cm-sb-ai-gutter .cm-gutterElement': { padding: '0' },
  '.cm-sb-ai-bar': {
    display: 'block',
    width: '4px',
    height: '100%',
    borderRadius: '2px',
    backgroundColor: '#7c5cd6'
  },
  '.cm-sb-ai-text': {
    backgroundColor: 'rgba(124, 92, 214, 0.07)',
    textDecoration: 'underline dotted rgba(124, 92, 214, 0.55)',
    textUnderlineOffset: '3px'
  }
})

/// What the writer sees of the marks: nothing (`show` false: provenance off), the gutter bars, or
/// the bars and the tinted text.
export function aiMarksView(options: { show: boolean; tint: boolean }): Extension {
  if (!options.show) return []
  return [aiGutter, aiMarksTheme, options.tint ? aiTint : []]
}
