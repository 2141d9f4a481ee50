import { describe, expect, it } from 'vitest'
import {
  buildContinuationRequest,
  START_OF_SCRIPT,
  type ContinuationOptions
} from '../../../../src/shared/ai/context-builder'

// An invented script that uses every element type the parser knows.
const script = [
  'Title: The Lighthouse Bet',
  'Author: Test Fixture',
  '',
  '# ACT ONE',
  '',
  '= Two keepers argue about the lamp.',
  '',
  'INT. LIGHTHOUSE - NIGHT',
  '',
  'Wind rattles the *glass*. ODILE trims the wick.   ',
  '',
  '',
  '',
  '[[check the lamp model]]',
  '',
  'ODILE',
  '(without looking up)',
  'You left the door open again.',
  '',
  "BRAM (CONT'D)",
  'It sticks.',
  '',
  '/* an older beat',
  'that was cut */',
  '',
  '!SILENCE. He does not move.',
  '',
  'CUT TO:',
  '',
  '.BASEMENT',
  '',
  '@McCABE',
  'Who is up there?',
  '',
  '~Row, row, row your boat',
  '',
  '> THE END <',
  ''
].join('\n')

const loose: ContinuationOptions = { maxPromptChars: 10_000, mode: 'continue-element' }
const at = (needle: string, delta = 0): number => {
  const index = script.indexOf(needle)
  if (index < 0) throw new Error(`fixture lacks ${needle}`)
  return index + delta
}
const request = (source: string, cursor: number, options = loose) =>
  buildContinuationRequest(source, cursor, options)

