/// Tab cycling of a line's element type: action → character → parenthetical → transition → scene
/// heading → action, by rewriting the line's Fountain markup. Pure functions over line text.

import type { ElementType } from '../../../shared/fountain/elements'
import {
  hasSceneHeadingPrefix,
  isAllCaps,
  isCueText,
  isForcedSceneHeading,
  isParentheticalText,
  isTransitionText
} from '../../../shared/fountain/line-patterns'

/// The element types Tab cycles through, in order.
export const elementCycle = [
  'action',
  'character',
  'parenthetical',
  'transition',
  'scene-heading'
] as const

/// One of the types in `elementCycle`.
export type CycleType = (typeof elementCycle)[number]

/// Where a line stands in the cycle, read from its markup (so that a freshly rewritten line keeps
/// its place even before it parses as that element). Dialogue sits between character and
/// parenthetical. Undefined for lines Tab leaves alone (title page, sections, notes…).
export function cycleTypeOfLine(
  text: string,
  parsedType: ElementType | 'title-page' | undefined
): CycleType | 'dialogue' | undefined {
  const trimmed = text.trim()
  if (parsedType === 'dialogue') return 'dialogue'
  if (parsedType !== undefined && !(elementCycle as readonly string[]).includes(parsedType)) {
    return undefined
  }
  if (trimmed === '') return 'action'
  // Force markers first: they say what the writer chose.
  if (trimmed[0] === '!') return 'action'
  if (trimmed[0] === '@') return 'character'
  if (trimmed[0] === '>') return 'transition'
  if (isForcedSceneHeading(trimmed)) return 'scene-heading'
  if (isParentheticalText(trimmed)) return 'parenthetical'
  if (hasSceneHeadingPrefix(trimmed)) return 'scene-heading'
  if (isTransitionText(trimmed)) return 'transition'
  if (isCueText(trimmed)) return 'character'
  return 'action'
}

/// The next type in the cycle (`step` 1 for Tab, -1 for Shift-Tab).
export function nextCycleType(current: CycleType | 'dialogue', step: 1 | -1): CycleType {
  if (current === 'dialogue') return step === 1 ? 'parenthetical' : 'character'
  const index = elementCycle.indexOf(current)
  return elementCycle[(index + step + elementCycle.length) % elementCycle.length]
}

/// The line's words without the markup of its current type.
export function bareLineText(text: string, current: CycleType | 'dialogue'): string {
  const trimmed = text.trim()
  switch (current) {
    case 'action':
      return trimmed.replace(/^!/, '')
    case 'character':
      return trimmed.replace(/^@/, '').trim()
    case 'parenthetical':
      return isParentheticalText(trimmed) ? trimmed.slice(1, -1).trim() : trimmed
    case 'transition':
      return trimmed.replace(/^>/, '').trim()
    case 'scene-heading':
      // `INT.` alone is the starter an empty line got: cycling on gives the empty line back.
      if (trimmed.toUpperCase() === 'INT.') return ''
      return isForcedSceneHeading(trimmed) ? trimmed.slice(1).trim() : trimmed
    case 'dialogue':
      return trimmed
  }
}

/// Writes bare words as a line of the target type, forcing with `!`, `@`, `>` or `.` where the
/// plain words would be read as something else. An empty line gets a starter: `@`, `()`, `> `,
/// `INT. `.
export function dressLineText(bare: string, target: CycleType): string {
  switch (target) {
    case 'action': {
      const ambiguous =
        bare !== '' &&
        ('!@.>~=#'.includes(bare[0]) ||
          hasSceneHeadingPrefix(bare) ||
          isTransitionText(bare) ||
          isCueText(bare) ||
          isParentheticalText(bare))
      return ambiguous ? `!${bare}` : bare
    }
    case 'character': {
      const upper = bare.toUpperCase()
      return isCueText(upper) ? upper : `@${upper}`
    }
    case 'parenthetical':
      return `(${isAllCaps(bare) ? bare.toLowerCase() : bare})`
    case 'transition': {
      const upper = bare.toUpperCase()
      return isTransitionText(upper) ? upper : `> ${upper}`
    }
    case 'scene-heading': {
      const upper = bare.toUpperCase()
      if (upper === '') return 'INT. '
      return hasSceneHeadingPrefix(upper) ? upper : `.${upper}`
    }
  }
}

/// Rewrites a line one step along the cycle; undefined when Tab should leave the line alone.
export function cycleLine(
  text: string,
  parsedType: ElementType | 'title-page' | undefined,
  step: 1 | -1
): string | undefined {
  const current = cycleTypeOfLine(text, parsedType)
  if (current === undefined) return undefined
  return dressLineText(bareLineText(text, current), nextCycleType(current, step))
}
