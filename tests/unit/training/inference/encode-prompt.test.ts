import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  encodePrompt,
  encodePromptForWindow,
  keepPromptTail,
  MIN_PROMPT_TOKENS
} from '../../../../training/inference/encode-prompt'
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

  it('cuts a prompt too long for the window at a blank line, so no speech loses its cue', () => {
    const blocks = Array.from({ length: 40 }, (_, n) => `ELSA\nThe lamp is out on night ${n}.\n\n`)
    const ids = encodePrompt(tokenizer, `INT. LAMP ROOM - NIGHT\n\n${blocks.join('')}TOMAS\n`)
    const kept = keepPromptTail(ids, 100, (id) => tokenizer.decode([id]))
    expect(kept.length).toBeLessThanOrEqual(100)
    expect(kept.length).toBeGreaterThan(50)
    expect(tokenizer.decode(kept)).toMatch(/^ELSA\nThe lamp is out on night \d+\.\n\n/)
    expect(tokenizer.decode(kept).endsWith('TOMAS\n')).toBe(true)
    expect(keepPromptTail(ids, ids.length, (id) => tokenizer.decode([id]))).toEqual(ids)
  })

  it('gives a request for more output than its window holds what fits beside a kept prompt', () => {
    const prompt = Array.from({ length: 60 }, (_, n) => `ELSA\nNight ${n}.\n\n`).join('')
    const ids = encodePrompt(tokenizer, prompt)
    expect(ids.length).toBeGreaterThan(MIN_PROMPT_TOKENS)
    const long = encodePromptForWindow(tokenizer, prompt, 800, 512)
    expect(long.maxNewTokens).toBe(512 - MIN_PROMPT_TOKENS)
    expect(long.ids.length).toBeLessThanOrEqual(MIN_PROMPT_TOKENS)
    expect(long.ids.length + long.maxNewTokens).toBeLessThanOrEqual(512)
    // A short prompt is kept whole and the output gets the rest of the window.
    const short = encodePromptForWindow(tokenizer, 'INT. PIER - DAY\n\n', 800, 512)
    expect(short.ids).toEqual(encodePrompt(tokenizer, 'INT. PIER - DAY\n\n'))
    expect(short.maxNewTokens).toBe(512 - short.ids.length)
    // A request that fits is left as asked.
    const fits = encodePromptForWindow(tokenizer, prompt, 80, 512)
    expect(fits.maxNewTokens).toBe(80)
    expect(fits.ids.length).toBeLessThanOrEqual(432)
  })
})
