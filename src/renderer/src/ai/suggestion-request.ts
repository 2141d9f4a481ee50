/// What to ask the model for at the cursor. The element at the cursor decides it (in a cue: a name
/// from the cast; after a cue: that character's line; in action: the rest of the paragraph;
/// "continue scene": up to the next heading), through the shared context builder, which also
/// trims the script to the model's window at element boundaries.
import type { EditorState } from '@codemirror/state'
import type { GenerationRequest } from '../../../shared/ai/generation-request'
import {
  buildContinuationRequest,
  nameChoicesFor,
  type ContinuationMode,
  type ContinuationRequest
} from '../../../shared/ai/context-builder'
import type { SuggestionTrigger } from '../editor/ghost-text'

export interface SuggestionRequestOptions {
  alternatives: number
  temperature: number
  maxPromptChars: number
  /// The model's usable window in tokens (prompt + output).
  windowTokens: number
  trigger: SuggestionTrigger
  maxChars: number | null
  mode: ContinuationMode
}

/// Tokens of an as-you-type suggestion: one short element at most.
const AS_YOU_TYPE_TOKENS = 24

export interface SuggestionPlan {
  request: Omit<GenerationRequest, 'requestId'>
  /// What the context builder expects, for normalising the output.
  continuation: ContinuationRequest
}

export function buildSuggestionRequest(
  state: EditorState,
  position: number,
  options: SuggestionRequestOptions
): SuggestionPlan {
  const pause = options.trigger === 'pause'
  const continuation = buildContinuationRequest(state.doc.toString(), position, {
    maxPromptChars: options.maxPromptChars,
    windowTokens: options.windowTokens,
    mode: pause ? 'continue-element' : options.mode
  })
  return {
    continuation,
    request: {
      prompt: continuation.prompt,
      config: {
        alternatives: pause ? 1 : options.alternatives,
        temperature: options.temperature,
        maxNewTokens: pause
          ? Math.min(AS_YOU_TYPE_TOKENS, continuation.maxNewTokens)
          : continuation.maxNewTokens,
        stopAt: continuation.stopAt,
        stopStrings: continuation.stopStrings,
        nameChoices: nameChoicesFor(continuation),
        continuesScene: continuation.continuesScene
      }
    }
  }
}
