/// Screenplay line classes: every visible line gets a `cm-sb-<element>` class from the parsed
/// screenplay, which `screenplayTheme()` turns into page layout. Markup characters (`@`, `^`, `!`,
/// `>`, `~`, scene numbers…) get a `cm-sb-markup` mark so the theme can dim them.

import { RangeSetBuilder, type EditorState, type Extension } from '@codemirror/state'
import {
  Decoration,
  EditorView,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate
} from '@codemirror/view'
import type { ElementType, Screenplay } from '../../../shared/fountain/elements'
import { isPossibleCue, lastStartingAtOrBefore } from '../../../shared/fountain/element-at'
import { markupRanges } from './markup-ranges'
import { screenplayField } from './screenplay-state'

/// The line class for each element type, and `cm-sb-title-page` for title page lines.
export const elementLineClass: Record<ElementType | 'title-page', string> = {
  'scene-heading': 'cm-sb-scene-heading',
  action: 'cm-sb-action',
  character: 'cm-sb-character',
  parenthetical: 'cm-sb-parenthetical',
  dialogue: 'cm-sb-dialogue',
  lyrics: 'cm-sb-lyrics',
  transition: 'cm-sb-transition',
  centered: 'cm-sb-centered',
  'page-break': 'cm-sb-page-break',
  section: 'cm-sb-section',
  synopsis: 'cm-sb-synopsis',
  note: 'cm-sb-note',
  boneyard: 'cm-sb-boneyard',
  'title-page': 'cm-sb-title-page'
}

const lineDecorations = Object.fromEntries(
  Object.entries(elementLineClass).map(([type, className]) => [
    type,
    Decoration.line({ class: className })
  ])
) as Record<ElementType | 'title-page', Decoration>
const dualDecoration = Decoration.line({ class: 'cm-sb-character cm-sb-dual' })
const markupDecoration = Decoration.mark({ class: 'cm-sb-markup' })

/// The element type shown on a line: the parsed type, except while the cursor sits on the empty
/// line right below a cue (or a lone capitals line) or a parenthetical: the writer is about to type
/// dialogue, so the cue reads as a cue and the empty line as dialogue (the caret waits at the
/// dialogue indent, as in Final Draft, and the first letter typed does not move it). Undefined for
/// other blank lines between elements.
export function lineElementType(
  state: EditorState,
  screenplay: Screenplay,
  lineFrom: number
): ElementType | 'title-page' | undefined {
  const { titlePage, elements } = screenplay
  if (
    titlePage.length > 0 &&
    lineFrom >= titlePage[0].from &&
    lineFrom <= titlePage[titlePage.length - 1].to
  ) {
    return 'title-page'
  }
  const index = lastStartingAtOrBefore(elements, lineFrom)
  const element = index >= 0 ? elements[index] : undefined
  if (!element) return undefined
  if (lineFrom > element.to) {
    const opensSpeech =
      element.type === 'character' || element.type === 'parenthetical' || isPossibleCue(element)
    return opensSpeech && lineFrom === element.to + 1 && cursorBelow(state, element.to)
      ? 'dialogue'
      : undefined
  }
  if (isPossibleCue(element) && cursorBelow(state, element.to)) return 'character'
  return element.type
}

// Is the main cursor on an empty line directly after the line ending at `end`?
function cursorBelow(state: EditorState, end: number): boolean {
  const { main } = state.selection
  if (!main.empty || end >= state.doc.length) return false
  const line = state.doc.lineAt(main.head)
  return line.from === end + 1 && line.length === 0
}

function buildDecorations(view: EditorView): DecorationSet {
  const { state } = view
  const screenplay = state.field(screenplayField)
  const builder = new RangeSetBuilder<Decoration>()
  let lastLine = -1
  for (const { from, to } of view.visibleRanges) {
    let position = from
    while (position <= to) {
      const line = state.doc.lineAt(position)
      if (line.number > lastLine) {
        lastLine = line.number
        const type = lineElementType(state, screenplay, line.from)
        if (type) {
          builder.add(line.from, line.from, decorationFor(screenplay, line.from, type))
          for (const [start, end] of markupRanges(line.text, type)) {
            builder.add(line.from + start, line.from + end, markupDecoration)
          }
        }
      }
      position = line.to + 1
    }
  }
  return builder.finish()
}

function decorationFor(
  screenplay: Screenplay,
  lineFrom: number,
  type: ElementType | 'title-page'
): Decoration {
  if (type === 'character') {
    const element = screenplay.elements[lastStartingAtOrBefore(screenplay.elements, lineFrom)]
    if (element?.type === 'character' && element.dual) return dualDecoration
  }
  return lineDecorations[type]
}

const screenplayDecorations = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet
    constructor(view: EditorView) {
      this.decorations = buildDecorations(view)
    }
    update(update: ViewUpdate): void {
      if (update.docChanged || update.viewportChanged || update.selectionSet) {
        this.decorations = buildDecorations(update.view)
      }
    }
  },
  { decorations: (plugin) => plugin.decorations }
)

/// Fountain support for the editor: keeps the parsed screenplay in `screenplayField` (re-parsing
/// only the edited paragraphs), classifies the visible lines with `cm-sb-*` classes and marks
/// markup characters with `cm-sb-markup`.
export function fountainLanguage(): Extension {
  return [screenplayField, screenplayDecorations]
}
