/// Ghost text: inline, streamed suggestions shown after the cursor as decorations (never part of
/// the document or its undo history until accepted), from a source injected through config.
import { Prec, type Extension } from '@codemirror/state'
import { keymap } from '@codemirror/view'
import { ghostTextKeymap } from './commands'
import { ghostTextConfig, type GhostTextConfig } from './config'
import { ghostDecorations } from './decorations'
import { ghostTextField } from './state'
import { ghostTextPlugin } from './view'
import { ghostTextTheme } from './widget'

export {
  acceptSuggestion,
  acceptSuggestionWord,
  dismissSuggestion,
  ghostTextKeymap,
  nextSuggestion,
  previousSuggestion,
  requestSuggestion
} from './commands'
export type {
  GhostTextConfig,
  LineClassifier,
  SuggestionContext,
  SuggestionSource,
  SuggestionTrigger,
  SuggestionUpdate,
  SuggestOnPause
} from './config'
export {
  acceptedSuggestion,
  ghostTextState,
  type GhostTextSnapshot,
  type GhostTextStatus
} from './state'

/// Returns an extension that shows ghost-text suggestions streamed from `config.request`, with
/// `ghostTextKeymap` bound at highest precedence unless `defaultKeymap` is false.
export function ghostText(config: GhostTextConfig): Extension {
  return [
    ghostTextConfig.of(config),
    ghostTextField,
    ghostDecorations,
    ghostTextPlugin,
    ghostTextTheme,
    Prec.highest(
      keymap.computeN([ghostTextConfig], (state) =>
        state.facet(ghostTextConfig).defaultKeymap ? [ghostTextKeymap] : []
      )
    )
  ]
}
