/// The page look: Courier 12 pt on a white US Letter column with the industry margins and element
/// indents (docs/screenplay-format.md §4.1–4.2). Indents are measured from the left edge of the
/// text column, which starts 1.5 in from the paper's edge and is 6 in wide.

import type { Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'

/// Options for `screenplayTheme`.
export interface ScreenplayThemeConfig {
  /// Print scene headings in bold (house style; off by default, as in classic spec scripts).
  boldSceneHeadings?: boolean
}

/// Font stack: Courier Prime where installed, else the system Courier.
export const screenplayFont = '"Courier Prime", "Courier New", Courier, monospace'

// Page geometry in inches (screenplay-format.md §4.1–4.2; character cue at 3.7 in from the paper
// edge, parenthetical 3.1, dialogue 2.5 with a 3.5 in width, column from 1.5 to 7.5).
const column = 6
const cueIndent = 3.7 - 1.5
const parentheticalIndent = 3.1 - 1.5
const parentheticalWidth = 2
const dialogueIndent = 2.5 - 1.5
const dialogueWidth = 3.5

const inches = (value: number): string => `${Number(value.toFixed(2))}in`

const pageTheme = EditorView.theme({
  '&': { backgroundColor: '#e6e6e6', color: '#111' },
  '.cm-scroller': { fontFamily: screenplayFont, fontSize: '12pt', lineHeight: '1.2' },
  '.cm-content': {
    boxSizing: 'border-box',
    width: '8.5in',
    minHeight: '11in',
    flexGrow: '0',
    // The page keeps its width in a narrow window (the Snippets panel open) and the editor scrolls
    // sideways: a page squeezed narrower wraps dialogue far inside its 3.5 in column.
    flexShrink: '0',
    margin: '0.5in auto',
    padding: '1in 1in 1in 1.5in',
    backgroundColor: '#ffffff',
    boxShadow: '0 1px 4px rgba(0, 0, 0, 0.25)',
    caretColor: '#111'
  },
  '.cm-line': { padding: '0' },
  '.cm-sb-scene-heading': { textTransform: 'uppercase' },
  '.cm-sb-character': { paddingLeft: inches(cueIndent), textTransform: 'uppercase' },
  '.cm-sb-parenthetical': {
    paddingLeft: inches(parentheticalIndent),
    paddingRight: inches(column - parentheticalIndent - parentheticalWidth)
  },
  '.cm-sb-dialogue': {
    paddingLeft: inches(dialogueIndent),
    paddingRight: inches(column - dialogueIndent - dialogueWidth)
  },
  '.cm-sb-lyrics': {
    paddingLeft: inches(dialogueIndent),
    paddingRight: inches(column - dialogueIndent - dialogueWidth),
    fontStyle: 'italic'
  },
  '.cm-sb-transition': { textAlign: 'right', textTransform: 'uppercase' },
  '.cm-sb-centered': { textAlign: 'center' },
  '.cm-sb-page-break': { color: '#999', borderBottom: '1px dashed #bbb' },
  '.cm-sb-section': { color: '#5b5f97' },
  '.cm-sb-synopsis': { color: '#5f7f5f', fontStyle: 'italic' },
  '.cm-sb-note': { color: '#7a6a1a', backgroundColor: '#fff8d6' },
  '.cm-sb-boneyard': { color: '#a0a0a0' },
  '.cm-sb-title-page': { color: '#444', textAlign: 'center' },
  '.cm-sb-markup': { color: '#b4b4b4' },
  // A suggestion's first line continues the line the cursor is on. When that line is already laid
  // out as an element, its own indent places the suggestion; the ghost line's indent on top of it
  // pushed the suggestion onto the next row ("We have come all the way" / "out of here").
  ".cm-line[class*='cm-sb-'] .cm-ghost-text-line:first-child": {
    paddingLeft: '0',
    paddingRight: '0'
  }
})

const boldHeadings = EditorView.theme({ '.cm-sb-scene-heading': { fontWeight: 'bold' } })

/// The screenplay page theme. Pair it with `fountainLanguage()`, which sets the line classes, and
/// `EditorView.lineWrapping`, so long lines wrap inside each element's width.
export function screenplayTheme(config: ScreenplayThemeConfig = {}): Extension {
  return config.boldSceneHeadings ? [pageTheme, boldHeadings] : pageTheme
}
