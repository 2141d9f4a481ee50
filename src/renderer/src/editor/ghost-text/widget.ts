import type { EditorState } from '@codemirror/state'
import { EditorView, WidgetType } from '@codemirror/view'
import type { LineClassifier } from './config'

// How many document lines above the cursor a line classifier sees.
const ContextLines = 4

/// One line of a suggestion and the class `classifyLine` gave it.
export interface GhostLine {
  readonly text: string
  readonly className: string | null
}

/// Splits a suggestion into lines and classifies each as it would read once accepted.
export function ghostLines(
  state: EditorState,
  anchor: number,
  text: string,
  classify: LineClassifier | null
): GhostLine[] {
  const parts = text.split('\n')
  if (!classify) return parts.map((part) => ({ text: part, className: null }))
  const line = state.doc.lineAt(anchor)
  const before = line.text.slice(0, anchor - line.from)
  const after = line.text.slice(anchor - line.from)
  const previous: string[] = []
  for (let number = Math.max(1, line.number - ContextLines); number < line.number; number++) {
    previous.push(state.doc.line(number).text)
  }
  return parts.map((part, index) => {
    const full = (index === 0 ? before : '') + part + (index === parts.length - 1 ? after : '')
    const className = classify(full, [...previous])
    previous.push(full)
    return { text: part, className }
  })
}

/// Some lines of a suggestion: inert, hidden from assistive technology, one element per line.
/// Drawn inline from its first line (`firstLine` 0: the lines after the first are block-level, so
/// each can be laid out as its screenplay element), or as a block below the cursor's line holding
/// the lines from `firstLine` on (see decorations.ts).
export class GhostTextWidget extends WidgetType {
  constructor(
    readonly lines: readonly GhostLine[],
    readonly streaming: boolean,
    readonly firstLine = 0
  ) {
    super()
  }

  override eq(other: GhostTextWidget): boolean {
    return (
      other.streaming === this.streaming &&
      other.firstLine === this.firstLine &&
      other.lines.length === this.lines.length &&
      other.lines.every(
        (line, index) =>
          line.text === this.lines[index].text && line.className === this.lines[index].className
      )
    )
  }

  toDOM(): HTMLElement {
    const wrap = document.createElement(this.firstLine === 0 ? 'span' : 'div')
    wrap.setAttribute('aria-hidden', 'true')
    wrap.style.pointerEvents = 'none'
    this.fill(wrap)
    return wrap
  }

  // Redraws in place while text streams in, instead of replacing the element on every token.
  override updateDOM(dom: HTMLElement): boolean {
    if ((this.firstLine === 0) !== (dom.tagName === 'SPAN')) return false
    this.fill(dom)
    return true
  }

  override ignoreEvent(): boolean {
    return false
  }

  // Touches only the lines that changed: while the writer types through a suggestion only its
  // first line gets shorter, and while it streams only its last line grows. Replacing every line
  // made the browser shape and lay out the whole suggestion again on each key and token.
  private fill(wrap: HTMLElement): void {
    const classes = ['cm-ghost-text']
    if (this.firstLine > 0) classes.push('cm-ghost-text-below')
    if (this.streaming) classes.push('cm-ghost-text-streaming')
    const wrapClass = classes.join(' ')
    if (wrap.className !== wrapClass) wrap.className = wrapClass
    this.lines.forEach((line, index) => {
      const span = (wrap.children.item(index) as HTMLElement | null) ?? lineElement(wrap)
      const classes = ['cm-ghost-text-line']
      if (this.firstLine + index > 0) classes.push('cm-ghost-text-block')
      if (line.className) classes.push(line.className)
      const className = classes.join(' ')
      if (span.className !== className) span.className = className
      if (span.textContent !== line.text) span.textContent = line.text
    })
    while (wrap.children.length > this.lines.length) wrap.lastElementChild?.remove()
  }
}

function lineElement(wrap: HTMLElement): HTMLElement {
  return wrap.appendChild(document.createElement('span'))
}

export const ghostTextTheme = EditorView.baseTheme({
  '.cm-ghost-text': { opacity: '0.5', pointerEvents: 'none' },
  '.cm-ghost-text-block': { display: 'block' },
  // An empty suggestion line still takes a line's height.
  '.cm-ghost-text-block:empty::before': { content: '"\\200b"' }
})
