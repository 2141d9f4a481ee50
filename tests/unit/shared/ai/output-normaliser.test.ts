import { describe, expect, it } from 'vitest'
import {
  normaliseContinuation,
  type NormaliseContext
} from '../../../../src/shared/ai/output-normaliser'

const cast = ['MARTA', 'JOE', 'DESMOND']
const dialogue: NormaliseContext = { expect: 'dialogue', cast, speaker: 'JOE' }
const fresh: NormaliseContext = { expect: 'action', cast }
const types = (result: ReturnType<typeof normaliseContinuation>) =>
  result.elements.map((element) => element.type)

describe('normaliseContinuation: reading the text as a continuation', () => {
  it('reads text after a cue as speech, even text that alone would be action or a heading', () => {
    const result = normaliseContinuation('She runs. I mean it.', dialogue)
    expect(result.text).toBe('She runs. I mean it.')
    expect(types(result)).toEqual(['dialogue'])
    expect(types(normaliseContinuation('(beat)\nGo home.', dialogue))).toEqual([
      'parenthetical',
      'dialogue'
    ])
  })

  it('keeps a leading blank line inside a block: the model closed the block, a new one follows', () => {
    const result = normaliseContinuation('\n\n\nMARTA\nNo.', dialogue)
    expect(result.text).toBe('\nMARTA\nNo.')
    expect(types(result)).toEqual(['character', 'dialogue'])
  })

  it("keeps the blank line before the next cue when the speech's own line is continued", () => {
    // The cursor at the end of "No sir.": the model ends the line, leaves a blank line, cues
    // MARTA. Without the blank line MARTA would read as more of JOE's speech.
    const result = normaliseContinuation('\n\n\nMARTA\nNo.', { ...dialogue, prefix: 'No sir.' })
    expect(result.text).toBe('\n\nMARTA\nNo.')
    expect(types(result)).toEqual(['dialogue', 'character', 'dialogue'])
    expect(result.elements[1]).toMatchObject({ type: 'character', name: 'MARTA' })
  })

  it('finishes a parenthetical begun before the cursor', () => {
    const result = normaliseContinuation('ly)', {
      ...dialogue,
      expect: 'parenthetical',
      prefix: '(quiet'
    })
    expect(result.text).toBe('ly)')
    expect(result.elements).toMatchObject([
      { type: 'parenthetical', text: '(quietly)', from: 0, to: 9 }
    ])
  })

  it('continues an action line, keeping or dropping the leading space as the prefix needs', () => {
    const after = normaliseContinuation(' the door.', { ...fresh, prefix: 'She opens' })
    expect(after.text).toBe(' the door.')
    expect(after.elements).toMatchObject([{ type: 'action', text: 'She opens the door.' }])
    expect(normaliseContinuation(' the door.', { ...fresh, prefix: 'She opens ' }).text).toBe(
      'the door.'
    )
  })

  it('parses a fresh block as whatever it is, without leading blank lines', () => {
    const result = normaliseContinuation('\n\nMARTA\n(softly)\nCoffee?\n\nShe pours.', fresh)
    expect(result.text).toBe('MARTA\n(softly)\nCoffee?\n\nShe pours.')
    expect(types(result)).toEqual(['character', 'parenthetical', 'dialogue', 'action'])
  })

  it('capitalises scene headings and cue extensions', () => {
    const result = normaliseContinuation(
      'int. boathouse - night\n\nRain.\n\nMARTA (v.o.)\nHere.',
      fresh
    )
    expect(result.text).toBe('INT. BOATHOUSE - NIGHT\n\nRain.\n\nMARTA (V.O.)\nHere.')
    expect(types(result)).toEqual(['scene-heading', 'action', 'character', 'dialogue'])
  })

  it('collapses runs of blank lines and trailing spaces', () => {
    const result = normaliseContinuation('Rain.   \n\n\n\n\nThunder.  \n\n\n', fresh)
    expect(result.text).toBe('Rain.\n\nThunder.')
  })

  it('finishes transitions, centered lines and lyrics on their line', () => {
    const transition = normaliseContinuation(' TO:', {
      ...fresh,
      expect: 'transition',
      prefix: 'CUT'
    })
    expect(transition.text).toBe(' TO:')
    expect(transition.elements).toMatchObject([{ type: 'transition', text: 'CUT TO:' }])
    const lyrics = normaliseContinuation(' your boat.', {
      ...fresh,
      expect: 'lyrics',
      prefix: '~Row'
    })
    expect(lyrics.elements).toMatchObject([{ type: 'lyrics', text: 'Row your boat.' }])
    const sung = normaliseContinuation('~Gently down the stream.', {
      ...dialogue,
      expect: 'lyrics'
    })
    expect(sung.elements).toMatchObject([{ type: 'lyrics' }])
  })

  it('gives offsets into prefix + text', () => {
    const result = normaliseContinuation(' door.\n\nJOE\nHi.', { ...fresh, prefix: 'A' })
    for (const element of result.elements) {
      expect(('A' + result.text).slice(element.from, element.to)).toContain(
        element.text.split('\n')[0]
      )
    }
  })
})

