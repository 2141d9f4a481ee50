import { describe, expect, it } from 'vitest'
import { gpt2ConfigToJson, parseGPT2Config } from '../../../../training/model/config'
import { unwrap } from '../../../../src/shared/result'

// Abridged from the hub's config.json files of gpt2, distilgpt2 and gpt2-medium.
const GPT2 = {
  activation_function: 'gelu_new',
  architectures: ['GPT2LMHeadModel'],
  bos_token_id: 50256,
  eos_token_id: 50256,
  layer_norm_epsilon: 1e-5,
  model_type: 'gpt2',
  n_ctx: 1024,
  n_embd: 768,
  n_head: 12,
  n_layer: 12,
  n_positions: 1024,
  vocab_size: 50257
}
const DISTILGPT2 = { ...GPT2, _num_labels: 1, n_layer: 6 }
const GPT2_MEDIUM = { ...GPT2, n_embd: 1024, n_head: 16, n_layer: 24, n_special: 0 }

describe('parseGPT2Config', () => {
  it('reads gpt2, distilgpt2 and gpt2-medium', () => {
    const gpt2 = unwrap(parseGPT2Config(GPT2))
    expect(gpt2).toMatchObject({ layers: 12, heads: 12, embeddingSize: 768, innerSize: 3072 })
    expect(gpt2).toMatchObject({ contextLength: 1024, vocabSize: 50257, eosTokenId: 50256 })
    expect(gpt2.tieWordEmbeddings).toBe(true)
    expect(unwrap(parseGPT2Config(DISTILGPT2)).layers).toBe(6)
    expect(unwrap(parseGPT2Config(GPT2_MEDIUM))).toMatchObject({
      layers: 24,
      heads: 16,
      embeddingSize: 1024
    })
  })

  it('round-trips through gpt2ConfigToJson', () => {
    const config = unwrap(parseGPT2Config({ ...GPT2, n_inner: 1000, layer_norm_epsilon: 1e-6 }))
    expect(unwrap(parseGPT2Config(gpt2ConfigToJson(config)))).toEqual(config)
  })

  it('names an unknown architecture', () => {
    const result = parseGPT2Config({ model_type: 'llama', architectures: ['LlamaForCausalLM'] })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/'llama' \(LlamaForCausalLM\).*GPT-2/)
  })

  it('lists every problem of a broken config', () => {
    const result = parseGPT2Config({ ...GPT2, n_head: 7, activation_function: 'relu', n_layer: 0 })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.message).toMatch(/n_layer must be a positive integer/)
      expect(result.error.message).toMatch(/activation_function "relu"/)
      expect(result.error.message).toMatch(/divisible by n_head \(7\)/)
    }
    expect(parseGPT2Config([1, 2]).ok).toBe(false)
  })
})
