// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { editorWith, lineClasses, type } from './editor-harness'

const script = [
  'Title: Line Classes',
  'Author: Test',
  '',
  '# Act One',
  '',
  '= The setup.',
  '',
  'INT. DINER - NIGHT',
  '',
  'Rain on the glass.',
  'More rain.',
  '',
  'MARTA',
  '(softly)',
  'Coffee.',
  '~La la la',
  '',
  'CUT TO:',
  '',
  '> THE END <',
  '',
  '===',
  '',
  '[[A note.]]',
  '',
  '/* Old',
  'stuff */'
].join('\n')

describe('fountainLanguage line classes', () => {
  it('puts one cm-sb class on every line of every element', () => {
    const view = editorWith(script)
    expect(lineClasses(view)).toEqual([
      'cm-sb-title-page',
      'cm-sb-title-page',
      '',
      'cm-sb-section',
      '',
      'cm-sb-synopsis',
      '',
      'cm-sb-scene-heading',
      '',
      'cm-sb-action',
      'cm-sb-action',
      '',
      'cm-sb-character',
      'cm-sb-parenthetical',
      'cm-sb-dialogue',
      'cm-sb-lyrics',
      '',
      'cm-sb-transition',
      '',
      'cm-sb-centered',
      '',
      'cm-sb-page-break',
      '',
      'cm-sb-note',
      '',
      'cm-sb-boneyard',
      'cm-sb-boneyard'
    ])
    view.destroy()
  })

  it('marks the right column of dual dialogue', () => {
    const view = editorWith('ANNA\nYes.\n\nBEN ^\nNo.')
    expect(lineClasses(view)).toEqual([
      'cm-sb-character',
      'cm-sb-dialogue',
      '',
      'cm-sb-character cm-sb-dual',
      'cm-sb-dialogue'
    ])
    view.destroy()
  })

  it('reclassifies as the writer types: a cue appears when its dialogue starts', () => {
    const view = editorWith('Rain.\n\n|')
    type(view, 'JOE')
    expect(lineClasses(view)).toEqual(['cm-sb-action', '', 'cm-sb-action'])
    type(view, '\n')
    // The cursor waits on the line under JOE: JOE already reads as a cue, and the empty line as
    // the dialogue about to be typed.
    expect(lineClasses(view)).toEqual(['cm-sb-action', '', 'cm-sb-character', 'cm-sb-dialogue'])
    type(view, 'Hi.')
    expect(lineClasses(view)).toEqual(['cm-sb-action', '', 'cm-sb-character', 'cm-sb-dialogue'])
    view.destroy()
  })

  it('shows the empty line under a cue or a parenthetical as dialogue only while the cursor is on it', () => {
    const view = editorWith('MARTA\n(softly)\n|')
    expect(lineClasses(view)).toEqual(['cm-sb-character', 'cm-sb-parenthetical', 'cm-sb-dialogue'])
    view.dispatch({ selection: { anchor: 0 } })
    expect(lineClasses(view)).toEqual(['cm-sb-character', 'cm-sb-parenthetical', ''])
    // Under action, an empty line stays a blank line.
    const action = editorWith('Rain.\n|')
    expect(lineClasses(action)).toEqual(['cm-sb-action', ''])
    view.destroy()
    action.destroy()
  })
})

describe('markup marks', () => {
  it('marks force markers, the dual caret and scene numbers with cm-sb-markup', () => {
    const view = editorWith('.FLASHBACK #4A#\n\n@McKAY ^\nHi.\n\n> THE END <\n\n!Bang.')
    const marked = Array.from(view.contentDOM.querySelectorAll('.cm-sb-markup')) as {
      textContent: string | null
    }[]
    expect(marked.map((mark) => mark.textContent)).toEqual(['.', ' #4A#', '@', '^', '>', '<', '!'])
    view.destroy()
  })
})