describe('buildContinuationRequest: what the cursor asks for', () => {
  it('asks for the speech on the empty line after a cue, stopping at the end of the block', () => {
    const source = 'INT. DOCK - DAY\n\nODILE\n'
    const result = request(source, source.length)
    expect(result).toMatchObject({
      expect: 'dialogue',
      speaker: 'ODILE',
      stopAt: 'element',
      stopStrings: [],
      linePrefix: ''
    })
    expect(result.prompt).toBe(`${START_OF_SCRIPT}INT. DOCK - DAY\n\nODILE\n`)
  })

  it('asks for the speech after a parenthetical', () => {
    const source = 'INT. DOCK - DAY\n\nODILE (V.O.)\n(quietly)\n'
    const result = request(source, source.length)
    expect(result).toMatchObject({ expect: 'dialogue', speaker: 'ODILE' })
    expect(result.prompt.endsWith('ODILE (V.O.)\n(quietly)\n')).toBe(true)
  })

  it('continues a speech from the middle of its line', () => {
    const cursor = at('You left the', 'You left the'.length)
    const result = request(script, cursor)
    expect(result).toMatchObject({ expect: 'dialogue', speaker: 'ODILE', stopAt: 'element' })
    expect(result.prompt.endsWith('ODILE\n(without looking up)\nYou left the')).toBe(true)
    expect(result.linePrefix).toBe('You left the')
  })

  it('finishes a parenthetical on its line', () => {
    const result = request(script, at('(without', 4))
    expect(result).toMatchObject({ expect: 'parenthetical', stopAt: 'none', stopStrings: ['\n'] })
    expect(result.prompt.endsWith('ODILE\n(wit')).toBe(true)
  })

  it('asks for a name on a cue line being typed, and leaves the typed cue out of the cast', () => {
    const source = `${script}\nOD`
    const result = request(source, source.length)
    expect(result).toMatchObject({
      expect: 'character-name',
      stopAt: 'none',
      stopStrings: ['\n'],
      linePrefix: 'OD'
    })
    expect(result.maxNewTokens).toBeLessThanOrEqual(16)
    expect(result.prompt.endsWith('\n\nOD')).toBe(true)
    expect(result.cast).not.toContain('OD')
  })

  it('asks for a name when the cursor is in an existing cue', () => {
    const result = request(script, at('BRAM', 2))
    expect(result).toMatchObject({ expect: 'character-name', linePrefix: 'BR' })
    expect(result.prompt.endsWith('\n\nBR')).toBe(true)
  })

  it('asks for the rest of an action paragraph, as one compact line', () => {
    const source = 'EXT. PIER - DAWN\n\nGulls wheel over\nthe water while the'
    const result = request(source, source.length)
    expect(result).toMatchObject({ expect: 'action', stopAt: 'element', stopStrings: ['\n'] })
    expect(result.prompt).toBe(
      `${START_OF_SCRIPT}EXT. PIER - DAWN\n\nGulls wheel over the water while the`
    )
  })

  it('keeps a space typed before the cursor out of the prompt but reports it in linePrefix', () => {
    const source = 'EXT. PIER - DAWN\n\nGulls wheel '
    const result = request(source, source.length)
    expect(result.prompt.endsWith('Gulls wheel')).toBe(true)
    expect(result.linePrefix).toBe('Gulls wheel ')
  })

  it('asks for a new block on a blank line between blocks (the model may write any element)', () => {
    const source = 'EXT. PIER - DAWN\n\nGulls wheel over the water.\n\n'
    const result = request(source, source.length)
    expect(result).toMatchObject({ expect: 'action', stopAt: 'element', stopStrings: [] })
    expect(result.prompt.endsWith('Gulls wheel over the water.\n\n')).toBe(true)
  })

  it('finishes a scene heading, a transition, lyrics and a centered line on their line', () => {
    expect(request(script, at('INT. LIGHTHOUSE', 9))).toMatchObject({
      expect: 'scene-heading',
      stopStrings: ['\n'],
      linePrefix: 'INT. LIGH'
    })
    expect(request(script, at('.BASEMENT', 4))).toMatchObject({
      expect: 'scene-heading',
      linePrefix: 'BAS'
    })
    expect(request(script, at('CUT TO:', 5))).toMatchObject({
      expect: 'transition',
      stopStrings: ['\n'],
      linePrefix: 'CUT T'
    })
    expect(request(script, at('~Row', 5))).toMatchObject({ expect: 'lyrics', linePrefix: 'Row,' })
    expect(request(script, at('> THE', 5))).toMatchObject({ expect: 'centered', linePrefix: 'THE' })
  })

  it('continues the scene when asked: stop before the next heading, a longer budget', () => {
    const source = 'INT. DOCK - DAY\n\nODILE\n'
    const result = request(source, source.length, {
      maxPromptChars: 1000,
      mode: 'continue-scene'
    })
    expect(result).toMatchObject({ stopAt: 'scene', stopStrings: [], expect: 'dialogue' })
    expect(result.maxNewTokens).toBeGreaterThan(request(source, source.length).maxNewTokens)
  })

  it('asks a scene continuation not to open a new scene, unless no heading came before', () => {
    const scene = { maxPromptChars: 1000, mode: 'continue-scene' } as const
    const inScene = 'INT. DOCK - DAY\n\nODILE\nLate again.\n\n'
    expect(request(inScene, inScene.length, scene).continuesScene).toBe(true)
    // Only the whole-scene request is steered; an element stops at its own end anyway.
    expect(request(inScene, inScene.length).continuesScene).toBe(false)
    // Before any heading, the continuation may well start with one.
    const opening = 'FADE IN:\n\n'
    expect(request(opening, opening.length, scene).continuesScene).toBe(false)
  })

  it('takes an explicit token budget', () => {
    expect(request('INT. A - DAY\n\nB', 15, { ...loose, maxNewTokens: 7 }).maxNewTokens).toBe(7)
  })

  it('refuses the title page, notes, boneyard, sections, synopses and bad cursors', () => {
    expect(() => request(script, 3)).toThrow(/title page/)
    expect(() => request(script, at('check the lamp'))).toThrow(/note/)
    expect(() => request(script, at('an older beat'))).toThrow(/boneyard/)
    expect(() => request(script, at('ACT ONE'))).toThrow(/section/)
    expect(() => request(script, at('Two keepers'))).toThrow(/synopsis/)
    expect(() => request(script, -1)).toThrow(RangeError)
    expect(() => request(script, script.length + 1)).toThrow(/outside/)
    expect(() => request(script, 0, { maxPromptChars: 0, mode: 'continue-element' })).toThrow(
      /maxPromptChars/
    )
  })
})

