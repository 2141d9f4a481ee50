import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectImsdbBands, imsdbToScreenplay } from '../../../../src/shared/formats/imsdb'
import { screenplayToImsdbLayout } from '../../../../src/shared/formats/imsdb-layout'
import { screenplayToModelText } from '../../../../src/shared/formats/model-text'
import type { ScreenplayElement } from '../../../../src/shared/fountain/elements'

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/formats/${name}`, import.meta.url), 'utf8')

const shape = (elements: ScreenplayElement[]): string[] =>
  elements.map((element) => `${element.type}: ${element.text}`)

describe('IMSDb layout import', () => {
  const source = fixture('imsdb-sample.txt')
  const script = imsdbToScreenplay(source)

  it('detects the columns of the script', () => {
    expect(detectImsdbBands(source)).toMatchObject({
      action: 6,
      cue: 30,
      dialogue: 20,
      flat: false
    })
  })

  it('classifies elements, joins wrapped lines and drops page furniture', () => {
    expect(shape(script.elements)).toEqual([
      'transition: FADE IN:',
      'scene-heading: INT. LIGHTHOUSE - NIGHT',
      'action: Rain hammers the glass. MARGOT PELL (60s), keeper of the light, winds the clockwork with both hands.',
      'character: MARGOT',
      "dialogue: One more turn and she'll see us through till morning.",
      'parenthetical: (to the cat)',
      "dialogue: Won't she, Admiral?",
      'action: The cat ignores her.',
      'character: TOBIAS (O.S.)',
      "dialogue: Margot! The boat's come loose from the jetty, and the tide is turning faster than I've ever seen it.",
      'character: TOBIAS (O.S.)',
      'dialogue: Bring the long rope!',
      'transition: CUT TO:',
      'scene-heading: EXT. JETTY - CONTINUOUS',
      'action: TOBIAS, soaked to the bone, wrestles a rope that is far too short for the job.',
      'character: TOBIAS',
      'parenthetical: (shouting over the wind)',
      'dialogue: Now!',
      'transition: FADE OUT.'
    ])
  })

  it("keeps scene numbers as data and drops CONT'D from cue extensions", () => {
    const headings = script.elements.filter((element) => element.type === 'scene-heading')
    expect(
      headings.map((heading) => heading.type === 'scene-heading' && heading.sceneNumber)
    ).toEqual(['1', '2'])
    const cues = script.elements.filter((element) => element.type === 'character')
    expect(cues.map((cue) => cue.type === 'character' && [cue.name, cue.extensions])).toEqual([
      ['MARGOT', []],
      ['TOBIAS', ['O.S.']],
      ['TOBIAS', ['O.S.']],
      ['TOBIAS', []]
    ])
  })

  it('records source ranges that point at the text', () => {
    for (const element of script.elements) {
      const slice = source.slice(element.from, element.to)
      expect(slice.replace(/\s+/g, ' ')).toContain(element.text.split(' ')[0])
    }
  })

  it('writes the compact model text of the model README', () => {
    expect(screenplayToModelText(script)).toBe(fixture('imsdb-sample.model.txt'))
  })

  it('reads its own indented layout back to the same elements', () => {
    const layout = screenplayToImsdbLayout(script)
    expect(layout).toContain('\n                    MARGOT\n          One more turn')
    const again = imsdbToScreenplay(layout)
    expect(shape(again.elements)).toEqual(shape(script.elements))
  })

  it('expands tabs for the columns but keeps source offsets in the original text', () => {
    const text = 'A man waits at the door.\n\n\t\t\tJOHN\n\tHello there.\n'
    const tabbed = imsdbToScreenplay(`${text}\n${text}\n${text}`)
    const cueElement = tabbed.elements.find((element) => element.type === 'character')!
    expect(text.slice(cueElement.from, cueElement.to)).toBe('JOHN')
    expect(shape(tabbed.elements).slice(0, 3)).toEqual([
      'action: A man waits at the door.',
      'character: JOHN',
      'dialogue: Hello there.'
    ])
  })

  it('reads a flat transcript (no indentation) by capitals and line adjacency', () => {
    const flat = [
      'INT. HALL - DAY',
      '',
      'A long corridor.',
      '',
      'ANNA',
      'Where is everyone?',
      '',
      'BEN',
      '(whispering)',
      'Gone.',
      ''
    ].join('\n')
    expect(shape(imsdbToScreenplay(flat).elements)).toEqual([
      'scene-heading: INT. HALL - DAY',
      'action: A long corridor.',
      'character: ANNA',
      'dialogue: Where is everyone?',
      'character: BEN',
      'parenthetical: (whispering)',
      'dialogue: Gone.'
    ])
  })
})
