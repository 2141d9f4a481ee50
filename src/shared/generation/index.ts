/// Text generation for Script Buddy: the decode loop and its small pure parts (config, seeded
/// random numbers, logits processors, sampler, stopping rules), over an injected model and decoder.
export type { DecodeModel, TokenDecoder } from './model'
export {
  DEFAULT_GENERATION,
  MAX_ALTERNATIVES,
  resolveGenerationConfig,
  validateGenerationConfig,
  type GenerationConfig,
  type StopAt
} from './config'
export { createRandom, freshSeed, randomStreams, type Random } from './random'
export {
  applyRepetitionPenalty,
  applyTemperature,
  banRepeatedNgrams,
  bannedNgramTokens,
  composeProcessors,
  keepTopK,
  keepTopP,
  logitsProcessorsFor,
  topIndices,
  type LogitsProcessor
} from './logits-processors'
export { greedyToken, sampleToken, samplerFor, type Sampler } from './sampler'
export {
  aborted,
  boundaryStop,
  endOfElement,
  endOfScene,
  endOfSequence,
  findTextStop,
  heldBackLength,
  maxTokens,
  stopStrings,
  type FinishReason,
  type TextStop,
  type TokenStop
} from './stopping'
export { TextStream } from './text-stream'
export {
  generate,
  type GenerateOptions,
  type GeneratedAlternative,
  type GenerationResult,
  type GenerationTiming,
  type TokenEvent
} from './generate'
export {
  adaptToFormat,
  MODEL_TEXT_FORMATS,
  type FormatAdapter,
  type ModelTextFormat
} from './text-format'
