import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { encodePrompt } from '../../../../training/inference/encode-prompt'
import { loadTokenizer } from '../../../../training/inference/tokenizer'

const MODEL = fileURLToPath(
  new URL('../../../../resources/models/screenplay-gpt2-30m', import.meta.url)
)

describe.skipIf(!existsSync(MODEL))('prompt tokenization', () => {
  const tokenizer = (() => {
    const loaded = loadTokenizer(MODEL)
    if (!loaded.ok) throw new Error(loaded.error.message)
    return loaded.value
  })()

  it('encodes a trailing blank line as it appears inside a script (two "\\n", not one "\\n\\n")', () => {
    const prompt = 'EXT. HARBOUR WALL - DAWN\n\n'
    expect(tokenizer.encode(prompt).at(-1)).toBe(628)
    const ids = encodePrompt(tokenizer, prompt)
    expect(ids.slice(-2)).toEqual([198, 198])
    expect(tokenizer.decode(ids)).toBe(prompt)
    // The same ids as the prefix of the prompt followed by more text.
    const inContext = tokenizer.encode(`${prompt}Gulls wheel overhead.`)
    expect(inContext.slice(0, ids.length)).toEqual(ids)
  })

  it('leaves prompts that end in text alone', () => {
    expect(encodePrompt(tokenizer, 'JOE')).toEqual(tokenizer.encode('JOE'))
  })
})