describe('normaliseContinuation: page furniture', () => {
  const furniture: [string, string][] = [
    ['page number', '12'],
    ['page number with a dot', '12.'],
    ['page number with a letter', '12A'],
    ['(MORE)', '(MORE)'],
    ['(CONTINUED)', '(CONTINUED)'],
    ['CONTINUED:', 'CONTINUED:'],
    ['numbered CONTINUED', '12 CONTINUED: 12'],
    ["lone (CONT'D)", "(CONT'D)"]
  ]
  for (const [name, line] of furniture) {
    it(`removes a ${name} line`, () => {
      const result = normaliseContinuation(`Rain falls.\n\n${line}\n\nThunder rolls.`, fresh)
      expect(result.text).toBe('Rain falls.\n\nThunder rolls.')
      expect(result.dropped).toEqual([`furniture: ${line}`])
    })
  }

  it("removes (CONT'D) in its spellings from cues, keeping real extensions", () => {
    const result = normaliseContinuation(
      "MARTA (CONT'D)\nOne.\n\nJOE (V.O.) (CONT’D)\nTwo.\n\nDESMOND (cont'd)\nThree.",
      fresh
    )
    expect(result.text).toBe('MARTA\nOne.\n\nJOE (V.O.)\nTwo.\n\nDESMOND\nThree.')
    expect(result.dropped).toHaveLength(3)
  })

  it('removes (MORE) in the middle of a speech that goes on', () => {
    const result = normaliseContinuation('I was going to say\n(MORE)\nsomething.', dialogue)
    expect(result.text).toBe('I was going to say\nsomething.')
  })

  it('removes scene numbers around headings in every form', () => {
    const cases: [string, string][] = [
      ['12 INT. BOATHOUSE - NIGHT 12', 'INT. BOATHOUSE - NIGHT'],
      ['12A. EXT. DOCK - DAY', 'EXT. DOCK - DAY'],
      ['INT. BOATHOUSE - NIGHT #12#', 'INT. BOATHOUSE - NIGHT'],
      ['INT. BOATHOUSE - NIGHT 34', 'INT. BOATHOUSE - NIGHT']
    ]
    for (const [line, clean] of cases) {
      const result = normaliseContinuation(`${line}\n\nRain.`, fresh)
      expect(result.text).toBe(`${clean}\n\nRain.`)
      expect(result.dropped[0]).toMatch(/^scene number: /)
      expect(types(result)).toEqual(['scene-heading', 'action'])
    }
  })

  it('keeps numbers that are part of a heading or of a line being continued', () => {
    expect(normaliseContinuation('INT. ROOM 101 - DAY\n\nRain.', fresh).text).toBe(
      'INT. ROOM 101 - DAY\n\nRain.'
    )
    expect(normaliseContinuation(' 12.', { ...fresh, prefix: 'He counts to' }).text).toBe(' 12.')
  })
})

