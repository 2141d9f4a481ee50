/// How one request is decoded: sampling, penalties, stopping and how many alternatives. A plain,
/// serialisable object, so it crosses IPC unchanged; check it with `validateGenerationConfig` (or
/// build it with `resolveGenerationConfig`) at the boundary.
import { err, ok, type Result } from '../result'
import type { NameChoices } from './name-constraint'

/// Where a completion should end besides the token budget, EOS and `stopStrings`.
export type StopAt = 'none' | 'element' | 'scene'

export interface GenerationConfig {
  /// Most tokens to generate per alternative. Default 128 (a few Fountain elements). The loop also
  /// stops earlier so that prompt + generated tokens never exceed the model's context length.
  maxNewTokens: number
  /// Softmax temperature: below 1 sharpens, above 1 flattens; 0 means greedy decoding (argmax, no
  /// top-k/top-p, no RNG). Default 0.8.
  temperature: number
  /// Keep only the k most likely tokens before sampling; 0 turns it off. Default 50.
  topK: number
  /// Nucleus sampling: keep the smallest set of most likely tokens whose probability mass is at
  /// least p (always at least one token); 1 turns it off. Default 0.95.
  topP: number
  /// CTRL/Hugging Face repetition penalty over every token already in the prompt or the output:
  /// positive logits are divided by it, negative ones multiplied; 1 turns it off. Default 1.1, kept
  /// mild because screenplays legitimately repeat character names and heading words.
  repetitionPenalty: number
  /// Ban any token that would complete an n-gram of this size already present in prompt + output;
  /// 0 turns it off. Default 0: cues, headings and short lines ("INT. KITCHEN - NIGHT") recur in
  /// every script, and a ban over the prompt would forbid them.
  noRepeatNgramSize: number
  /// Seed of the random number generator (an integer in [0, 2^32)); each alternative draws from
  /// its own stream derived from it, so the same seed and prompt give the same text. Default null:
  /// a fresh seed per request, reported in the result so a take can be reproduced.
  seed: number | null
  /// Number of sequences decoded in parallel from one prompt (one batch row each). Default 1.
  alternatives: number
  /// Stop when the generated text contains one of these; the text is cut before it. Default none.
  stopStrings: readonly string[]
  /// Token that ends a sequence (GPT-2's `<|endoftext|>` is 50256); null for none. Default 50256.
  eosTokenId: number | null
  /// Also stop at a Fountain boundary: 'element' at the first blank line after some text, 'scene'
  /// before the next scene heading. Default 'none'.
  stopAt: StopAt
  /// While writing a character cue: keep the line on the way to one of these names when the model
  /// gives one of them any real chance (see name-constraint.ts). Absent or null: no constraint.
  nameChoices?: NameChoices | null
  /// The text goes on inside a scene that has its heading: its first line may not be a new scene
  /// heading (see scene-constraint.ts). Default false.
  continuesScene?: boolean
}

export const DEFAULT_GENERATION: Readonly<GenerationConfig> = Object.freeze({
  maxNewTokens: 128,
  temperature: 0.8,
  topK: 50,
  topP: 0.95,
  repetitionPenalty: 1.1,
  noRepeatNgramSize: 0,
  seed: null,
  alternatives: 1,
  stopStrings: Object.freeze([]) as readonly string[],
  eosTokenId: 50256,
  stopAt: 'none' as StopAt
})

/// Upper bound on `alternatives`: each one is a batch row with its own KV cache.
export const MAX_ALTERNATIVES = 16

const SEED_LIMIT = 2 ** 32

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value)
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

