/// Loads a GPT-2 model folder in the Hugging Face layout: config.json + safetensors weights +
/// tokenizer files. Every missing or broken file gets its own message.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { err, ok, type Result } from '../../src/shared/result'
import { loadTokenizer, type Tokenizer } from '../inference/tokenizer'
import { parseGPT2Config, type GPT2Config } from './config'
import { loadGPT2Weights, type GPT2Weights } from './gpt2-weights'
import { readSafetensorsFolder } from './safetensors'

export interface LoadedModel {
  folder: string
  config: GPT2Config
  weights: GPT2Weights
  tokenizer: Tokenizer
}

/// Reads and checks `config.json`.
export function loadConfig(folder: string): Result<GPT2Config> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    return err(
      'not-found',
      `The model folder ${folder} does not exist. Choose a folder that holds a GPT-2 model.`
    )
  }
  const path = join(folder, 'config.json')
  if (!existsSync(path)) {
    return err(
      'not-found',
      `The model folder ${folder} has no config.json. Choose a Hugging Face model folder (config.json, model.safetensors, tokenizer.json).`
    )
  }
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    return err(
      'model-error',
      `${path} is not valid JSON (${(error as Error).message}). Re-download the model.`
    )
  }
  return parseGPT2Config(json)
}

/// Loads config and weights (no tokenizer): what the ONNX compiler and the tests need.
export function loadConfigAndWeights(
  folder: string
): Result<{ config: GPT2Config; weights: GPT2Weights }> {
  const config = loadConfig(folder)
  if (!config.ok) return config
  const store = readSafetensorsFolder(folder)
  if (!store.ok) return store
  const weights = loadGPT2Weights(config.value, store.value)
  if (!weights.ok) return weights
  return ok({ config: config.value, weights: weights.value })
}

/// Loads everything a model folder holds.
export function loadModel(folder: string): Result<LoadedModel> {
  const model = loadConfigAndWeights(folder)
  if (!model.ok) return model
  const tokenizer = loadTokenizer(folder)
  if (!tokenizer.ok) return tokenizer
  return ok({ folder, ...model.value, tokenizer: tokenizer.value })
}
