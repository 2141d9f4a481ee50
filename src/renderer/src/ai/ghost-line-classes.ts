/// Lays out ghost-text lines as the screenplay elements they will become, so a suggested cue sits
/// at the cue indent and its dialogue at the dialogue indent before the writer accepts them.
import {
  hasSceneHeadingPrefix,
  isCueText,
  isParentheticalText,
  isTransitionText
} from '../../../shared/fountain'
import type { LineClassifier } from '../editor/ghost-text'

export const classifyGhostLine: LineClassifier = (lineText, previousLines) => {
  const line = lineText.trim()
  if (line === '') return null
  const previous = previousLines.at(-1)?.trim() ?? ''
  const inDialogueBlock =
    previous !== '' &&
    (isCueText(previous) || isParentheticalText(previous) || previousIsDialogue(previousLines))
  if (inDialogueBlock) return isParentheticalText(line) ? 'cm-sb-parenthetical' : 'cm-sb-dialogue'
  if (hasSceneHeadingPrefix(line)) return 'cm-sb-scene-heading'
  if (isTransitionText(line)) return 'cm-sb-transition'
  if (previous === '' && isCueText(line)) return 'cm-sb-character'
  return 'cm-sb-action'
}

// A line directly under a cue (with no blank line between) is dialogue, and so is the next one.
function previousIsDialogue(previousLines: readonly string[]): boolean {
  for (let index = previousLines.length - 1; index >= 0; index--) {
    const line = previousLines[index].trim()
    if (line === '') return false
    if (isCueText(line)) return true
  }
  return false
}
