// @vitest-environment jsdom
// The ghost widget redraws in place: a line whose text and class did not change keeps its element
// and its text node (the browser need not shape and lay it out again).
import { describe, expect, it } from 'vitest'
import { GhostTextWidget } from '../../../../../src/renderer/src/editor/ghost-text/widget'

const line = (text: string, className: string | null = null) => ({ text, className })

describe('GhostTextWidget', () => {
  it('typing through the first line leaves the other lines untouched', () => {
    const before = new GhostTextWidget(
      [line('ee the lamp?'), line('ELSA', 'cue'), line('It never stops.', 'dialogue')],
      true
    )
    const dom = before.toDOM()
    const spans = Array.from(dom.children)
    const texts = spans.map((span) => span.firstChild)
    const after = new GhostTextWidget(
      [line('e the lamp?'), line('ELSA', 'cue'), line('It never stops.', 'dialogue')],
      true
    )
    expect(after.updateDOM(dom)).toBe(true)
    expect(Array.from(dom.children)).toEqual(spans)
    expect(dom.children[0].textContent).toBe('e the lamp?')
    expect(dom.children[1].firstChild).toBe(texts[1])
    expect(dom.children[2].firstChild).toBe(texts[2])
    expect(Array.from(dom.children).map((span) => span.className)).toEqual([
      'cm-ghost-text-line',
      'cm-ghost-text-line cm-ghost-text-block cue',
      'cm-ghost-text-line cm-ghost-text-block dialogue'
    ])
  })

  it('adds streamed lines, drops lines that went, and says when it stopped streaming', () => {
    const dom = new GhostTextWidget([line('The beam')], true).toDOM()
    expect(dom.className).toBe('cm-ghost-text cm-ghost-text-streaming')
    new GhostTextWidget([line('The beam turns.'), line(''), line('ELSA', 'cue')], true).updateDOM(
      dom
    )
    expect(Array.from(dom.children).map((span) => span.textContent)).toEqual([
      'The beam turns.',
      '',
      'ELSA'
    ])
    new GhostTextWidget([line('The beam turns.')], false).updateDOM(dom)
    expect(dom.children).toHaveLength(1)
    expect(dom.className).toBe('cm-ghost-text')
  })

  it('draws the lines below the cursor line as a block of block-level lines', () => {
    const below = new GhostTextWidget([line('ELSA', 'cue'), line('Up.', 'dialogue')], false, 1)
    const dom = below.toDOM()
    expect(dom.tagName).toBe('DIV')
    expect(dom.className).toBe('cm-ghost-text cm-ghost-text-below')
    expect(Array.from(dom.children).map((span) => span.className)).toEqual([
      'cm-ghost-text-line cm-ghost-text-block cue',
      'cm-ghost-text-line cm-ghost-text-block dialogue'
    ])
    // An inline element cannot become the block (or back): CodeMirror draws a new one.
    expect(new GhostTextWidget([line('Up.')], false).updateDOM(dom)).toBe(false)
  })
})
