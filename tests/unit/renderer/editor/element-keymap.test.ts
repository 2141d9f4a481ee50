// @vitest-environment jsdom
import { completionStatus, startCompletion } from '@codemirror/autocomplete'
import { describe, expect, it } from 'vitest'
import { elementAtPosition } from '../../../../src/renderer/src/editor/screenplay-state'
import { docWithCursor, editorWith, press, type } from './editor-harness'

describe('Enter', () => {
  it('after a cue starts the dialogue line directly, without a blank line', () => {
    const view = editorWith('Rain.\n\nMARTA|')
    expect(press(view, 'Enter')).toBe(true)
    expect(docWithCursor(view)).toBe('Rain.\n\nMARTA\n|')
    view.destroy()
  })

  it('after an existing cue with dialogue below also inserts a single line break', () => {
    const view = editorWith('MARTA (V.O.)|\nHello.')
    press(view, 'Enter')
    expect(docWithCursor(view)).toBe('MARTA (V.O.)\n|\nHello.')
    view.destroy()
  })

  it('drops the @ that Tab put on a cue once the name no longer needs it', () => {
    const view = editorWith('Rain.\n\n@MARTA|')
    press(view, 'Enter')
    expect(docWithCursor(view)).toBe('Rain.\n\nMARTA\n|')
    const forced = editorWith('Rain.\n\n@McCABE|')
    press(forced, 'Enter')
    expect(docWithCursor(forced)).toBe('Rain.\n\n@McCABE\n|')
    view.destroy()
    forced.destroy()
  })

  it('at the end of dialogue leaves a blank line and starts action', () => {
    const view = editorWith('MARTA\nCoffee.|')
    press(view, 'Enter')
    expect(docWithCursor(view)).toBe('MARTA\nCoffee.\n\n|')
    view.destroy()
  })

  it('at the end of a scene heading or a transition leaves a blank line', () => {
    const heading = editorWith('INT. DINER - NIGHT|')
    press(heading, 'Enter')
    expect(docWithCursor(heading)).toBe('INT. DINER - NIGHT\n\n|')
    const transition = editorWith('Rain.\n\nCUT TO:|')
    press(transition, 'Enter')
    expect(docWithCursor(transition)).toBe('Rain.\n\nCUT TO:\n\n|')
    heading.destroy()
    transition.destroy()
  })

  it('ends an action paragraph with a blank line; Shift-Enter and mid-line Enter break the line', () => {
    const action = editorWith('Rain on the glass.|')
    press(action, 'Enter')
    expect(docWithCursor(action)).toBe('Rain on the glass.\n\n|')
    const lineBreak = editorWith('Rain on the glass.|')
    press(lineBreak, 'Enter', true)
    expect(docWithCursor(lineBreak)).toBe('Rain on the glass.\n|')
    lineBreak.destroy()
    const middle = editorWith('MARTA\nCof|fee.')
    press(middle, 'Enter')
    expect(docWithCursor(middle)).toBe('MARTA\nCof\n|fee.')
    action.destroy()
    middle.destroy()
  })
})

