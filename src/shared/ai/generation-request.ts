/// A request to continue text with the model, as the renderer sends it and the inference host
/// runs it; and what comes back. Tokens stream as 'generation:token' events under `requestId`.
import type { FinishReason, GenerationConfig } from '../generation'

export interface GenerationRequest {
  /// Chosen by the caller (the renderer), so it can cancel and drop stale tokens by id.
  requestId: string
  /// The text to continue (already in the model's format: compact Fountain for the default model).
  prompt: string
  /// Overrides of DEFAULT_GENERATION; the host validates them and explains what is wrong.
  config?: Partial<GenerationConfig>
}

export interface GeneratedText {
  text: string
  finishReason: FinishReason
  tokens: number
  timeToFirstTokenMs: number | null
  tokensPerSecond: number | null
  /// Longest run of consecutive words repeated from the model's training scripts (0 when none of
  /// 12 or more, or when the model has no index of them).
  copiedWords: number
}

export interface GenerationSummary {
  requestId: string
  alternatives: GeneratedText[]
  /// The seed used (reuse it to get the same text again).
  seed: number
  promptTokens: number
  /// Prompt tokens whose KV cache was reused from the previous request.
  cachedPromptTokens: number
  prefillMs: number
  /// Tokens of prompt + output the model can attend to (its trained context); prompts are cut to
  /// fit beside the output.
  windowTokens: number
  /// Which model and execution provider ran it, for the status bar.
  model: string
  provider: string
  /// Providers tried before `provider` and why each could not be used (shown in the model manager).
  providerFallbacks?: { provider: string; reason: string }[]
}

export interface GenerationToken {
  requestId: string
  alternative: number
  text: string
}
