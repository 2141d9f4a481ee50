/// Page count and screen time in pages and eighths (1 page ≈ 1 minute; Final Draft's "2 4/8").
import type { Screenplay } from '../fountain/elements'
import { paginate } from './paginate'
import { LETTER, type PageProfile } from './profile'
import type { Pagination } from './types'

/// Number of numbered pages (the title page is not counted).
export function pageCount(screenplay: Screenplay, profile: PageProfile = LETTER): number {
  return paginate(screenplay, profile).pages.length
}

/// `20` → "2 4/8", `3` → "3/8", `16` → "2", `0` → "0".
export function formatEighths(eighths: number): string {
  const whole = Math.floor(eighths / 8)
  const rest = eighths % 8
  if (rest === 0) return String(whole)
  return whole === 0 ? `${rest}/8` : `${whole} ${rest}/8`
}

// Rows that make one eighth of a page (55 / 8 ≈ 6.9 on Letter).
function eighthsOf(rows: number, linesPerPage: number): number {
  return Math.ceil((rows * 8) / linesPerPage - 1e-9)
}

/// Length of the script: full pages plus the used part of the last page, rounded up to eighths.
export function scriptLength(pagination: Pagination): { eighths: number; label: string } {
  const pages = pagination.pages
  const last = pages[pages.length - 1]
  const lastRows = last ? last.lines.length : 0
  const eighths = (pages.length - 1) * 8 + eighthsOf(lastRows, pagination.profile.linesPerPage)
  return { eighths: Math.max(0, eighths), label: formatEighths(Math.max(0, eighths)) }
}

/// One scene's length: from its heading's row to the next heading's row.
export interface SceneLength {
  /// Index of the scene heading in `Screenplay.elements`.
  elementIndex: number
  /// Page the scene starts on.
  page: number
  /// Rows it takes, blank rows between its elements included.
  rows: number
  /// At least 1: every scene counts as 1/8 or more.
  eighths: number
  label: string
}

/// Length of every scene in eighths of a page: the rows from its heading to the next heading,
/// without the blank rows before that heading and without the unused bottom of a page. Text before
/// the first heading is not a scene.
export function sceneLengths(pagination: Pagination): SceneLength[] {
  const perPage = pagination.profile.linesPerPage
  const scenes: SceneLength[] = []
  let current: SceneLength | null = null
  let pendingBlanks = 0
  for (const page of pagination.pages) {
    page.lines.forEach((line, row) => {
      const startsHeading =
        line.type === 'scene-heading' &&
        (row === 0 || page.lines[row - 1].elementIndex !== line.elementIndex)
      if (startsHeading) {
        current = {
          elementIndex: line.elementIndex,
          page: page.number,
          rows: 0,
          eighths: 0,
          label: ''
        }
        scenes.push(current)
        pendingBlanks = 0
      }
      if (!current) return
      if (line.type === 'blank' && !line.right) pendingBlanks += 1
      else {
        current.rows += pendingBlanks + 1
        pendingBlanks = 0
      }
    })
    pendingBlanks = 0
  }
  for (const scene of scenes) {
    scene.eighths = Math.max(1, Math.round((scene.rows * 8) / perPage))
    scene.label = formatEighths(scene.eighths)
  }
  return scenes
}
