import { describe, expect, it } from 'vitest'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'
import { fixtureNames, rangeProblems, readFixture, typesAndTexts } from './fixture-files'

describe('parseFountain on our fixtures', () => {
  it('reads a title page with indented multi-line values', () => {
    const source = readFixture('title-page.fountain')
    const screenplay = parseFountain(source)
    expect(screenplay.titlePage.map((entry) => [entry.key, entry.lines])).toEqual([
      ['Title', ["The Lighthouse Keeper's Cat"]],
      ['Credit', ['Written by']],
      ['Author', ['Ada Quill']],
      ['Draft date', ['3 March 2026']],
      ['Contact', ['Quill & Ink Agency', '12 Harbour Road']]
    ])
    const contact = screenplay.titlePage[4]
    expect(source.slice(contact.from, contact.to)).toBe(
      'Contact:\n\tQuill & Ink Agency\n    12 Harbour Road'
    )
    expect(typesAndTexts(screenplay)).toEqual([
      ['action', 'FADE IN:'],
      ['scene-heading', 'EXT. LIGHTHOUSE - DUSK'],
      ['action', 'Waves break against the rocks.']
    ])
  })

  it('does not take a script that opens with FADE IN: for a title page', () => {
    const screenplay = parseFountain('FADE IN:\n\nINT. HOUSE - DAY\n')
    expect(screenplay.titlePage).toEqual([])
    expect(typesAndTexts(screenplay)).toEqual([
      ['action', 'FADE IN:'],
      ['scene-heading', 'INT. HOUSE - DAY']
    ])
  })

  it('reads scene headings: prefixes, lower case, forced, scene numbers', () => {
    const source = readFixture('scene-headings.fountain')
    const screenplay = parseFountain(source)
    expect(typesAndTexts(screenplay)).toEqual([
      ['scene-heading', 'INT. KITCHEN - DAY'],
      ['action', 'Toast burns.'],
      ['scene-heading', 'EXT. GARDEN - NIGHT'],
      ['scene-heading', 'int. attic - morning'],
      ['scene-heading', 'EST. HARBOUR TOWN - DAWN'],
      ['scene-heading', 'INT./EXT. CAR - MOVING'],
      ['scene-heading', 'I/E VAN - CONTINUOUS'],
      ['scene-heading', 'FLASHBACK TO THE WAR'],
      ['action', '...and then nothing happened.'],
      ['action', 'INTERIOR DESIGN is not a heading.']
    ])
    const numbered = screenplay.elements[2]
    expect(numbered).toMatchObject({ sceneNumber: '12A', from: 34, to: 59 })
    expect(source.slice(numbered.from, numbered.to)).toBe('EXT. GARDEN - NIGHT #12A#')
    expect(screenplay.elements[7]).toMatchObject({ forced: true })
    expect(screenplay.elements[0]).not.toHaveProperty('forced')
  })

  it('reads action: paragraphs keep line breaks and indentation, ! forces', () => {
    const screenplay = parseFountain(readFixture('action.fountain'))
    expect(typesAndTexts(screenplay)).toEqual([
      ['action', 'Marta lifts the lid.\nInside: nothing.\n    An indented line.'],
      ['action', 'SHOUTING IS ALLOWED HERE\nStill the same paragraph.'],
      ['action', 'THE CLOCK STRIKES TWELVE.'],
      ['action', 'INT. NOT A HEADING'],
      ['action', 'Alone in the dark.']
    ])
    expect(screenplay.elements.map((element) => 'forced' in element)).toEqual([
      false,
      true,
      false,
      true,
      false
    ])
  })

  it('reads dialogue blocks: cues, extensions, @, ^, parentheticals, lyrics, two-space lines', () => {
    const screenplay = parseFountain(readFixture('dialogue.fountain'))
    expect(typesAndTexts(screenplay)).toEqual([
      ['character', 'MARTA'],
      ['dialogue', 'Is anyone there?'],
      ['character', 'OLD TOM (V.O.)'],
      ['parenthetical', '(whispering)'],
      ['dialogue', 'Only the wind.\nAnd me.'],
      ['character', "MARTA (O.S.) (CONT'D)"],
      ['dialogue', 'Who said that?'],
      ['character', 'McGREGOR'],
      ['dialogue', 'I did.'],
      ['character', 'BOY'],
      ['dialogue', 'So did I!'],
      ['character', 'R2D2'],
      ['dialogue', 'Beep.'],
      ['character', 'CHOIR'],
      ['lyrics', 'Row, row, row your boat\ngently down the stream'],
      ['character', 'MARTA'],
      ['dialogue', 'First line.\n\nAfter a deliberate blank.'],
      ['character', "MARTA (cont'd)"],
      ['dialogue', 'Lowercase extension.']
    ])
    const cues = screenplay.elements.filter((element) => element.type === 'character')
    expect(cues.map((cue) => [cue.name, cue.extensions, !!cue.dual, !!cue.forced])).toEqual([
      ['MARTA', [], false, false],
      ['OLD TOM', ['V.O.'], false, false],
      ['MARTA', ['O.S.', "CONT'D"], false, false],
      ['McGREGOR', [], false, true],
      ['BOY', [], true, false],
      ['R2D2', [], false, false],
      ['CHOIR', [], false, false],
      ['MARTA', [], false, false],
      ['MARTA', ["cont'd"], false, true]
    ])
  })

  it('needs a non-blank line after a cue', () => {
    expect(typesAndTexts(parseFountain('Before.\n\nBOOM.\n\nAfter.'))).toEqual([
      ['action', 'Before.'],
      ['action', 'BOOM.'],
      ['action', 'After.']
    ])
    expect(typesAndTexts(parseFountain('He waits.\nMARTA\nHello.'))).toEqual([
      ['action', 'He waits.\nMARTA\nHello.']
    ])
  })

  it('reads transitions, centered text, page breaks and lyrics', () => {
    const screenplay = parseFountain(readFixture('transitions.fountain'))
    expect(typesAndTexts(screenplay)).toEqual([
      ['action', 'The lights go out.'],
      ['transition', 'CUT TO:'],
      ['scene-heading', 'INT. CELLAR - NIGHT'],
      ['action', 'A match flares.'],
      ['transition', 'FADE TO BLACK.'],
      ['centered', 'THE END'],
      ['page-break', ''],
      ['lyrics', 'A lonely lyric line'],
      ['transition', 'SMASH CUT TO:']
    ])
  })

  it('reads sections, synopses, notes and boneyard', () => {
    const source = readFixture('structure.fountain')
    const screenplay = parseFountain(source)
    expect(typesAndTexts(screenplay)).toEqual([
      ['section', 'Act One'],
      ['section', 'The Arrival'],
      ['synopsis', 'Marta arrives and finds the house empty.'],
      ['scene-heading', 'INT. HALL - DAY'],
      ['note', 'Check whether the hall has a staircase.'],
      ['action', 'Marta waits. [[inline note about pacing]] She sits.'],
      ['note', 'A long note\nover two lines'],
      ['boneyard', '\nAn old draft of the scene.\n\nMARTA\nCut dialogue.\n'],
      ['action', 'Back in the present.']
    ])
    expect(
      screenplay.elements.slice(0, 2).map((element) => 'depth' in element && element.depth)
    ).toEqual([1, 2])
    const boneyard = screenplay.elements[7]
    expect(source.slice(boneyard.from, boneyard.to)).toMatch(/^\/\*[\s\S]*\*\/$/)
  })

  it('keeps nested boneyard comments together and leaves an unclosed one as text', () => {
    const nested = parseFountain('/* outer\n/* inner */\nstill hidden\n*/\n\nShown.')
    expect(typesAndTexts(nested)).toEqual([
      ['boneyard', ' outer\n/* inner */\nstill hidden\n'],
      ['action', 'Shown.']
    ])
    expect(typesAndTexts(parseFountain('/* never closed\n\nShown.'))[0]).toEqual([
      'action',
      '/* never closed'
    ])
  })

  it('gives the same elements for \\r\\n text, with offsets into that text', () => {
    for (const name of fixtureNames()) {
      const unix = readFixture(name)
      const windows = unix.replace(/\n/g, '\r\n')
      const fromUnix = parseFountain(unix)
      const fromWindows = parseFountain(windows)
      expect(typesAndTexts(fromWindows), name).toEqual(typesAndTexts(fromUnix))
      expect(rangeProblems(windows, fromWindows), name).toEqual([])
      fromWindows.elements.forEach((element, index) => {
        const expected = fromUnix.elements[index]
        const windowsText = windows.slice(element.from, element.to).replace(/\r/g, '')
        expect(windowsText).toBe(unix.slice(expected.from, expected.to))
      })
    }
  })

  it('covers whole lines, in order, in every fixture', () => {
    for (const name of fixtureNames()) {
      const source = readFixture(name)
      expect(rangeProblems(source, parseFountain(source)), name).toEqual([])
    }
  })

  it('counts offsets in UTF-16 code units', () => {
    const source = 'Zoë 🎬 waits.\n\nZOË\nHé!'
    const screenplay = parseFountain(source)
    expect(typesAndTexts(screenplay)).toEqual([
      ['action', 'Zoë 🎬 waits.'],
      ['character', 'ZOË'],
      ['dialogue', 'Hé!']
    ])
    expect(screenplay.elements[1].from).toBe(source.indexOf('ZOË'))
    expect(screenplay.elements[2].to).toBe(source.length)
  })
})
