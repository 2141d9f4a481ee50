/// The Fountain module's public surface: the element model, parser, writer, emphasis and queries.

export type {
  ElementType,
  SourceRange,
  SceneHeading,
  CharacterCue,
  Action,
  Transition,
  Section,
  OtherElement,
  ScreenplayElement,
  TitlePageEntry,
  Screenplay
} from './elements'
export { parseFountain, parseFountainRange } from './parse-fountain'
export { writeFountain, writeElement } from './write-fountain'
// Emphasis has one parser, beside the FDX code that also writes it back.
export { parseEmphasis, plainText } from '../formats/emphasis'
export type { EmphasisOptions, StyledRun } from '../formats/emphasis'
export { elementAt, elementAtLine, isPossibleCue } from './element-at'
export type { ElementContext } from './element-at'
export { scenesOf, sceneAt, castOf, locationsOf, parseSceneHeading } from './screenplay-queries'
export type { Scene, SceneHeadingParts, LocationUse } from './screenplay-queries'
export {
  hasSceneHeadingPrefix,
  isCueText,
  isTransitionText,
  isParentheticalText,
  isAllCaps,
  splitCue
} from './line-patterns'
export type { CueParts } from './line-patterns'
