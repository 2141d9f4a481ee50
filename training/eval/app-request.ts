/// The app's request for a continuation, as the quality measures send it: the settings
/// suggestion-request.ts sends (the stops, the name steering, staying in the scene), at the
/// measures' sampling (temperature 0.8, top-k 50, top-p 0.95), the prompt encoded as the inference
/// host does (generation-runner.ts), and the text normalised as the editor shows it.
import {
  knownNames,
  nameChoicesFor,
  type ContinuationRequest
} from '../../src/shared/ai/context-builder'
import {
  normaliseContinuation,
  type NormalisedContinuation
} from '../../src/shared/ai/output-normaliser'
import {
  generate,
  resolveGenerationConfig,
  type GeneratedAlternative
} from '../../src/shared/generation'
import { unwrap } from '../../src/shared/result'
import { encodePromptForWindow } from '../inference/encode-prompt'
import type { Engine } from '../inference/engine'

export interface AppRequestOptions {
  /// Generation seed.
  seed: number
  /// Fewer tokens than the request's budget (a measure that needs only the first line).
  maxNewTokens?: number
  /// Overrides the request's `continuesScene` (false: the model left free to open a new scene).
  continuesScene?: boolean
}

/// Generates one alternative for `request` as the app asks for it; also answers the prompt's
/// token count.
export async function generateAsApp(
  engine: Engine,
  request: ContinuationRequest,
  options: AppRequestOptions
): Promise<{ alternative: GeneratedAlternative; promptTokens: number }> {
  const maxNewTokens = options.maxNewTokens ?? request.maxNewTokens
  const { ids } = encodePromptForWindow(
    engine.tokenizer,
    request.prompt,
    maxNewTokens,
    engine.model.contextLength
  )
  const config = unwrap(
    resolveGenerationConfig({
      maxNewTokens,
      temperature: 0.8,
      topK: 50,
      topP: 0.95,
      seed: options.seed,
      stopAt: request.stopAt,
      stopStrings: request.stopStrings,
      nameChoices: nameChoicesFor(request),
      continuesScene: options.continuesScene ?? request.continuesScene
    })
  )
  const result = await generate(engine.model, engine.tokenizer, ids, config)
  return { alternative: result.alternatives[0], promptTokens: ids.length }
}

/// `text` as the editor shows it after `request`'s prefix.
export function normaliseAsApp(request: ContinuationRequest, text: string): NormalisedContinuation {
  return normaliseContinuation(text, {
    expect: request.expect,
    cast: knownNames(request),
    prefix: request.linePrefix,
    ...(request.speaker ? { speaker: request.speaker } : {})
  })
}
