// A finished snippet is normalised before the panel shows it or opens it as a document.
import { describe, expect, it } from 'vitest'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'
import { snippetCharacters } from '../../../../src/renderer/src/generate/snippet-prompt'
import { finishedSnippet } from '../../../../src/renderer/src/generate/snippet-text'

describe('finishedSnippet', () => {
  it('ends at the last whole element, not in the middle of a sentence', () => {
    const generated =
      'Eep looks down at the truck.\n\nSANDY\nWhere are the others?\n\nShe glances back. The'
    expect(finishedSnippet(generated, [])).toBe(
      'Eep looks down at the truck.\n\nSANDY\nWhere are the others?\n\nShe glances back.'
    )
    // A speech cut off before its first sentence ends goes with its cue.
    expect(finishedSnippet('He nods.\n\nSANDY\nWell I never', [])).toBe('He nods.')
  })

  it('drops page furniture and scene numbers, and capitalises what Fountain needs', () => {
    const generated = [
      'He runs.',
      '',
      '(CONTINUED)',
      '',
      '12 ext. roof - night 12',
      '',
      "SANDY (cont'd) (v.o.)",
      'Jump.',
      ''
    ].join('\n')
    const text = finishedSnippet(generated, ['SANDY'])
    expect(text).toBe('He runs.\n\nEXT. ROOF - NIGHT\n\nSANDY (V.O.)\nJump.')
    expect(parseFountain(`EXT. STREET - DAY\n\n${text}`).elements.map((e) => e.type)).toEqual([
      'scene-heading',
      'action',
      'scene-heading',
      'character',
      'dialogue'
    ])
  })

  it('drops the blank lines the model opens with (the prompt already ends on one)', () => {
    expect(finishedSnippet('\n\nRain.', [])).toBe('Rain.')
  })
})

describe('snippetCharacters', () => {
  it('reads the comma-separated field as cue names', () => {
    expect(snippetCharacters(' Mara, tomas ,, ')).toEqual(['MARA', 'TOMAS'])
  })
})
