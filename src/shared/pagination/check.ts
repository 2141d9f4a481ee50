/// Validator for laid-out pages: finds violations of the page-break rules (docs/screenplay-format.md
/// §4.4–4.5). The paginator's tests and the corpus-wide check run it on every result.
import type { LaidOutLine, Page } from './types'

export type ViolationKind =
  | 'over-full'
  | 'ends-on-heading'
  | 'ends-on-cue'
  | 'ends-on-parenthetical'
  | 'starts-with-transition'
  | 'starts-with-blank'
  | 'split-without-more'
  | 'more-without-contd'
  | 'too-few-rows-before-more'

export interface Violation {
  kind: ViolationKind
  /// Page number (1-based).
  page: number
  message: string
}

function lastContent(lines: LaidOutLine[]): LaidOutLine | undefined {
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    if (lines[index].type !== 'blank' || lines[index].right) return lines[index]
  }
  return undefined
}

/// Rows of the dialogue block that ends the page (from its cue down), or [] when the page does not
/// end inside a dialogue block.
function trailingBlock(lines: LaidOutLine[]): LaidOutLine[] {
  let start = lines.length
  while (start > 0) {
    const line = lines[start - 1]
    if (line.right || !['dialogue', 'parenthetical', 'lyrics', 'more'].includes(line.type)) break
    start -= 1
  }
  const cue = lines[start - 1]
  if (!cue || cue.type !== 'character' || cue.right) return []
  return lines.slice(start - 1)
}

/// Checks pages against the break rules. `linesPerPage` is the profile's page length. Rows marked
/// `forcedSplit` (a block taller than a page) are exempt from the sentence/minimum rules only.
export function checkPagination(pages: Page[], linesPerPage: number): Violation[] {
  const violations: Violation[] = []
  const add = (kind: ViolationKind, page: Page, message: string): void => {
    violations.push({ kind, page: page.number, message: `page ${page.number}: ${message}` })
  }
  pages.forEach((page, index) => {
    const next = pages[index + 1]
    const lines = page.lines
    if (lines.length > linesPerPage) {
      add('over-full', page, `${lines.length} rows, more than ${linesPerPage}`)
    }
    if (lines[0]?.type === 'blank' && !lines[0].right) {
      add('starts-with-blank', page, 'blank top row')
    }
    // A transition may open the script (FADE IN:) or follow a forced page break.
    const afterBreak = index === 0 || pages[index - 1].forcedBreak
    if (lines[0]?.type === 'transition' && !afterBreak) {
      add('starts-with-transition', page, 'starts with a transition')
    }
    const last = lastContent(lines)
    if (!next || !last || page.forcedBreak) return
    const forced = !!(last.forcedSplit || lines[lines.length - 2]?.forcedSplit)
    const nextFirst = next.lines[0]
    if (last.type === 'scene-heading' && nextFirst?.type !== 'scene-heading' && !forced) {
      add('ends-on-heading', page, `ends on the scene heading "${last.text}"`)
    }
    const block = trailingBlock(lines)
    const speech = block.filter((line) => line.type === 'dialogue' || line.type === 'lyrics')
    if (last.type === 'character' && !last.right && !forced) {
      add('ends-on-cue', page, `ends on the lone cue "${last.text}"`)
    } else if (block.length > 0 && speech.length === 0 && !forced) {
      add('ends-on-cue', page, `ends on the cue "${block[0].text}" with only a parenthetical`)
    }
    if (last.type === 'more') {
      const beforeMore = block[block.length - 2]
      if (beforeMore?.type === 'parenthetical' && !forced) {
        add('ends-on-parenthetical', page, '(MORE) right after a parenthetical')
      }
      if (speech.length < 2 && !forced) {
        add('too-few-rows-before-more', page, `${speech.length} speech row above (MORE)`)
      }
      if (!(nextFirst?.type === 'character' && nextFirst.contd)) {
        add('more-without-contd', page, "(MORE) but the next page does not start with a CONT'D cue")
      }
    } else if (
      block.length > 0 &&
      nextFirst &&
      ['dialogue', 'parenthetical', 'lyrics'].includes(nextFirst.type) &&
      !nextFirst.right
    ) {
      add('split-without-more', page, "speech continues on the next page without (MORE)/(CONT'D)")
    }
  })
  return violations
}
