import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeTokenizerFromVocab } from '../../../../training/hub/tokenizer-from-vocab'
import { loadTokenizer } from '../../../../training/inference/tokenizer'

const EMBEDDED = join(__dirname, '../../../../resources/models/screenplay-gpt2-30m')

// Repos that ship only vocab.json + merges.txt (GPT-2's older files) get a tokenizer.json built
// from them; it must tokenize exactly like the real GPT-2 tokenizer.json of the embedded model.
describe('tokenizer.json from vocab.json + merges.txt', () => {
  it('encodes and decodes like the GPT-2 tokenizer it was split from', () => {
    const reference = JSON.parse(readFileSync(join(EMBEDDED, 'tokenizer.json'), 'utf8'))
    const folder = mkdtempSync(join(tmpdir(), 'sb-vocab-'))
    writeFileSync(join(folder, 'vocab.json'), JSON.stringify(reference.model.vocab))
    const merges = (reference.model.merges as (string | string[])[]).map((merge) =>
      Array.isArray(merge) ? merge.join(' ') : merge
    )
    writeFileSync(join(folder, 'merges.txt'), `#version: 0.2\n${merges.join('\n')}\n`)
    expect(writeTokenizerFromVocab(folder).ok).toBe(true)

    const built = loadTokenizer(folder)
    const original = loadTokenizer(EMBEDDED)
    if (!built.ok || !original.ok) throw new Error('tokenizers did not load')
    const text =
      "INT. LIGHTHOUSE - NIGHT\n\nMARGIT (60s) winds the lamp.\n\nMARGIT\nIt's 3 o'clock, Jonas.<|endoftext|>"
    expect(built.value.encode(text)).toEqual(original.value.encode(text))
    expect(built.value.decode(built.value.encode(text))).toBe(text)
    expect(built.value.eosTokenId).toBe(50256)
  })

  it('says what to do when the files are unreadable', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sb-vocab-'))
    writeFileSync(join(folder, 'vocab.json'), '{not json')
    writeFileSync(join(folder, 'merges.txt'), '')
    const result = writeTokenizerFromVocab(folder)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/Download the model again/)
  })
})
