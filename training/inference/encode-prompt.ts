import type { Tokenizer } from './tokenizer'

/// Tokenizes a prompt the way the same text is tokenized inside a script. GPT-2's pre-tokenizer
/// gives a trailing "\n\n" one token (628) that mid-text blank lines never get (there they are
/// "\n", "\n"); a model that never saw 628 before a line then writes half-words ("ooking").
/// So the prompt is encoded with a letter after it, and the letter's token dropped.
export function encodePrompt(tokenizer: Tokenizer, prompt: string): number[] {
  if (!/\n$/.test(prompt)) return tokenizer.encode(prompt)
  const withSentinel = tokenizer.encode(`${prompt}A`)
  const last = withSentinel.at(-1)
  if (last !== undefined && tokenizer.decode([last]) === 'A') return withSentinel.slice(0, -1)
  return tokenizer.encode(prompt)
}
