// Continuing an open scene, over a tiny FAKE vocabulary (token id → text): which tokens may not be
// drawn while the continuation's first line could still become a new scene heading.
import { describe, expect, it } from 'vitest'
import { constrainSceneStart } from '../../../../src/shared/generation/scene-constraint'

const vocab = [
  '\n',
  '\n\n',
  'INT',
  '.',
  ' ',
  'EXT.',
  'IN',
  'T',
  'TO',
  'Elsa',
  'ELSA',
  '.LAMP',
  'I/E',
  ' waits'
]
const decode = (ids: readonly number[]) => ids.map((id) => vocab[id]).join('')

function banned(generated: string[]): string[] {
  const logits = new Float32Array(vocab.length)
  constrainSceneStart(
    logits,
    generated.map((text) => vocab.indexOf(text)),
    decode
  )
  return vocab.filter((_, index) => logits[index] === -Infinity)
}

describe('constrainSceneStart', () => {
  it('bans the tokens that would open the first line with a scene heading', () => {
    // A forced heading (.LAMP) too; "INT" alone may still become INTO, "ELSA" a cue.
    expect(banned([])).toEqual(['EXT.', '.LAMP'])
    expect(banned(['\n\n'])).toEqual(['EXT.', '.LAMP'])
    // After INT, a dot or a space makes the line a heading ("INT waits" parses as one).
    const afterPrefix = ['.', ' ', '.LAMP', ' waits']
    expect(banned(['INT'])).toEqual(afterPrefix)
    expect(banned(['IN'])).toEqual([])
    expect(banned(['IN', 'T'])).toEqual(afterPrefix)
    expect(banned(['I/E'])).toEqual(afterPrefix)
  })

  it('lets the model go once the first line has gone another way or ended', () => {
    expect(banned(['IN', 'TO'])).toEqual([])
    expect(banned(['Elsa'])).toEqual([])
    expect(banned(['ELSA', '\n'])).toEqual([])
  })
})
