/// The screenplay editor's public surface: CodeMirror 6 extensions for Fountain screenplays.

export { screenplayEditor } from './screenplay-editor'
export type { ScreenplayEditorConfig } from './screenplay-editor'
export { fountainLanguage, elementLineClass, lineElementType } from './fountain-language'
export {
  screenplayField,
  screenplayOf,
  elementAtPosition,
  reparseScreenplay
} from './screenplay-state'
export { screenplayTheme, screenplayFont } from './screenplay-theme'
export type { ScreenplayThemeConfig } from './screenplay-theme'
export {
  elementKeymap,
  insertElementBreak,
  cycleElementForward,
  cycleElementBackward
} from './element-keymap'
export { capitaliseCuesAndHeadings } from './capitalise'
export { elementCycle, cycleLine } from './element-cycle'
export { markupRanges } from './markup-ranges'
export type { CycleType } from './element-cycle'
export {
  screenplayCompletion,
  screenplayCompletionSource,
  screenplayCompletionConfig
} from './screenplay-completion'
export type { ScreenplayCompletionConfig } from './screenplay-completion'
