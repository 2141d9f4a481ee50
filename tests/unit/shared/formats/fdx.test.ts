import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exportFdx, importFdx } from '../../../../src/shared/formats/fdx'
import { parseXml } from '../../../../src/shared/formats/xml'
import type { Screenplay } from '../../../../src/shared/fountain/elements'
import { unwrap } from '../../../../src/shared/result'

const source = readFileSync(
  new URL('../../../fixtures/formats/sample.fdx', import.meta.url),
  'utf8'
)

// Elements and title page without source ranges (they point into different files).
function content(screenplay: Screenplay): unknown {
  const strip = <T extends { from: number; to: number }>({ from: _from, to: _to, ...rest }: T) =>
    rest
  return { titlePage: screenplay.titlePage.map(strip), elements: screenplay.elements.map(strip) }
}

describe('Final Draft import', () => {
  const script = unwrap(importFdx(source))

  it('maps paragraph types, styles, scene numbers, dual dialogue and page breaks', () => {
    const summary = script.elements.map((element) => {
      const extra =
        element.type === 'scene-heading'
          ? ` #${element.sceneNumber ?? ''}${element.forced ? ' forced' : ''}`
          : element.type === 'character'
            ? ` [${element.name}|${element.extensions.join(',')}]${element.dual ? ' dual' : ''}`
            : element.type === 'action' && element.forced
              ? ' forced'
              : ''
      return `${element.type}: ${element.text}${extra}`
    })
    expect(summary).toEqual([
      'transition: FADE IN:',
      'scene-heading: INT. BAKERY - BEFORE DAWN #1',
      'action: Flour hangs in the air. **RUTH** (50s) kneads dough like it owes her money & she means to collect.',
      'character: RUTH (V.O.) [RUTH|V.O.]',
      'parenthetical: (to herself)',
      'dialogue: Forty years. *Forty* years of _**rye**_.',
      'scene-heading: CLOSE ON THE OVEN DOOR # forced',
      'action: A TIMER RINGS. forced',
      'character: RUTH [RUTH|]',
      "dialogue: It's ready!",
      'character: SAM (O.S.) [SAM|O.S.] dual',
      "dialogue: It's burning!",
      'transition: CUT TO:',
      'page-break: ',
      'scene-heading: EXT. STREET - CONTINUOUS #2A',
      'centered: THE END'
    ])
  })

  it('reads the title page into entries', () => {
    expect(script.titlePage.map((entry) => [entry.key, entry.lines])).toEqual([
      ['Title', ['THE LAST LOAF']],
      ['Credit', ['written by']],
      ['Author', ['Ann Example']],
      ['Contact', ['ann@example.com', '555 0100']],
      ['Draft date', ['Draft 2, 1 May 2026']]
    ])
  })

  it('round-trips: import → export → import gives the same elements and title page', () => {
    const exported = exportFdx(script)
    const again = unwrap(importFdx(exported))
    expect(content(again)).toEqual(content(script))
    expect(exportFdx(again)).toBe(exported)
    expect(exported).toContain('<DualDialogue>')
    expect(exported).toContain('<Text Style="Bold+Underline">rye</Text>')
    expect(exported).toContain('money &amp; she')
  })
})

describe('bad Final Draft input', () => {
  it('reports malformed XML with its position instead of throwing', () => {
    const broken = importFdx(
      '<FinalDraft>\n  <Content>\n    <Paragraph Type="Action">\n  </Content>'
    )
    expect(broken.ok).toBe(false)
    if (!broken.ok) {
      expect(broken.error.code).toBe('bad-input')
      expect(broken.error.message).toMatch(/<\/Content> where <\/Paragraph> was expected at line 4/)
    }
    for (const text of [
      '',
      'plain text',
      '<a b=c></a>',
      '<a>&bogus;</a>',
      '<a></a><b></b>',
      '<a'
    ]) {
      const result = parseXml(text)
      expect(result.ok, text).toBe(false)
    }
  })

  it('refuses XML that is not a Final Draft document', () => {
    const result = importFdx('<?xml version="1.0"?><html><body/></html>')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/not a Final Draft script.*<html>/)
  })
})
