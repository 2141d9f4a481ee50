/// What the panels need from a pagination (page count, length, scene lengths), small enough to
/// pass from the worker each time the writer pauses; the full pages only when the page view is on.
import { parseFountain } from '../../../shared/fountain/parse-fountain'
import { paginate } from '../../../shared/pagination/paginate'
import type { PageProfile } from '../../../shared/pagination/profile'
import { sceneLengths, scriptLength, type SceneLength } from '../../../shared/pagination/timing'
import type { Pagination } from '../../../shared/pagination/types'

/// Page count and lengths of a paginated script.
export interface PaginationSummary {
  /// Numbered pages (the title page is not counted).
  pages: number
  /// Length of the script in eighths of a page.
  eighths: number
  /// Every scene's length, in script order.
  scenes: SceneLength[]
}

/// A laid-out script: always the summary; the pages themselves when they were asked for.
export interface LaidOutScript {
  summary: PaginationSummary
  pagination: Pagination | null
}

/// The summary of a pagination.
export function summarise(pagination: Pagination): PaginationSummary {
  return {
    pages: pagination.pages.length,
    eighths: scriptLength(pagination).eighths,
    scenes: sceneLengths(pagination)
  }
}

/// Parses and paginates Fountain `text`; keeps the pages only when `withPages`.
export function layOutScript(
  text: string,
  profile: PageProfile,
  withPages: boolean
): LaidOutScript {
  const pagination = paginate(parseFountain(text), profile)
  return { summary: summarise(pagination), pagination: withPages ? pagination : null }
}
