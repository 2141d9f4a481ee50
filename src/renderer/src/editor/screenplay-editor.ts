/// Everything a screenplay editor needs, in one extension: Fountain classification, the page theme,
/// the element keymap, completion, history, search and the default keymap.
///
/// The cursor and selection are the browser's own, not CodeMirror's `drawSelection`. Its drawn
/// selection sits in a layer under the content, and the page's white background hid it: a writer
/// could not see what they had selected. Its drawn cursor also cost every key a measure, a layer
/// update and a restart of the blink animation: input + frame work per key 9.9 → 7.8 ms on average
/// in Chromium on the 2-core VM, keydown → paint p95 22.9 → 15.7 ms (BENCHMARKS.md, session 8).

import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search'
import type { Extension } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { elementKeymap } from './element-keymap'
import { fountainLanguage } from './fountain-language'
import { screenplayCompletion, type ScreenplayCompletionConfig } from './screenplay-completion'
import { screenplayTheme, type ScreenplayThemeConfig } from './screenplay-theme'

/// Options for `screenplayEditor`. Every part is on unless switched off.
export interface ScreenplayEditorConfig {
  /// Page theme options; `false` leaves the look to the caller.
  theme?: ScreenplayThemeConfig | false
  /// Completion word lists; `false` turns model-free completion off.
  completion?: ScreenplayCompletionConfig | false
  /// Enter/Tab element behaviour and capitalisation; on by default.
  elementKeys?: boolean
}

/// The screenplay editor bundle. Add it to an `EditorState`'s extensions, next to app-specific
/// ones (ghost text, document sync).
export function screenplayEditor(config: ScreenplayEditorConfig = {}): Extension {
  return [
    fountainLanguage(),
    config.theme === false ? [] : screenplayTheme(config.theme ?? {}),
    config.elementKeys === false ? [] : elementKeymap(),
    config.completion === false ? [] : screenplayCompletion(config.completion ?? {}),
    history(),
    highlightSelectionMatches(),
    EditorView.lineWrapping,
    // autocompletion() installs its own keymap at the highest precedence.
    keymap.of([...searchKeymap, ...historyKeymap, ...defaultKeymap])
  ]
}
