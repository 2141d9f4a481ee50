// The on-disk forms of AI-text marks: the sidecar record and Fountain notes, round trips and the
// refusals (a sidecar whose script changed elsewhere). Fixture text is our own.
import { describe, expect, it } from 'vitest'
import {
  readNotes,
  readSidecar,
  tidyMarks,
  writeNotes,
  writeSidecar,
  type AiTextMark
} from '../../../../src/shared/ai/ai-text-marks'
import { parseFountain } from '../../../../src/shared/fountain'

const script = [
  'INT. LIGHTHOUSE - NIGHT',
  '',
  'Rain hammers the glass. ODILE winds the lamp.',
  '',
  'ODILE',
  'Nobody comes out here anymore.',
  '',
  'BRAM',
  '(quietly)',
  'Somebody did.',
  ''
].join('\n')

const at = Date.parse('2026-11-25T04:10:00Z')
function markOf(text: string, model = 'screenplay-gpt2-30m'): AiTextMark {
  const from = script.indexOf(text)
  return { from, to: from + text.length, model, at }
}

describe('sidecar record', () => {
  it('round-trips the marks of the text it was written for', () => {
    const marks = [markOf('ODILE\nNobody comes out here anymore.\n'), markOf('Somebody did.')]
    const read = readSidecar(writeSidecar(script, marks), script, 'lighthouse.fountain')
    expect(read).toEqual({ ok: true, marks })
  })

  it('is ignored with a warning when the script changed outside the app', () => {
    const sidecar = writeSidecar(script, [markOf('Somebody did.')])
    const read = readSidecar(sidecar, script.replace('Rain', 'Hail'), 'lighthouse.fountain')
    expect(read.ok).toBe(false)
    if (!read.ok) expect(read.warning).toMatch(/changed outside Script Buddy/)
  })

  it('is ignored with a warning when it is not JSON or not ours', () => {
    expect(readSidecar('{oops', script, 'x').ok).toBe(false)
    expect(readSidecar('{"format":"other"}', script, 'x').ok).toBe(false)
  })
})

describe('Fountain notes', () => {
  it('round-trips marks, whole elements and part of a line', () => {
    const marks = [
      markOf('Rain hammers the glass.'),
      markOf('ODILE\nNobody comes out here anymore.\n\n'),
      markOf('did.', 'other-model')
    ]
    const marked = writeNotes(script, marks)
    expect(marked).not.toBe(script)
    expect(readNotes(marked)).toEqual({ text: script, marks: tidyMarks(marks, script.length) })
  })

  it('puts each note on its own line after the element, so no element changes', () => {
    const marked = writeNotes(script, [markOf('Nobody comes out here anymore.')])
    expect(marked).toContain(
      'Nobody comes out here anymore.\n\n[[AI: 30 characters from 32 before this note · screenplay-gpt2-30m · 2026-11-25T04:10:00Z]]\n\nBRAM'
    )
    const types = (text: string) =>
      parseFountain(text)
        .elements.filter((element) => element.type !== 'note')
        .map((element) => `${element.type}:${element.text}`)
    expect(types(marked)).toEqual(types(script))
  })

  it('puts notes at the end when the mark is in the last element', () => {
    const text = 'BRAM\nSomebody did.'
    const marks: AiTextMark[] = [{ from: 5, to: 18, model: 'm', at }]
    const marked = writeNotes(text, marks)
    expect(marked.startsWith(`${text}\n\n[[AI: 13 characters`)).toBe(true)
    expect(readNotes(marked)).toEqual({ text, marks })
  })

  it('leaves notes the writer wrote alone', () => {
    const text = 'BRAM\nSomebody did. [[AI: check this line]]\n'
    expect(readNotes(text)).toEqual({ text, marks: [] })
  })
})