describe('normaliseContinuation: unfinished endings', () => {
  it('drops a cue with no speech after it', () => {
    const result = normaliseContinuation('Rain falls.\n\nMARTA', fresh)
    expect(result.text).toBe('Rain falls.')
    expect(result.dropped).toEqual(['unfinished: MARTA'])
    expect(normaliseContinuation('Rain falls.\n\nMARTA\n(softly)', fresh).text).toBe('Rain falls.')
  })

  it('cuts an unterminated sentence back to the last sentence end, or drops it', () => {
    const cut = normaliseContinuation('I told you. Go home and', dialogue)
    expect(cut.text).toBe('I told you.')
    expect(cut.dropped).toEqual(['unfinished: Go home and'])
    const none = normaliseContinuation('Rain falls.\n\nThe boat drifts toward the', fresh)
    expect(none.text).toBe('Rain falls.')
    expect(normaliseContinuation(' toward the', { ...fresh, prefix: 'It drifts.' }).text).toBe('')
  })

  it('accepts dashes, ellipses, quotes and brackets as endings', () => {
    for (const ending of ['Wait --', 'Wait—', 'Wait...', 'He says "wait."', 'Wait!)']) {
      expect(normaliseContinuation(ending, dialogue).text).toBe(ending)
    }
  })

  it('drops a parenthetical that never closes and a heading with no scene', () => {
    expect(normaliseContinuation('Fine.\n(turning to', dialogue).text).toBe('Fine.')
    expect(normaliseContinuation('Rain.\n\nEXT. DOCK - DAY', fresh).text).toBe('Rain.')
    expect(
      normaliseContinuation('BOATHOUSE - NIGHT', {
        ...fresh,
        expect: 'scene-heading',
        prefix: 'INT. '
      }).text
    ).toBe('BOATHOUSE - NIGHT')
  })

  it('keeps transitions as endings', () => {
    expect(normaliseContinuation('Rain.\n\nCUT TO:', fresh).text).toBe('Rain.\n\nCUT TO:')
  })

  it('keeps everything with keepUnfinished', () => {
    const result = normaliseContinuation('Rain falls.\n\nMARTA', { ...fresh, keepUnfinished: true })
    expect(result.text).toBe('Rain falls.\n\nMARTA')
    expect(result.dropped).toEqual([])
  })
})

describe('normaliseContinuation: character names', () => {
  const name: NormaliseContext = { expect: 'character-name', cast }

  it('keeps a cast name and its extension', () => {
    const result = normaliseContinuation('RTA (V.O.)', { ...name, prefix: 'MA' })
    expect(result.text).toBe('RTA (V.O.)')
    expect(result.elements).toMatchObject([
      { type: 'character', name: 'MARTA', extensions: ['V.O.'] }
    ])
    expect(result.replaced).toBeUndefined()
    expect(result.offCast).toBeUndefined()
  })

  it("drops a note copied from a character's introduction, not an extension", () => {
    const result = normaliseContinuation('RTA (60s, harbour master)', { ...name, prefix: 'MA' })
    expect(result.text).toBe('RTA')
    expect(result.elements).toMatchObject([{ type: 'character', name: 'MARTA', extensions: [] }])
    expect(result.dropped).toEqual(['not a cue extension: (60S, HARBOUR MASTER)'])
    const phone = normaliseContinuation('RTA (on phone)', { ...name, prefix: 'MA' })
    expect(phone.text).toBe('RTA (ON PHONE)')
    // What the writer typed is theirs.
    expect(normaliseContinuation('0s)', { ...name, prefix: 'MARTA (6' }).text).toBe('0S)')
  })

  it('completes a name the model cut short with the cast name it starts', () => {
    const result = normaliseContinuation('S', { ...name, prefix: 'DE' })
    expect(result.text).toBe('SMOND')
    expect(result.replaced).toEqual({ from: 'DES', to: 'DESMOND' })
  })

  it('replaces a name outside the cast by the cast name the typed letters start', () => {
    const result = normaliseContinuation('RGE', { ...name, prefix: 'MA' })
    expect(result.text).toBe('RTA')
    expect(result.replaced).toEqual({ from: 'MARGE', to: 'MARTA' })
  })

  it('keeps and reports a name no cast name matches', () => {
    const result = normaliseContinuation('UINN', { ...name, prefix: 'Q' })
    expect(result.text).toBe('UINN')
    expect(result.offCast).toBe('QUINN')
  })

  it("capitalises, strips (CONT'D) and drops lines after the name", () => {
    const result = normaliseContinuation("oe (cont'd)\nHello.", { ...name, prefix: 'J' })
    expect(result.text).toBe('OE')
    expect(result.dropped).toEqual(['extra line: Hello.', "furniture: (CONT'D)"])
  })

  it('refuses a sentence in capitals as a name, keeping only what was typed', () => {
    const result = normaliseContinuation('ITCHED OVER THE RAIL.', { ...name, prefix: 'P' })
    expect(result.text).toBe('')
    expect(result.dropped).toEqual(['not a name: PITCHED OVER THE RAIL.'])
    expect(normaliseContinuation('R. MOSS', { ...name, cast: ['JOE'], prefix: 'D' }).offCast).toBe(
      'DR. MOSS'
    )
  })

  it('proposes a whole name when nothing was typed', () => {
    expect(normaliseContinuation('JOE', name).text).toBe('JOE')
  })
})
