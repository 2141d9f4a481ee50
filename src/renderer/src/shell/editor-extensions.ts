/// The extensions every document's editor state gets: the screenplay editor bundle (Fountain
/// classification, page theme, element keys, completion, history, search) and ghost-text
/// suggestions from the model, whose as-you-type mode lives in a compartment the settings change.
import { Compartment, type Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import type { ScriptBuddyApi } from '../../../shared/ipc/contract'
import { aiMarksState, aiModelName } from '../ai/ai-marks'
import { aiMarksView } from '../ai/ai-marks-view'
import { classifyGhostLine } from '../ai/ghost-line-classes'
import { writerTypingNotifier } from '../ai/writer-typing'
import {
  createSuggestionSource,
  type SuggestionReporter,
  type SuggestionSettings
} from '../ai/suggestion-source'
import { screenplayEditor } from '../editor'
import { ghostText, type GhostTextSnapshot } from '../editor/ghost-text'

export const ghostTextCompartment = new Compartment()
/// How AI-text marks are shown; the settings change it.
export const aiMarksViewCompartment = new Compartment()

export interface EditorExtensionOptions {
  api: ScriptBuddyApi
  suggestionSettings: () => SuggestionSettings
  /// As-you-type suggestions: null when off.
  asYouType: { delayMs: number; maxChars: number } | null
  report: SuggestionReporter
  onGhostStatus: (status: GhostTextSnapshot) => void
  /// The model whose suggestion is being accepted, for the record of AI text.
  modelName?: () => string
}

export function ghostTextExtension(
  options: EditorExtensionOptions,
  asYouType: EditorExtensionOptions['asYouType']
): Extension {
  return ghostText({
    request: createSuggestionSource(options.api, options.suggestionSettings, options.report),
    classifyLine: classifyGhostLine,
    suggestOnPause: asYouType,
    onStatus: (status) => options.onGhostStatus(status)
  })
}

export function editorExtensions(options: EditorExtensionOptions): Extension {
  return [
    screenplayEditor(),
    ghostTextCompartment.of(ghostTextExtension(options, options.asYouType)),
    aiMarksState(),
    options.modelName ? aiModelName.of(options.modelName) : [],
    aiMarksViewCompartment.of(aiMarksView({ show: true, tint: true })),
    writerTypingNotifier(() => void options.api.invoke('generation:writer-typing', {})),
    EditorView.contentAttributes.of({ 'aria-label': 'Screenplay', spellcheck: 'true' })
  ]
}
