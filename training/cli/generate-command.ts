/// `generate`: continue a prompt with the local model and print each alternative as Fountain text.
import { generate, resolveGenerationConfig } from '../../src/shared/generation'
import { encodePrompt } from '../inference/encode-prompt'
import { engineFromOptions } from './engine-options'
import { numberOption, UsageError, type CliOutput } from './run-cli'

export const GENERATE_OPTIONS = {
  prompt: { type: 'string' },
  n: { type: 'string' },
  'max-tokens': { type: 'string' },
  temperature: { type: 'string' },
  'top-k': { type: 'string' },
  'top-p': { type: 'string' },
  seed: { type: 'string' }
} as const

export async function generateCommand(
  values: Record<string, string | boolean | undefined>,
  output: CliOutput
): Promise<number> {
  if (typeof values.prompt !== 'string' || values.prompt === '') {
    throw new UsageError('generate needs --prompt TEXT.')
  }
  const prompt = values.prompt.replace(/\\n/g, '\n')
  const rows = numberOption(values, 'n', 3, (n) => Number.isInteger(n) && n >= 1 && n <= 16)!
  const maxTokens = numberOption(values, 'max-tokens', 200, (n) => Number.isInteger(n) && n >= 1)!
  const temperature = numberOption(values, 'temperature', 0.9, (n) => n > 0)!
  const topK = numberOption(values, 'top-k', 50, (n) => Number.isInteger(n) && n >= 0)!
  const topP = numberOption(values, 'top-p', 1, (n) => n > 0 && n <= 1)!
  const seed = numberOption(values, 'seed', Date.now() % 2 ** 32, Number.isInteger)!
  const engine = await engineFromOptions(values, output)
  if (!engine) return 1
  try {
    const promptIds = encodePrompt(engine.tokenizer, prompt)
    // Keep the end of a long prompt (the model continues from there), leaving room for the new tokens.
    const limit = Math.max(1, engine.model.contextLength - maxTokens)
    const kept = promptIds.slice(Math.max(0, promptIds.length - limit))
    const { eosTokenId, vocabSize } = engine.config
    const config = resolveGenerationConfig({
      eosTokenId: eosTokenId < vocabSize ? eosTokenId : null,
      alternatives: rows,
      maxNewTokens: maxTokens,
      temperature,
      topK,
      topP,
      seed
    })
    if (!config.ok) throw new UsageError(config.error.message)
    const result = await generate(engine.model, engine.tokenizer, kept, config.value)
    result.alternatives.forEach((alternative, i) => {
      output.out(`=== Alternative ${i + 1} of ${rows} ===\n${prompt}${alternative.text}\n\n`)
    })
    return 0
  } finally {
    await engine.release()
  }
}
