import { describe, expect, it } from 'vitest'
import { formatEmphasis, parseEmphasis, plainText } from '../../../../src/shared/formats/emphasis'

describe('Fountain emphasis', () => {
  it('parses bold, italic, bold italic, underline and escapes', () => {
    expect(parseEmphasis('a **b** *c* ***d*** _e_ \\*f\\*')).toEqual([
      { text: 'a ' },
      { text: 'b', bold: true },
      { text: ' ' },
      { text: 'c', italic: true },
      { text: ' ' },
      { text: 'd', bold: true, italic: true },
      { text: ' ' },
      { text: 'e', underline: true },
      { text: ' *f*' }
    ])
  })

  it('leaves unpaired markers as text', () => {
    expect(plainText('5 * 3 = 15 and snake_case')).toBe('5 * 3 = 15 and snake_case')
  })

  it('round-trips styled runs through markup', () => {
    const runs = [
      { text: 'plain *star* ' },
      { text: 'bold', bold: true },
      { text: 'both', bold: true, italic: true },
      { text: 'under bold', bold: true, underline: true },
      { text: ' end_' }
    ]
    expect(parseEmphasis(formatEmphasis(runs))).toEqual(runs)
  })

  it('prints text without markers or inline notes', () => {
    expect(plainText('He *runs* [[check this]] home.')).toBe('He runs home.')
  })
})
