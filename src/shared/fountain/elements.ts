/// The screenplay element model shared by the parser, the writer, pagination, import/export, the
/// editor and the AI features. Every element keeps the source range it came from, so the editor and
/// the AI features can map a cursor position to the element it is in.

/// Kinds of element in a screenplay body (Fountain spec names).
export type ElementType =
  | 'scene-heading'
  | 'action'
  | 'character'
  | 'parenthetical'
  | 'dialogue'
  | 'lyrics'
  | 'transition'
  | 'centered'
  | 'page-break'
  | 'section'
  | 'synopsis'
  | 'note'
  | 'boneyard'

/// Half-open range [from, to) of UTF-16 offsets into the source text.
export interface SourceRange {
  from: number
  to: number
}

interface ElementBase extends SourceRange {
  type: ElementType
  /// The element's text as it reads on the page (markup such as a leading `.`, `!`, `@`, `>`,
  /// `~`, `^` or a scene number removed; emphasis markers kept as written).
  text: string
}

export interface SceneHeading extends ElementBase {
  type: 'scene-heading'
  /// `#12A#` → '12A'.
  sceneNumber?: string
  /// Written with a leading `.` (not recognised by its INT./EXT. prefix).
  forced?: boolean
}

export interface CharacterCue extends ElementBase {
  type: 'character'
  /// The name without extensions: `JANE (V.O.)` → 'JANE'.
  name: string
  /// Parenthesised extensions: ['V.O.'], ["CONT'D"].
  extensions: string[]
  /// `^` after the cue: this block is the right column of dual dialogue.
  dual?: boolean
  forced?: boolean
}

export interface Action extends ElementBase {
  type: 'action'
  forced?: boolean
}

export interface Transition extends ElementBase {
  type: 'transition'
  forced?: boolean
}

export interface Section extends ElementBase {
  type: 'section'
  /// Number of `#`: 1 = act, 2 = sequence, …
  depth: number
}

export interface OtherElement extends ElementBase {
  type: 'parenthetical' | 'dialogue' | 'lyrics' | 'centered' | 'page-break' | 'synopsis' | 'note' | 'boneyard'
}

export type ScreenplayElement = SceneHeading | CharacterCue | Action | Transition | Section | OtherElement

/// One `Key: value` entry of the title page (values may span several lines).
export interface TitlePageEntry extends SourceRange {
  key: string
  /// Lines of the value, trimmed.
  lines: string[]
}

export interface Screenplay {
  titlePage: TitlePageEntry[]
  elements: ScreenplayElement[]
}
