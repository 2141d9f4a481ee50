/// Where an element landed: for the page view's "page N of M" and for jumping to a page.
import type { Pagination } from './types'

/// Page number (1-based) of the first row of each printed element, by element index. Elements that
/// do not print (notes, sections, page breaks) are absent.
export function elementPages(pagination: Pagination): Map<number, number> {
  const pages = new Map<number, number>()
  for (const page of pagination.pages) {
    for (const line of page.lines) {
      for (const segment of line.right ? [line, line.right] : [line]) {
        if (segment.elementIndex >= 0 && !pages.has(segment.elementIndex)) {
          pages.set(segment.elementIndex, page.number)
        }
      }
    }
  }
  return pages
}

/// The page an element starts on, or of the nearest printed element before it; 1 when none.
export function pageOfElement(pagination: Pagination, elementIndex: number): number {
  const pages = elementPages(pagination)
  for (let index = elementIndex; index >= 0; index -= 1) {
    const page = pages.get(index)
    if (page !== undefined) return page
  }
  return 1
}
