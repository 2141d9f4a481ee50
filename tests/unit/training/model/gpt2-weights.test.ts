import { describe, expect, it } from 'vitest'
import { gpt2WeightsToTensors, loadGPT2Weights } from '../../../../training/model/gpt2-weights'
import {
  encodeSafetensors,
  parseSafetensors,
  type NamedTensor,
  type TensorStore
} from '../../../../training/model/safetensors'
import { unwrap } from '../../../../src/shared/result'
import { createTinyGPT2 } from '../../../fixtures/models/tiny-gpt2'

function storeOf(tensors: NamedTensor[]): TensorStore {
  const entries = unwrap(parseSafetensors(encodeSafetensors(tensors), 'test.safetensors'))
  return {
    files: ['test.safetensors'],
    names: () => [...entries.keys()],
    info: (name) => entries.get(name),
    float32: (name) =>
      new Float32Array(Uint8Array.prototype.slice.call(entries.get(name)!.bytes).buffer)
  }
}

describe('loadGPT2Weights', () => {
  const { config, weights } = createTinyGPT2({ seed: 7 })
  const tensors = gpt2WeightsToTensors(config, weights)

  it('maps Hugging Face names and ties the output embedding when lm_head is absent', () => {
    expect(tensors.map((t) => t.name)).toContain('transformer.h.1.attn.c_attn.weight')
    expect(tensors.map((t) => t.name)).not.toContain('lm_head.weight')
    const loaded = unwrap(loadGPT2Weights(config, storeOf(tensors)))
    expect(loaded.blocks).toHaveLength(2)
    expect([...loaded.blocks[1].attentionWeight]).toEqual([...weights.blocks[1].attentionWeight])
    expect(loaded.outputEmbedding).toBe(loaded.tokenEmbedding)
  })

  it('accepts names without the transformer. prefix and an untied lm_head', () => {
    const untied = createTinyGPT2({ seed: 7, untied: true })
    const bare = gpt2WeightsToTensors(untied.config, untied.weights).map((t) => ({
      ...t,
      name: t.name.replace(/^transformer\./, '')
    }))
    const loaded = unwrap(loadGPT2Weights(untied.config, storeOf(bare)))
    expect(loaded.outputEmbedding).not.toBe(loaded.tokenEmbedding)
    expect([...loaded.outputEmbedding]).toEqual([...untied.weights.outputEmbedding])
  })

  it('names the tensor whose shape does not match the config', () => {
    const wrong = tensors.map((t) =>
      t.name === 'transformer.h.0.mlp.c_fc.weight' ? { ...t, shape: [t.shape[1], t.shape[0]] } : t
    )
    const result = loadGPT2Weights(config, storeOf(wrong))
    expect(!result.ok && result.error.message).toMatch(
      /'transformer\.h\.0\.mlp\.c_fc\.weight' has shape \[128,32\] but the config needs \[32,128\]/
    )
  })

  it('names missing tensors and extra layers', () => {
    const missing = loadGPT2Weights(
      config,
      storeOf(tensors.filter((t) => t.name !== 'transformer.ln_f.bias'))
    )
    expect(!missing.ok && missing.error.message).toMatch(/'transformer\.ln_f\.bias' is missing/)
    const fewerLayers = loadGPT2Weights({ ...config, layers: 1 }, storeOf(tensors))
    expect(!fewerLayers.ok && fewerLayers.error.message).toMatch(/more than n_layer = 1 blocks/)
  })
})