describe('Tab and Shift-Tab', () => {
  it('cycle a line action → character → parenthetical → transition → scene heading → action', () => {
    const view = editorWith('Rain.\n\nthe door|')
    const seen: string[] = []
    for (let step = 0; step < 5; step++) {
      expect(press(view, 'Tab')).toBe(true)
      seen.push(view.state.doc.line(3).text)
    }
    // Capitals cannot be undone, and a capitals line needs ! to stay action above dialogue.
    expect(seen).toEqual(['THE DOOR', '(the door)', '> THE DOOR', '.THE DOOR', '!THE DOOR'])
    view.destroy()
  })

  it('forces action with ! when the words would read as something else', () => {
    const view = editorWith('Rain.\n\nINT. HALL|')
    press(view, 'Tab')
    expect(view.state.doc.line(3).text).toBe('!INT. HALL')
    view.destroy()
  })

  it('turn an empty line into element starters and back', () => {
    const view = editorWith('Rain.\n\n|')
    const seen: string[] = []
    for (let step = 0; step < 5; step++) {
      press(view, 'Tab')
      seen.push(docWithCursor(view).split('\n')[2])
    }
    expect(seen).toEqual(['@|', '(|)', '> |', 'INT. |', '|'])
    view.destroy()
  })

  it('Shift-Tab goes the other way', () => {
    const view = editorWith('Rain.\n\nCUT TO:|')
    press(view, 'Tab', true)
    expect(view.state.doc.line(3).text).toBe('(cut to:)')
    press(view, 'Tab', true)
    expect(view.state.doc.line(3).text).toBe('@CUT TO:')
    press(view, 'Tab', true)
    expect(view.state.doc.line(3).text).toBe('!CUT TO:')
    view.destroy()
  })

  it('turns dialogue into a parenthetical', () => {
    const view = editorWith('MARTA\nquietly|')
    press(view, 'Tab')
    expect(view.state.doc.toString()).toBe('MARTA\n(quietly)')
    view.destroy()
  })

  it('leaves sections and notes to the default Tab', () => {
    const view = editorWith('# Act One|')
    expect(press(view, 'Tab')).toBe(false)
    view.destroy()
  })
})

describe('capitalisation while typing', () => {
  it('upper-cases a heading as soon as its prefix is typed', () => {
    const view = editorWith('Rain.\n\n|')
    type(view, 'int. diner - night')
    expect(docWithCursor(view)).toBe('Rain.\n\nINT. DINER - NIGHT|')
    view.destroy()
  })

  it('upper-cases a forced heading', () => {
    const view = editorWith('|')
    type(view, '.flashback')
    expect(view.state.doc.toString()).toBe('.FLASHBACK')
    view.destroy()
  })

  it('upper-cases a cue started with Tab, keeping the extension case', () => {
    const view = editorWith('Rain.\n\n|')
    press(view, 'Tab')
    type(view, "marta (cont'd)")
    expect(docWithCursor(view)).toBe("Rain.\n\n@MARTA (cont'd)|")
    press(view, 'Enter')
    type(view, 'Hello there.')
    expect(view.state.doc.toString()).toBe("Rain.\n\nMARTA (cont'd)\nHello there.")
    view.destroy()
  })

  it('upper-cases edits inside an existing cue', () => {
    const view = editorWith('MAR|\nHello.')
    type(view, 'ta')
    expect(view.state.doc.toString()).toBe('MARTA\nHello.')
    view.destroy()
  })

  it('leaves action and dialogue alone, even after a capitalised name', () => {
    const view = editorWith('Rain.\n\n|')
    type(view, 'JOHN walks in. Interior design.')
    expect(view.state.doc.line(3).text).toBe('JOHN walks in. Interior design.')
    const dialogue = editorWith('MARTA\n|')
    type(dialogue, 'int. is short for interior.')
    expect(dialogue.state.doc.line(2).text).toBe('int. is short for interior.')
    view.destroy()
    dialogue.destroy()
  })
})

describe('Enter with the completion list open', () => {
  it('accepts the completion instead of breaking the line', async () => {
    const view = editorWith('MARTA\nHi.\n\nMA|')
    startCompletion(view)
    for (let wait = 0; wait < 50 && completionStatus(view.state) !== 'active'; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(completionStatus(view.state)).toBe('active')
    // The list ignores Enter for its first moments (interactionDelay, 75 ms by default).
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(press(view, 'Enter')).toBe(true)
    expect(docWithCursor(view)).toBe('MARTA\nHi.\n\nMARTA|')
    view.destroy()
  })
})

describe('elementAtPosition', () => {
  it('reads the element at the cursor from the editor state', () => {
    const view = editorWith('INT. DINER - NIGHT\n\nJOE\n|')
    expect(elementAtPosition(view.state)).toMatchObject({ type: 'dialogue', speaker: 'JOE' })
    expect(elementAtPosition(view.state, 3).type).toBe('scene-heading')
    view.destroy()
  })
})
