import { describe, expect, it } from 'vitest'
import { elementAt, elementAtLine } from '../../../../src/shared/fountain/element-at'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'

const source = [
  'Title: Cursor Test', // line 1
  '', // 2
  'INT. DINER - NIGHT', // 3
  '', // 4
  'Rain on the glass.', // 5
  '', // 6
  'MARTA', // 7
  '(softly)', // 8
  'Coffee.', // 9
  '', // 10
  '', // 11
  'JOE', // 12
  '' // 13
].join('\n')
const screenplay = parseFountain(source)
const lineStart = (line: number): number =>
  source
    .split('\n')
    .slice(0, line - 1)
    .join('\n').length + (line > 1 ? 1 : 0)

describe('elementAt', () => {
  it('finds the element under the cursor, at its start, middle and end', () => {
    const heading = lineStart(3)
    expect(elementAt(screenplay, heading).type).toBe('scene-heading')
    expect(elementAt(screenplay, heading + 5).element?.text).toBe('INT. DINER - NIGHT')
    expect(elementAt(screenplay, heading + 'INT. DINER - NIGHT'.length).type).toBe('scene-heading')
    expect(elementAt(screenplay, lineStart(8) + 2)).toMatchObject({
      type: 'parenthetical',
      speaker: 'MARTA'
    })
    expect(elementAt(screenplay, lineStart(9))).toMatchObject({
      type: 'dialogue',
      speaker: 'MARTA'
    })
  })

  it('reports the title page', () => {
    expect(elementAt(screenplay, 3)).toMatchObject({ type: 'title-page', element: undefined })
    expect(elementAt(screenplay, 3).titlePageEntry?.key).toBe('Title')
  })

  it('expects action on a blank line between blocks', () => {
    expect(elementAt(screenplay, lineStart(4))).toMatchObject({
      type: 'action',
      element: undefined
    })
    expect(elementAt(screenplay, lineStart(11))).toMatchObject({ type: 'action', index: -1 })
  })

  it('expects dialogue on the line right after dialogue', () => {
    expect(elementAt(screenplay, lineStart(10))).toMatchObject({
      type: 'dialogue',
      speaker: 'MARTA'
    })
  })

  it('treats a lone capitals line as a cue being written: dialogue expected on the next line', () => {
    const joe = elementAt(screenplay, lineStart(12) + 1)
    expect(joe).toMatchObject({ type: 'action', possibleCue: true })
    expect(elementAt(screenplay, lineStart(13))).toMatchObject({ type: 'dialogue', speaker: 'JOE' })
    expect(elementAt(screenplay, lineStart(5)).possibleCue).toBe(false)
  })

  it('counts \\r\\n line breaks when given the source', () => {
    const windows = source.replace(/\n/g, '\r\n')
    const parsed = parseFountain(windows)
    const afterDialogue = windows.indexOf('Coffee.') + 'Coffee.\r\n'.length
    expect(elementAt(parsed, afterDialogue, windows)).toMatchObject({ type: 'dialogue' })
    expect(elementAt(parsed, afterDialogue + 2, windows)).toMatchObject({ type: 'action' })
  })
})

describe('elementAtLine', () => {
  it('takes 1-based line numbers', () => {
    expect(elementAtLine(screenplay, source, 3).type).toBe('scene-heading')
    expect(elementAtLine(screenplay, source, 7)).toMatchObject({
      type: 'character',
      speaker: 'MARTA'
    })
    expect(elementAtLine(screenplay, source, 13).type).toBe('dialogue')
  })
})
