import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadTokenizer } from '../../../../training/inference/tokenizer'
import { unwrap } from '../../../../src/shared/result'

const SHARED_MODEL = fileURLToPath(
  new URL('../../../../../shared/models/screenplay-gpt2-30m', import.meta.url)
)
const hasShared = existsSync(join(SHARED_MODEL, 'tokenizer.json'))
if (!hasShared) console.warn(`Skipping the GPT-2 tokenizer golden test: ${SHARED_MODEL} is absent.`)

// Golden values of the reference GPT-2 tokenizer (the first is transformers.js's own test case).
const GOLDEN = [
  {
    text: 'How are you doing?',
    tokens: ['How', 'Ġare', 'Ġyou', 'Ġdoing', '?'],
    ids: [2437, 389, 345, 1804, 30],
    decoded: 'How are you doing?'
  },
  {
    text: "INT. DINER - NIGHT\n\nJANE\n(quietly)\nI'm fine.<|endoftext|>",
    tokens: [
      'INT',
      '.',
      'ĠD',
      'IN',
      'ER',
      'Ġ-',
      'ĠNIGHT',
      'Ċ',
      'Ċ',
      'J',
      'ANE',
      'Ċ',
      '(',
      'quiet',
      'ly',
      ')',
      'Ċ',
      'I',
      "'m",
      'Ġfine',
      '.',
      '<|endoftext|>'
    ],
    ids: [
      12394, 13, 360, 1268, 1137, 532, 37707, 198, 198, 41, 30525, 198, 7, 39624, 306, 8, 198, 40,
      1101, 3734, 13, 50256
    ],
    decoded: "INT. DINER - NIGHT\n\nJANE\n(quietly)\nI'm fine.<|endoftext|>"
  },
  {
    text: 'naïve café 123',
    tokens: ['na', 'Ã¯ve', 'ĠcafÃ©', 'Ġ123'],
    ids: [2616, 38776, 40304, 17031],
    decoded: 'naïve café 123'
  }
]

describe.skipIf(!hasShared)('GPT-2 tokenizer of the embedded model', () => {
  const tokenizer = hasShared ? unwrap(loadTokenizer(SHARED_MODEL)) : undefined
  it.each(GOLDEN)('encodes and decodes $text', ({ text, tokens, ids, decoded }) => {
    expect(tokenizer!.tokens(text)).toEqual(tokens)
    expect(tokenizer!.encode(text)).toEqual(ids)
    expect(tokenizer!.decode(ids)).toBe(decoded)
    expect(tokenizer!.eosTokenId).toBe(50256)
  })
})

describe('loadTokenizer', () => {
  it('names the missing files', () => {
    const result = loadTokenizer('/nonexistent-model-folder')
    expect(!result.ok && result.error.message).toMatch(
      /has no tokenizer\.json or tokenizer_config\.json/
    )
  })
})
