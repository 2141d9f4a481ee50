/// The ghost text's suggestion source: turns the editor state at the cursor into a generation
/// request (what to ask for and where to stop depends on the element at the cursor) and streams
/// the model's alternatives back as ghost-text updates.
import type { EditorState } from '@codemirror/state'
import type { ScriptBuddyApi } from '../../../shared/ipc/contract'
import type { SuggestionSource, SuggestionUpdate } from '../editor/ghost-text'
import { buildSuggestionRequest } from './suggestion-request'
import { streamGeneration } from './generation-client'

export interface SuggestionSettings {
  alternatives: number
  temperature: number
  /// Characters of script before the cursor sent as context.
  maxPromptChars: number
}

/// Reports errors and finished requests to the app (status bar, notices).
export type SuggestionReporter = (
  event:
    | { kind: 'error'; message: string }
    | { kind: 'done'; model: string; provider: string; firstTokenMs: number | null }
) => void

export function createSuggestionSource(
  api: ScriptBuddyApi,
  settings: () => SuggestionSettings,
  report: SuggestionReporter
): SuggestionSource {
  return async function* (context): AsyncIterable<SuggestionUpdate> {
    const request = buildSuggestionRequest(context.state as EditorState, context.position, {
      ...settings(),
      trigger: context.trigger,
      maxChars: context.maxChars
    })
    for await (const update of streamGeneration(api, request, context.signal)) {
      if (!('done' in update)) {
        yield update
        continue
      }
      if (!update.summary.ok) {
        if (update.summary.error.code !== 'cancelled') {
          report({ kind: 'error', message: update.summary.error.message })
        }
      } else {
        const first = update.summary.value.alternatives[0]
        report({
          kind: 'done',
          model: update.summary.value.model,
          provider: update.summary.value.provider,
          firstTokenMs: first?.timeToFirstTokenMs ?? null
        })
      }
      yield { done: true }
    }
  }
}
