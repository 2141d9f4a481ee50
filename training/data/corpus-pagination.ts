/// Imports corpus scripts with the IMSDb reader, paginates them and checks every page against the
/// break rules. Used by the unit test (a sample) and by check-corpus-pagination.ts (all 369).
import { imsdbToScreenplay } from '../../src/shared/formats/imsdb'
import { checkPagination, type Violation } from '../../src/shared/pagination/check'
import { paginate } from '../../src/shared/pagination/paginate'
import { LETTER, type PageProfile } from '../../src/shared/pagination/profile'
import { readCorpus, type ReadCorpusOptions } from './corpus'

export interface CorpusPaginationReport {
  scripts: number
  elements: number
  pages: number
  /// Page breaks that had to ignore the rules (a block taller than a page without sentence ends).
  forcedSplits: number
  /// Dialogue breaks with (MORE)/(CONT'D).
  dialogueSplits: number
  violations: Array<Violation & { slug: string }>
  /// Time spent importing and paginating, without reading and unzipping the corpus.
  importMilliseconds: number
  paginateMilliseconds: number
  /// Page counts per script, with the last page number the transcript itself prints (from its
  /// page-number lines) where it has a run of them: an outside reference for the page count.
  pageCounts: Array<{ slug: string; pages: number; printedPages: number | null }>
}

/// The last page number of the transcript's own page-number lines (`57.` alone on a line), when
/// they count up from the start without long gaps and reach at least 40; otherwise null.
export function printedPageCount(text: string): number | null {
  const numbers = new Set<number>()
  for (const line of text.split('\n')) {
    const match = /^\s*(\d{1,3})\.?\s*$/.exec(line)
    if (match) numbers.add(Number(match[1]))
  }
  if (numbers.size < 40) return null
  let last = 0
  for (let page = 1; page < 1000 && page <= last + 4; page += 1) if (numbers.has(page)) last = page
  return last >= 40 ? last : null
}

/// Runs the check over the corpus scripts selected by `options`.
export async function checkCorpusPagination(
  options: ReadCorpusOptions = {},
  profile: PageProfile = LETTER
): Promise<CorpusPaginationReport> {
  const report: CorpusPaginationReport = {
    scripts: 0,
    elements: 0,
    pages: 0,
    forcedSplits: 0,
    dialogueSplits: 0,
    violations: [],
    importMilliseconds: 0,
    paginateMilliseconds: 0,
    pageCounts: []
  }
  for await (const script of readCorpus(options)) {
    const imported = performance.now()
    const screenplay = imsdbToScreenplay(script.text)
    const laidOut = performance.now()
    const pagination = paginate(screenplay, profile)
    const done = performance.now()
    report.importMilliseconds += laidOut - imported
    report.paginateMilliseconds += done - laidOut
    report.scripts += 1
    report.elements += screenplay.elements.length
    report.pages += pagination.pages.length
    report.pageCounts.push({
      slug: script.slug,
      pages: pagination.pages.length,
      printedPages: printedPageCount(script.text)
    })
    for (const page of pagination.pages) {
      for (const line of page.lines) {
        if (line.forcedSplit) report.forcedSplits += 1
        if (line.more) report.dialogueSplits += 1
      }
    }
    for (const violation of checkPagination(pagination.pages, profile.linesPerPage)) {
      report.violations.push({ ...violation, slug: script.slug })
    }
  }
  return report
}
