import { describe, expect, it } from 'vitest'
import {
  DEFAULT_GENERATION,
  resolveGenerationConfig,
  validateGenerationConfig,
  type GenerationConfig
} from '../../../../src/shared/generation/config'

function problemWith(overrides: Partial<GenerationConfig>): string {
  const result = validateGenerationConfig({ ...DEFAULT_GENERATION, ...overrides })
  return result.ok ? '' : result.error.message
}

describe('generation config', () => {
  it('accepts the defaults', () => {
    expect(validateGenerationConfig({ ...DEFAULT_GENERATION }).ok).toBe(true)
  })

  it.each([
    [{ maxNewTokens: 0 }, 'maxNewTokens'],
    [{ maxNewTokens: 2.5 }, 'maxNewTokens'],
    [{ temperature: -0.1 }, 'temperature'],
    [{ temperature: Number.NaN }, 'temperature'],
    [{ topK: -1 }, 'topK'],
    [{ topP: 0 }, 'topP'],
    [{ topP: 1.5 }, 'topP'],
    [{ repetitionPenalty: 0 }, 'repetitionPenalty'],
    [{ noRepeatNgramSize: -2 }, 'noRepeatNgramSize'],
    [{ seed: -1 }, 'seed'],
    [{ seed: 2 ** 32 }, 'seed'],
    [{ alternatives: 0 }, 'alternatives'],
    [{ alternatives: 17 }, 'alternatives'],
    [{ stopStrings: [''] }, 'stopStrings'],
    [{ eosTokenId: -5 }, 'eosTokenId'],
    [{ stopAt: 'page' as never }, 'stopAt']
  ])('refuses %o, naming %s and the value', (overrides, field) => {
    const message = problemWith(overrides)
    expect(message).toContain(`${field} must`)
    expect(message).toContain(`got ${JSON.stringify(Object.values(overrides)[0]) ?? ''}`)
  })

  it('reports every problem at once, with what to do', () => {
    const message = problemWith({ topP: 2, topK: -1 })
    expect(message).toContain('topP must be a number in (0, 1]')
    expect(message).toContain('topK must')
    expect(message).toContain('leave them out to use the defaults')
  })

  it('resolves overrides over the defaults and refuses unknown fields', () => {
    const resolved = resolveGenerationConfig({ topK: 5, seed: undefined })
    expect(resolved.ok && resolved.value).toEqual({ ...DEFAULT_GENERATION, topK: 5 })
    const typo = resolveGenerationConfig({ top_k: 5 } as never)
    expect(typo.ok).toBe(false)
    expect(!typo.ok && typo.error.message).toContain("'top_k'")
  })
})
