// The evaluation conversion of the model README (shared/models/screenplay-gpt2-30m/README.md):
// each line as typed, hard wraps joined with one space, scene numbers and page furniture dropped.
// The editor's import (the default) still tidies spacing and rejoins hyphen-split words.
import { describe, expect, it } from 'vitest'
import { imsdbToScreenplay } from '../../../../src/shared/formats/imsdb'
import { sceneHeading } from '../../../../src/shared/formats/imsdb-lines'
import { screenplayToModelText } from '../../../../src/shared/formats/model-text'

// Invented text in IMSDb's indented layout (cues at 25, dialogue at 15, action at 5).
const source = [
  '20a  INT.   BOATHOUSE                     NIGHT          20a',
  '',
  '     Oars hang from the rafters.  A lamp swings in the',
  '     draught. Nobody has been here since mid-',
  '     summer, and *nothing* moves.',
  '',
  '                         PIET',
  '               Is that you?  Say something.',
  '',
  "                         ANNA (CONT'D)",
  '                    (whispering)',
  '               It is me. Keep your voice',
  '               down.',
  '',
  '                         PIET',
  '               Why?',
  '',
  '                                                  12',
  '                         ANNA',
  '               Because the _water_ listens.',
  ''
].join('\n')

describe('model text as the model README converts IMSDb scripts', () => {
  const text = screenplayToModelText(imsdbToScreenplay(source, { asWritten: true }), {
    literal: true
  })

  it('keeps spacing inside a line, joins wraps with one space and keeps `mid- summer`', () => {
    expect(text).toContain(
      'Oars hang from the rafters.  A lamp swings in the draught. Nobody has been here since mid- summer, and *nothing* moves.\n'
    )
    expect(text).toContain('PIET\nIs that you?  Say something.\n')
  })

  it('drops scene numbers (with a letter in either case) but keeps the heading as written', () => {
    expect(text.split('\n')[0]).toBe('INT.   BOATHOUSE                     NIGHT')
    expect(sceneHeading('20a INT. BOATHOUSE - NIGHT 20a')).toEqual({
      text: 'INT. BOATHOUSE - NIGHT',
      sceneNumber: '20a'
    })
  })

  it("drops CONT'D and page numbers, keeps emphasis characters as typed", () => {
    expect(text).toContain('ANNA\n(whispering)\nIt is me. Keep your voice down.\n')
    expect(text).toContain('ANNA\nBecause the _water_ listens.\n')
    expect(text).not.toMatch(/CONT'D|^12$/m)
  })

  it('leaves the editor import tidy: one space between words, a hyphen at a line end kept without a space', () => {
    const tidy = screenplayToModelText(imsdbToScreenplay(source))
    expect(tidy.split('\n')[0]).toBe('INT. BOATHOUSE NIGHT')
    expect(tidy).toContain(
      'Oars hang from the rafters. A lamp swings in the draught. Nobody has been here since mid-summer, and nothing moves.\n'
    )
  })
})
