import { describe, expect, it } from 'vitest'
import type { Screenplay } from '../../../../src/shared/fountain/elements'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'
import { writeFountain } from '../../../../src/shared/fountain/write-fountain'
import {
  fixtureNames,
  readFixture,
  readSample,
  sampleNames,
  samplesFolder,
  samplesPresent,
  typesAndTexts
} from './fixture-files'

function roundTrip(source: string): [Screenplay, Screenplay, string] {
  const first = parseFountain(source)
  const written = writeFountain(first)
  return [first, parseFountain(written), written]
}

function titleOf(screenplay: Screenplay): [string, string[]][] {
  return screenplay.titlePage.map((entry) => [entry.key, entry.lines])
}

describe('writeFountain', () => {
  it('writes canonical Fountain with force markers only where needed', () => {
    const source = [
      'Title: Small',
      '',
      'int. shed - day',
      '',
      '.DREAM SEQUENCE',
      '',
      '!SILENCE FALLS',
      'over the town.',
      '',
      '@McKAY',
      '(quietly)',
      'Hush.',
      '',
      'ANNA ^',
      'Why?',
      '',
      '> Fade to grey.',
      '',
      'CUT TO:',
      '',
      '>THE END<'
    ].join('\n')
    expect(writeFountain(parseFountain(source))).toBe(
      [
        'Title: Small',
        '',
        'int. shed - day',
        '',
        '.DREAM SEQUENCE',
        '',
        '!SILENCE FALLS',
        'over the town.',
        '',
        '@McKAY',
        '(quietly)',
        'Hush.',
        '',
        'ANNA ^',
        'Why?',
        '',
        '> Fade to grey.',
        '',
        'CUT TO:',
        '',
        '> THE END <',
        ''
      ].join('\n')
    )
  })

  it('drops a force marker the text does not need', () => {
    expect(writeFountain(parseFountain('!Just action.\n\n.INT. HOUSE - DAY\n\n@BOB\nHi.'))).toBe(
      'Just action.\n\nINT. HOUSE - DAY\n\nBOB\nHi.\n'
    )
  })

  it('forces action lines that would read as other elements', () => {
    const screenplay: Screenplay = {
      titlePage: [],
      elements: [
        { type: 'action', from: 0, to: 0, text: 'CUT TO:' },
        { type: 'action', from: 0, to: 0, text: 'BOB\nruns.' },
        { type: 'action', from: 0, to: 0, text: 'He reads:\n# not a section\n=== not a break' },
        { type: 'action', from: 0, to: 0, text: '!Bang' },
        { type: 'action', from: 0, to: 0, text: '(aside)' }
      ]
    }
    const written = writeFountain(screenplay)
    expect(written).toBe(
      '!CUT TO:\n\n!BOB\nruns.\n\nHe reads:\n!# not a section\n!=== not a break\n\n!!Bang\n\n(aside)\n'
    )
    expect(typesAndTexts(parseFountain(written))).toEqual(typesAndTexts(screenplay))
  })

  it('round-trips every fixture: same title page, types and texts', () => {
    for (const name of fixtureNames()) {
      const [first, second] = roundTrip(readFixture(name))
      expect(typesAndTexts(second), name).toEqual(typesAndTexts(first))
      expect(titleOf(second), name).toEqual(titleOf(first))
    }
  })

  it('is stable: writing a re-parsed script gives the same text', () => {
    for (const name of fixtureNames()) {
      const [, second, written] = roundTrip(readFixture(name))
      expect(writeFountain(second), name).toBe(written)
    }
  })
})

describe.skipIf(!samplesPresent)('writeFountain on the shared samples', () => {
  if (!samplesPresent) console.warn(`skipping sample round trips: ${samplesFolder} is absent`)

  it('round-trips all samples: same title page, types, texts and cue details', () => {
    const names = sampleNames()
    expect(names.length).toBe(10)
    for (const name of names) {
      const [first, second] = roundTrip(readSample(name))
      expect(typesAndTexts(second), name).toEqual(typesAndTexts(first))
      expect(titleOf(second), name).toEqual(titleOf(first))
      const details = (screenplay: Screenplay): unknown[] =>
        screenplay.elements.map((element) =>
          element.type === 'character'
            ? [element.name, element.extensions, !!element.dual]
            : element.type === 'scene-heading'
              ? element.sceneNumber
              : element.type === 'section'
                ? element.depth
                : null
        )
      expect(details(second), name).toEqual(details(first))
    }
  })
})
