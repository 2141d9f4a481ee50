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

/// The last `room` tokens of a prompt at most, starting at an element boundary (just after a blank
/// line) where one lies in the first half of what fits, so the model never reads half a speech
/// without its cue. Without such a boundary, the plain last `room` tokens.
export function keepPromptTail(
  ids: readonly number[],
  room: number,
  tokenText: (id: number) => string
): number[] {
  if (ids.length <= room) return [...ids]
  const start = ids.length - room
  const endsLine = (at: number) => at >= 0 && tokenText(ids[at]).endsWith('\n')
  for (let at = start; at < start + Math.floor(room / 2); at++) {
    const before = tokenText(ids[at - 1])
    if (before.endsWith('\n\n') || (before.endsWith('\n') && endsLine(at - 2))) {
      return ids.slice(at)
    }
  }
  return ids.slice(start)
}

/// Prompt tokens a request keeps at the least when it asks for more output than its window holds.
export const MIN_PROMPT_TOKENS = 64

/// A prompt's tokens and output budget for a request in a window of `windowTokens`: the prompt
/// encoded as inside a script, and cut at a blank line to leave room for the output. A request for
/// more output than fits beside its prompt gets what fits once at least MIN_PROMPT_TOKENS of the
/// prompt (or all of a shorter one) is kept: a 400-token snippet from a 512-token model.
export function encodePromptForWindow(
  tokenizer: Tokenizer,
  prompt: string,
  maxNewTokens: number,
  windowTokens: number
): { ids: number[]; maxNewTokens: number } {
  const ids = encodePrompt(tokenizer, prompt)
  const kept = Math.min(ids.length, MIN_PROMPT_TOKENS)
  const output = Math.max(1, Math.min(maxNewTokens, windowTokens - kept))
  const room = Math.max(0, windowTokens - output)
  return {
    ids: keepPromptTail(ids, room, (id) => tokenizer.decode([id])),
    maxNewTokens: output
  }
}
