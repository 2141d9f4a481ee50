// Constrained decoding of a cue, over a tiny FAKE vocabulary (token id → text): which tokens stay
// drawable while the cue line is on its way to a cast name, and when the model is left free.
import { describe, expect, it } from 'vitest'
import { constrainName } from '../../../../src/shared/generation/name-constraint'

const vocab = ['LSA', 'LI', 'AS', 'OM', '\n', ' (V.O.)', 'ARRY', 'X', ' AND', ' ']
const decode = (ids: readonly number[]) => ids.map((id) => vocab[id]).join('')
const names = ['ELSA', 'ELIAS', 'TOM']

function allowed(typed: string, generated: string[]): string[] {
  const logits = new Float32Array(vocab.length)
  const ids = generated.map((text) => vocab.indexOf(text))
  constrainName(logits, ids, { typed, names }, decode)
  return vocab.filter((_, index) => logits[index] !== -Infinity)
}

describe('constrainName', () => {
  it('keeps only tokens that continue a cast name', () => {
    expect(allowed('E', [])).toEqual(['LSA', 'LI'])
    expect(allowed('E', ['LI'])).toEqual(['AS'])
    expect(allowed('T', [])).toEqual(['OM'])
  })

  it('allows the line break or an extension once the line is a whole name, then lets go', () => {
    expect(allowed('E', ['LSA'])).toEqual(['\n', ' (V.O.)', ' '])
    // Words after a whole name would make the line action: not allowed.
    expect(allowed('E', ['LSA', ' '])).toEqual(['\n', ' (V.O.)', ' '])
    expect(allowed('E', ['LSA', ' (V.O.)'])).toEqual(vocab)
    expect(allowed('E', ['LSA', '\n'])).toEqual(vocab)
  })

  it('leaves the model free when the typed letters start no cast name', () => {
    expect(allowed('H', [])).toEqual(vocab)
    expect(allowed('EX', [])).toEqual(vocab)
  })
})
