// "Insert at cursor" puts a snippet in the script as blocks of its own: real editor states with
// history and the AI-marks state (no model: the snippet's text is given).
import { history, undo } from '@codemirror/commands'
import { EditorState, type Transaction } from '@codemirror/state'
import { describe, expect, it } from 'vitest'
import { aiMarksOf, aiMarksState } from '../../../../src/renderer/src/ai/ai-marks'
import { snippetInsertion } from '../../../../src/renderer/src/generate/insert-snippet'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'

const snippet = { typed: 'EXT. ROOF - NIGHT\n\n', written: 'Wind.\n\nMARA\nHold on.' }

// An editor's state and dispatch, without a view (commands take this pair).
function insertAt(doc: string, cursor: number, parts = snippet) {
  const target = {
    state: EditorState.create({
      doc,
      selection: { anchor: cursor },
      extensions: [history(), aiMarksState()]
    }),
    dispatch(transaction: Transaction) {
      target.state = transaction.state
    }
  }
  target.dispatch(target.state.update(snippetInsertion(target.state, parts, 'test-model', 1000)))
  return target
}

const types = (text: string) => parseFountain(text).elements.map((element) => element.type)

describe('snippetInsertion', () => {
  it('inserts the heading and the text, marking only the model text, cursor after it', () => {
    const view = insertAt('', 0)
    const text = view.state.doc.toString()
    expect(text).toBe('EXT. ROOF - NIGHT\n\nWind.\n\nMARA\nHold on.')
    expect(aiMarksOf(view.state)).toEqual([
      { from: text.indexOf('Wind.'), to: text.length, model: 'test-model', at: 1000 }
    ])
    expect(view.state.selection.main.head).toBe(text.length)
  })

  it('keeps a blank line between the snippet and the script on either side', () => {
    // At the end of a line of action: the snippet starts two lines down.
    const end = insertAt('She waits.', 'She waits.'.length).state.doc.toString()
    expect(end).toBe('She waits.\n\nEXT. ROOF - NIGHT\n\nWind.\n\nMARA\nHold on.')
    expect(types(end)).toEqual(['action', 'scene-heading', 'action', 'character', 'dialogue'])
    // On the empty line right under a line, with a line below: blank lines made on both sides.
    const middle = 'She waits.\n\nHe goes.'
    const between = insertAt(middle, 'She waits.\n'.length).state.doc.toString()
    expect(between).toBe('She waits.\n\nEXT. ROOF - NIGHT\n\nWind.\n\nMARA\nHold on.\n\nHe goes.')
    expect(types(between).at(-1)).toBe('action')
    // In the middle of a line: the line is split around the snippet.
    const split = insertAt('She waits. He goes.', 'She waits.'.length).state.doc.toString()
    expect(split).toBe('She waits.\n\nEXT. ROOF - NIGHT\n\nWind.\n\nMARA\nHold on.\n\n He goes.')
  })

  it('adds nothing where the blank lines are already there', () => {
    const doc = 'She waits.\n\n\n\nHe goes.'
    const text = insertAt(doc, 'She waits.\n\n'.length).state.doc.toString()
    expect(text).toBe('She waits.\n\nEXT. ROOF - NIGHT\n\nWind.\n\nMARA\nHold on.\n\nHe goes.')
  })

  it('inserts the model text alone for "Surprise me", all of it marked', () => {
    const view = insertAt('', 0, { typed: '', written: 'FADE IN:\n\nRain.' })
    expect(view.state.doc.toString()).toBe('FADE IN:\n\nRain.')
    expect(aiMarksOf(view.state)).toEqual([{ from: 0, to: 15, model: 'test-model', at: 1000 }])
  })

  it('is one undo step, marks included', () => {
    const view = insertAt('She waits.', 'She waits.'.length)
    undo(view)
    expect(view.state.doc.toString()).toBe('She waits.')
    expect(aiMarksOf(view.state)).toEqual([])
  })
})
