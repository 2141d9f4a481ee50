// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { screenplayTheme } from '../../../../src/renderer/src/editor/screenplay-theme'
import { editorWith } from './editor-harness'

// The CSS text CodeMirror mounted for the view's themes.
function mountedCss(): string {
  const styles = Array.from(document.querySelectorAll('style')) as { textContent: string | null }[]
  return styles.map((style) => style.textContent ?? '').join('\n')
}

function ruleFor(css: string, className: string): string {
  const rules = css
    .split('}')
    .filter((rule) => rule.includes(`.${className}`) && !rule.includes(`.${className}-`))
  return rules.join('}')
}

describe('screenplayTheme', () => {
  it('lays out the page: Courier 12pt, 8.5in page, 1.5in/1in margins', () => {
    const view = editorWith('INT. HOUSE - DAY', screenplayTheme())
    const css = mountedCss()
    expect(css).toContain('"Courier Prime", "Courier New", Courier, monospace')
    expect(css).toContain('font-size: 12pt')
    expect(css).toContain('width: 8.5in')
    expect(css).toContain('padding: 1in 1in 1in 1.5in')
    view.destroy()
  })

  it('indents each element as in screenplay-format.md', () => {
    const view = editorWith('x', screenplayTheme())
    const css = mountedCss()
    expect(ruleFor(css, 'cm-sb-character')).toContain('padding-left: 2.2in')
    expect(ruleFor(css, 'cm-sb-character')).toContain('text-transform: uppercase')
    expect(ruleFor(css, 'cm-sb-dialogue')).toContain('padding-left: 1in')
    // 6in column − 1in indent − 3.5in width.
    expect(ruleFor(css, 'cm-sb-dialogue')).toContain('padding-right: 1.5in')
    expect(ruleFor(css, 'cm-sb-parenthetical')).toContain('padding-left: 1.6in')
    expect(ruleFor(css, 'cm-sb-parenthetical')).toContain('padding-right: 2.4in')
    expect(ruleFor(css, 'cm-sb-transition')).toContain('text-align: right')
    expect(ruleFor(css, 'cm-sb-scene-heading')).toContain('text-transform: uppercase')
    expect(ruleFor(css, 'cm-sb-centered')).toContain('text-align: center')
    view.destroy()
  })

  it('makes headings bold only when asked', () => {
    const plain = editorWith('x', screenplayTheme())
    expect(ruleFor(mountedCss(), 'cm-sb-scene-heading')).not.toContain('font-weight: bold')
    plain.destroy()
    const bold = editorWith('x', screenplayTheme({ boldSceneHeadings: true }))
    expect(ruleFor(mountedCss(), 'cm-sb-scene-heading')).toContain('font-weight: bold')
    bold.destroy()
  })
})
