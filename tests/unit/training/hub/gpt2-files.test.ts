import { describe, expect, it } from 'vitest'
import { chooseGpt2Files } from '../../../../training/hub/gpt2-files'
import type { HubFile } from '../../../../training/hub/hub-repo'

const file = (path: string): HubFile => ({ path, size: 10, sha256: null, gitBlobId: null })

describe('choosing the files of a GPT-2 repository', () => {
  it('takes config, tokenizer, optional configs and safetensors, and leaves the other formats', () => {
    const chosen = chooseGpt2Files(
      'gpt2',
      [
        'config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        'generation_config.json',
        'vocab.json',
        'merges.txt',
        'model.safetensors',
        'pytorch_model.bin',
        'tf_model.h5',
        'onnx/decoder_model.onnx',
        'README.md'
      ].map(file)
    )
    if (!chosen.ok) throw new Error(chosen.error.message)
    expect(chosen.value.files.map((f) => f.path).sort()).toEqual(
      [
        'config.json',
        'generation_config.json',
        'model.safetensors',
        'tokenizer.json',
        'tokenizer_config.json'
      ].sort()
    )
    expect(chosen.value.tokenizerFromVocab).toBe(false)
  })

  it('takes every shard with their index', () => {
    const chosen = chooseGpt2Files(
      'big',
      [
        'config.json',
        'tokenizer.json',
        'model.safetensors.index.json',
        'model-00001-of-00002.safetensors',
        'model-00002-of-00002.safetensors'
      ].map(file)
    )
    if (!chosen.ok) throw new Error(chosen.error.message)
    expect(chosen.value.files).toHaveLength(5)
  })

  it('builds the tokenizer from vocab.json + merges.txt when there is no tokenizer.json', () => {
    const chosen = chooseGpt2Files(
      'old',
      ['config.json', 'vocab.json', 'merges.txt', 'model.safetensors'].map(file)
    )
    expect(chosen.ok && chosen.value.tokenizerFromVocab).toBe(true)
  })

  it('refuses a repository without a tokenizer, saying what is missing', () => {
    const chosen = chooseGpt2Files('bare', ['config.json', 'model.safetensors'].map(file))
    expect(chosen.ok).toBe(false)
    if (!chosen.ok) expect(chosen.error.message).toMatch(/has no tokenizer \(tokenizer\.json/)
  })
})
