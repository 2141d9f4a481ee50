import { combineConfig, Facet, type EditorState } from '@codemirror/state'
import type { EditorView } from '@codemirror/view'
import type { GhostTextSnapshot } from './state'

/// Why a suggestion was requested.
export type SuggestionTrigger = 'explicit' | 'pause'

/// What a suggestion source is asked for.
export interface SuggestionContext {
  /// The editor state when the request starts (read the text before `position` from it).
  state: EditorState
  /// Where the suggestion will be inserted: the cursor.
  position: number
  /// Aborted when the suggestion is dismissed, conflicts with an edit or is replaced; stop
  /// generating then (the extension ignores anything yielded after it).
  signal: AbortSignal
  /// `'explicit'` for the request command, `'pause'` for as-you-type mode.
  trigger: SuggestionTrigger
  /// Most characters per alternative the extension will keep (text past it is cut), or null.
  maxChars: number | null
}

/// One streamed piece of a suggestion: text appended to one alternative, or the end.
export type SuggestionUpdate =
  | {
      /// Which alternative, from 0.
      alternative: number
      /// Text appended to that alternative (may be '').
      text: string
      /// Replace the alternative's text instead of appending (a source's final, cleaned-up text).
      replace?: boolean
    }
  | { done: true }

/// Streams suggestions; injected, so the extension never knows where they come from.
export type SuggestionSource = (context: SuggestionContext) => AsyncIterable<SuggestionUpdate>

/// Gives a CSS class to one line of a suggestion as it would read once accepted.
export type LineClassifier = (lineText: string, previousLines: readonly string[]) => string | null

/// Settings for as-you-type suggestions.
export interface SuggestOnPause {
  /// Milliseconds without typing before a suggestion is requested.
  delayMs: number
  /// Most characters per alternative for these automatic suggestions.
  maxChars?: number
}

export interface GhostTextConfig {
  /// The suggestion source. Sources should stop when `signal` aborts; a source that throws shows
  /// status `'error'` with the error's message.
  request: SuggestionSource
  /// Classifies each line of the suggestion (the first line includes the document text before the
  /// cursor, the last one the text after it; `previousLines` are the lines above, oldest first, a
  /// few from the document then the suggestion's own). The class goes on that line's span, so
  /// screenplay elements can get their indents. Default: none.
  classifyLine?: LineClassifier | null
  /// Request automatically after the writer pauses typing; every conflicting edit aborts the
  /// request in flight. Default: null (only on command).
  suggestOnPause?: SuggestOnPause | null
  /// Called whenever `ghostTextState` changes (and once when the view starts), e.g. for a status
  /// chip. It must not dispatch to the view synchronously.
  onStatus?: ((status: GhostTextSnapshot, view: EditorView) => void) | null
  /// Whether `ghostText()` binds `ghostTextKeymap` at highest precedence. Default: true.
  defaultKeymap?: boolean
}

/// The combined configuration, every default filled in.
export interface ResolvedGhostTextConfig {
  request: SuggestionSource
  classifyLine: LineClassifier | null
  suggestOnPause: { delayMs: number; maxChars: number | null } | null
  onStatus: ((status: GhostTextSnapshot, view: EditorView) => void) | null
  defaultKeymap: boolean
}

const noSuggestions: SuggestionSource = () => ({
  async *[Symbol.asyncIterator]() {
    yield { done: true }
  }
})

export const ghostTextConfig = Facet.define<GhostTextConfig, ResolvedGhostTextConfig>({
  combine(configs) {
    const config = combineConfig<Required<GhostTextConfig>>(
      configs,
      {
        request: noSuggestions,
        classifyLine: null,
        suggestOnPause: null,
        onStatus: null,
        defaultKeymap: true
      },
      {
        defaultKeymap: (first, second) => first && second,
        onStatus: (first, second) => (status, view) => {
          first?.(status, view)
          second?.(status, view)
        }
      }
    )
    return {
      request: config.request,
      classifyLine: config.classifyLine,
      suggestOnPause: resolvePause(config.suggestOnPause),
      onStatus: config.onStatus,
      defaultKeymap: config.defaultKeymap
    }
  }
})

function resolvePause(pause: SuggestOnPause | null): ResolvedGhostTextConfig['suggestOnPause'] {
  if (pause == null) return null
  if (!Number.isFinite(pause.delayMs) || pause.delayMs < 0) {
    throw new RangeError(
      `ghostText: suggestOnPause.delayMs is ${pause.delayMs}; give a number of milliseconds >= 0, ` +
        'or suggestOnPause: null to suggest only on command.'
    )
  }
  const maxChars = pause.maxChars ?? null
  if (maxChars !== null && !(Number.isInteger(maxChars) && maxChars > 0)) {
    throw new RangeError(
      `ghostText: suggestOnPause.maxChars is ${maxChars}; give a whole number > 0, or leave it out.`
    )
  }
  return { delayMs: pause.delayMs, maxChars }
}
