/// What to ask the model for at the cursor: the script before it as context, and limits that fit
/// the trigger (a short single-element suggestion while typing; more on an explicit request).
import type { EditorState } from '@codemirror/state'
import type { GenerationRequest } from '../../../shared/ai/generation-request'
import type { SuggestionTrigger } from '../editor/ghost-text'

export interface SuggestionRequestOptions {
  alternatives: number
  temperature: number
  maxPromptChars: number
  trigger: SuggestionTrigger
  maxChars: number | null
}

const EXPLICIT_TOKENS = 120
const AS_YOU_TYPE_TOKENS = 24

export function buildSuggestionRequest(
  state: EditorState,
  position: number,
  options: SuggestionRequestOptions
): Omit<GenerationRequest, 'requestId'> {
  const before = state.doc.sliceString(Math.max(0, position - options.maxPromptChars), position)
  return {
    prompt: before,
    config: {
      alternatives: options.trigger === 'pause' ? 1 : options.alternatives,
      temperature: options.temperature,
      maxNewTokens: options.trigger === 'pause' ? AS_YOU_TYPE_TOKENS : EXPLICIT_TOKENS,
      stopAt: options.trigger === 'pause' ? 'element' : 'scene'
    }
  }
}