// One check per field: returns the problem in words (with the way out), or null when it is fine.
const fieldChecks: { [K in keyof GenerationConfig]-?: (value: unknown) => string | null } = {
  maxNewTokens: (value) =>
    isInteger(value) && value >= 1 ? null : 'must be a whole number of tokens, at least 1',
  temperature: (value) =>
    isFiniteNumber(value) && value >= 0 ? null : 'must be a number ≥ 0 (0 means greedy decoding)',
  topK: (value) =>
    isInteger(value) && value >= 0 ? null : 'must be a whole number ≥ 0 (0 turns top-k off)',
  topP: (value) =>
    isFiniteNumber(value) && value > 0 && value <= 1
      ? null
      : 'must be a number in (0, 1] (1 turns nucleus sampling off)',
  repetitionPenalty: (value) =>
    isFiniteNumber(value) && value > 0 ? null : 'must be a number > 0 (1 turns the penalty off)',
  noRepeatNgramSize: (value) =>
    isInteger(value) && value >= 0 ? null : 'must be a whole number ≥ 0 (0 turns the ban off)',
  seed: (value) =>
    value === null || (isInteger(value) && value >= 0 && value < SEED_LIMIT)
      ? null
      : 'must be a whole number from 0 to 4294967295, or null for a fresh seed',
  alternatives: (value) =>
    isInteger(value) && value >= 1 && value <= MAX_ALTERNATIVES
      ? null
      : `must be a whole number from 1 to ${MAX_ALTERNATIVES}`,
  stopStrings: (value) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string' && item.length > 0)
      ? null
      : 'must be a list of non-empty strings (an empty one would stop at once)',
  eosTokenId: (value) =>
    value === null || (isInteger(value) && value >= 0)
      ? null
      : 'must be a token id (a whole number ≥ 0), or null for none',
  stopAt: (value) =>
    value === 'none' || value === 'element' || value === 'scene'
      ? null
      : "must be 'none', 'element' or 'scene'",
  continuesScene: (value) =>
    value === undefined || typeof value === 'boolean' ? null : 'must be true or false',
  nameChoices: (value) => {
    if (value === undefined || value === null) return null
    const choices = value as NameChoices
    return typeof choices === 'object' &&
      typeof choices.typed === 'string' &&
      choices.typed.length <= 200 &&
      Array.isArray(choices.names) &&
      choices.names.length <= 500 &&
      choices.names.every((name) => typeof name === 'string' && name.length <= 100)
      ? null
      : 'must be null or { typed: a string, names: up to 500 names of up to 100 characters }'
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/// Checks every field of a complete config (values from IPC are checked for type too) and reports
/// all problems at once.
export function validateGenerationConfig(config: GenerationConfig): Result<GenerationConfig> {
  if (typeof config !== 'object' || config === null) {
    return err('invalid-request', 'The generation settings must be an object.')
  }
  const record = config as unknown as Record<string, unknown>
  const problems: string[] = []
  for (const key of Object.keys(fieldChecks) as (keyof GenerationConfig)[]) {
    const problem = fieldChecks[key](record[key])
    if (problem) problems.push(`${key} ${problem}; got ${describe(record[key])}.`)
  }
  if (problems.length > 0) {
    return err(
      'invalid-request',
      `Invalid generation settings: ${problems.join(' ')} Fix these values or leave them out to use the defaults.`
    )
  }
  return ok(config)
}

/// Fills unspecified fields from `DEFAULT_GENERATION`, refuses unknown ones (a typo such as
/// `top_k` must not pass silently), and validates the result.
export function resolveGenerationConfig(
  overrides: Partial<GenerationConfig> = {}
): Result<GenerationConfig> {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    return err('invalid-request', 'The generation settings must be an object.')
  }
  const unknown = Object.keys(overrides).filter((key) => !(key in fieldChecks))
  if (unknown.length > 0) {
    return err(
      'invalid-request',
      `Unknown generation setting ${unknown.map((key) => `'${key}'`).join(', ')}. ` +
        `Known settings: ${Object.keys(fieldChecks).join(', ')}.`
    )
  }
  const config: GenerationConfig = { ...DEFAULT_GENERATION }
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (config as unknown as Record<string, unknown>)[key] = value
  }
  return validateGenerationConfig(config)
}