describe('buildContinuationRequest: the compact context', () => {
  const end = script.length
  const whole = request(script, end).prompt

  it('drops the title page, notes, boneyard, sections, synopses, markup and trailing spaces', () => {
    expect(whole).toBe(
      START_OF_SCRIPT +
        [
          'INT. LIGHTHOUSE - NIGHT',
          'Wind rattles the glass. ODILE trims the wick.',
          'ODILE\n(without looking up)\nYou left the door open again.',
          'BRAM\nIt sticks.',
          'SILENCE. He does not move.',
          'CUT TO:',
          'BASEMENT',
          'McCABE\nWho is up there?',
          'Row, row, row your boat',
          'THE END',
          ''
        ].join('\n\n')
    )
    expect(whole).not.toMatch(/\n{3}/)
    expect(whole).not.toMatch(/ \n/)
  })

  it('lists the cast: the scene first (most recent first), then the rest of the script', () => {
    const source = 'INT. A - DAY\n\nANA\nHi.\n\nINT. B - DAY\n\nCOLE\nYo.\n\nDORA\nHey.\n\n'
    expect(request(source, source.length).cast).toEqual(['DORA', 'COLE', 'ANA'])
    const middle = source.indexOf('DORA')
    expect(request(source, middle - 1).cast).toEqual(['COLE', 'DORA', 'ANA'])
  })
})

describe('buildContinuationRequest: trimming to the budget', () => {
  // Scene with four speakers and long action between them; the cursor is after the last cue.
  const filler = (n: number) => `Fog rolls over the rocks in slow waves number ${n}.`
  const scene = [
    'INT. OLD STATION - NIGHT',
    filler(1),
    'ALMA\nWe should not be here.',
    filler(2),
    'BENNO\nThen leave.',
    filler(3),
    'CLEM\nNobody leaves.',
    filler(4),
    filler(5),
    filler(6),
    'ALMA\nFine.',
    filler(7),
    'DESMOND\n'
  ]
  const source = `EXT. ROAD - DAY\n\n${filler(0)}\n\n${scene.join('\n\n')}`
  const cursor = source.length

  it('keeps everything, with the start marker, when the budget allows', () => {
    const prompt = request(source, cursor).prompt
    expect(prompt.startsWith(START_OF_SCRIPT)).toBe(true)
    expect(prompt).toContain('EXT. ROAD - DAY')
  })

  it('drops whole units from the start, keeps the heading and each speaker of the scene', () => {
    const prompt = request(source, cursor, {
      maxPromptChars: 260,
      mode: 'continue-element'
    }).prompt
    expect(prompt.startsWith(START_OF_SCRIPT)).toBe(false)
    expect(prompt.startsWith('INT. OLD STATION - NIGHT\n\n')).toBe(true)
    expect(prompt.length).toBeLessThanOrEqual(260)
    for (const name of ['ALMA', 'BENNO', 'CLEM']) expect(prompt).toContain(`${name}\n`)
    // Alma's latest block stands for her; the older one is dropped.
    expect(prompt).toContain('ALMA\nFine.')
    expect(prompt).not.toContain('We should not be here.')
    expect(prompt).not.toContain('EXT. ROAD')
    expect(prompt.endsWith(`${filler(7)}\n\nDESMOND\n`)).toBe(true)
    // Every unit is whole: each paragraph the prompt holds is one of the source's.
    const units = prompt.split('\n\n').filter(Boolean)
    for (const unit of units) expect(source).toContain(unit.replace(/\n$/, ''))
  })

  it('keeps the most recent speakers first when the budget is short', () => {
    const prompt = request(source, cursor, {
      maxPromptChars: 70,
      mode: 'continue-element'
    }).prompt
    expect(prompt).toContain('INT. OLD STATION - NIGHT')
    expect(prompt).toContain('ALMA\nFine.')
    expect(prompt).not.toContain('BENNO')
    expect(prompt.endsWith('DESMOND\n')).toBe(true)
  })

  it('keeps the heading and the current block even over budget', () => {
    const prompt = request(source, cursor, { maxPromptChars: 5, mode: 'continue-element' }).prompt
    expect(prompt).toBe('INT. OLD STATION - NIGHT\n\nDESMOND\n')
  })
})
