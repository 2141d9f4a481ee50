import { describe, expect, it } from 'vitest'
// parseEmphasis with inline notes reported as runs (`{ notes: true }`, for display and model
// input), and plainText, which drops notes. Moved here when the Fountain module's own emphasis
// parser was merged into this one.
import { formatEmphasis, parseEmphasis, plainText } from '../../../../src/shared/formats/emphasis'

function styles(text: string): string[] {
  return parseEmphasis(text, { notes: true }).map((run) => {
    const flags = [run.bold && 'b', run.italic && 'i', run.underline && 'u', run.note && 'n']
    return `${flags.filter(Boolean).join('')}:${run.text}`
  })
}

describe('parseEmphasis', () => {
  it('splits italic, bold, bold italic and underline', () => {
    expect(styles('a *it* **bo** ***bi*** _un_ z')).toEqual([
      ':a ',
      'i:it',
      ': ',
      'b:bo',
      ': ',
      'bi:bi',
      ': ',
      'u:un',
      ': z'
    ])
  })

  it('nests underline with italic and bold', () => {
    expect(styles('_*under italic*_ **_bold under_**')).toEqual([
      'iu:under italic',
      ': ',
      'bu:bold under'
    ])
  })

  it('keeps unclosed markers and escaped ones as literal text', () => {
    expect(styles('2 * 3 = 6')).toEqual([':2 * 3 = 6'])
    expect(styles('What the f\\*ck \\_x\\_')).toEqual([':What the f*ck _x_'])
    expect(styles('snake_case')).toEqual([':snake_case'])
  })

  it('marks inline notes and plainText drops them', () => {
    expect(styles('He waits.[[too long?]] Then *goes*.')).toEqual([
      ':He waits.',
      'n:too long?',
      ': Then ',
      'i:goes',
      ':.'
    ])
    expect(plainText('He waits.[[too long?]] Then *goes*.')).toBe('He waits. Then goes.')
  })

  it('returns no runs for empty text', () => {
    expect(parseEmphasis('')).toEqual([])
  })

  it('keeps markup inside a note literal, and leaves notes as text unless asked', () => {
    expect(styles('Go [[*not* _styled_]] now')).toEqual([':Go ', 'n:*not* _styled_', ': now'])
    expect(styles('An open [[note')).toEqual([':An open [[note'])
    expect(parseEmphasis('a [[n]] b')).toEqual([{ text: 'a [[n]] b' }])
  })

  it('writes note runs back as notes', () => {
    const text = 'He *waits*.[[too long?]] Then goes.'
    expect(formatEmphasis(parseEmphasis(text, { notes: true }))).toBe(text)
  })
})
