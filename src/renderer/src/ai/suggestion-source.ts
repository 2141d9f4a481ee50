/// The ghost text's suggestion source: turns the editor state at the cursor into a generation
/// request, streams the model's alternatives back as ghost-text updates, and at the end swaps each
/// for its normalised form (capitalised cues, no page furniture, no half-finished element).
import type { EditorState } from '@codemirror/state'
import { normaliseContinuation } from '../../../shared/ai/output-normaliser'
import { knownNames, type ContinuationMode } from '../../../shared/ai/context-builder'
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
    | {
        kind: 'done'
        model: string
        provider: string
        firstTokenMs: number | null
        /// Longest run of words repeated from the model's training scripts, per alternative.
        copiedWords: number[]
      }
) => void

/// The embedded model's window, until a finished request reports the active model's.
const DEFAULT_WINDOW_TOKENS = 512
let windowTokens = DEFAULT_WINDOW_TOKENS

// The toolbar's "Continue" asks for the rest of the scene; the hotkey for the current element.
let nextMode: ContinuationMode = 'continue-element'

/// Makes the next explicit request continue the whole scene (the toolbar's "Continue").
export function continueSceneNext(): void {
  nextMode = 'continue-scene'
}

export function createSuggestionSource(
  api: ScriptBuddyApi,
  settings: () => SuggestionSettings,
  report: SuggestionReporter
): SuggestionSource {
  return async function* (context): AsyncIterable<SuggestionUpdate> {
    const mode = nextMode
    nextMode = 'continue-element'
    let plan: ReturnType<typeof buildSuggestionRequest>
    try {
      plan = buildSuggestionRequest(context.state as EditorState, context.position, {
        ...settings(),
        windowTokens,
        trigger: context.trigger,
        maxChars: context.maxChars,
        mode
      })
    } catch (error) {
      // No suggestion where the script has none to give (title page, notes, boneyard).
      if (context.trigger === 'explicit') {
        report({ kind: 'error', message: error instanceof Error ? error.message : String(error) })
      }
      yield { done: true }
      return
    }
    const raw: string[] = []
    for await (const update of streamGeneration(api, plan.request, context.signal)) {
      if (!('done' in update)) {
        raw[update.alternative] = (raw[update.alternative] ?? '') + update.text
        yield update
        continue
      }
      if (!update.summary.ok) {
        if (update.summary.error.code !== 'cancelled') {
          report({ kind: 'error', message: update.summary.error.message })
        }
      } else {
        const summary = update.summary.value
        if (summary.windowTokens > 0) windowTokens = summary.windowTokens
        for (const [alternative, generated] of summary.alternatives.entries()) {
          const normalised = normaliseContinuation(generated.text, {
            expect: plan.continuation.expect,
            cast: knownNames(plan.continuation),
            prefix: plan.continuation.linePrefix,
            ...(plan.continuation.speaker ? { speaker: plan.continuation.speaker } : {})
          })
          if (normalised.text !== raw[alternative]) {
            yield { alternative, text: normalised.text, replace: true }
          }
        }
        const first = summary.alternatives[0]
        report({
          kind: 'done',
          model: summary.model,
          provider: summary.provider,
          firstTokenMs: first?.timeToFirstTokenMs ?? null,
          copiedWords: summary.alternatives.map((alternative) => alternative.copiedWords)
        })
      }
      yield { done: true }
    }
  }
}
