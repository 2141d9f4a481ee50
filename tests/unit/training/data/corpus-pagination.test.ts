// Corpus pagination check on a deterministic sample of the IMSDb scripts (read at run time from
// ../shared, never copied). The full 369-script run is training/data/check-corpus-pagination.ts.
import { describe, expect, it } from 'vitest'
import { corpusAvailable } from '../../../../training/data/corpus'
import { checkCorpusPagination } from '../../../../training/data/corpus-pagination'

const available = corpusAvailable()
if (!available) {
  console.warn('[corpus-pagination] skipped: ../shared/data/screenplays/scripts.jsonl.gz is absent')
}

// Every third script by a fixed string hash of its slug: about 120 of 369, the same on every run.
function sampled(slug: string): boolean {
  let hash = 0
  for (const char of slug) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return hash % 3 === 0
}

describe.skipIf(!available)('pagination of corpus scripts', () => {
  it('breaks no page rule on a deterministic sample of ~120 scripts', async () => {
    const started = performance.now()
    const report = await checkCorpusPagination({ include: sampled })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(
      `[corpus-pagination] ${report.scripts} scripts, ${report.elements} elements, ${report.pages} pages, ` +
        `${report.dialogueSplits} dialogue splits, ${report.forcedSplits} forced splits, ` +
        `${report.violations.length} violations in ${seconds} s (import ` +
        `${(report.importMilliseconds / 1000).toFixed(1)} s, paginate ${(report.paginateMilliseconds / 1000).toFixed(1)} s)`
    )
    expect(report.scripts).toBeGreaterThan(90)
    expect(report.dialogueSplits).toBeGreaterThan(100)
    expect(report.violations.slice(0, 10)).toEqual([])
    // Outside reference: scripts whose transcript keeps its printed page numbers. Our count over
    // theirs should sit near 1 (drafts differ in margins, scene numbers and CONTINUEDs).
    const ratios = report.pageCounts
      .filter((entry) => entry.printedPages !== null)
      .map((entry) => entry.pages / entry.printedPages!)
      .sort((a, b) => a - b)
    const median = ratios[Math.floor(ratios.length / 2)]
    console.log(
      `[corpus-pagination] ${ratios.length} scripts print their own page numbers: our pages / ` +
        `theirs median ${median.toFixed(3)}, 10th–90th percentile ` +
        `${ratios[Math.floor(ratios.length * 0.1)].toFixed(3)}–${ratios[Math.floor(ratios.length * 0.9)].toFixed(3)}`
    )
    expect(ratios.length).toBeGreaterThan(20)
    expect(median).toBeGreaterThan(0.93)
    expect(median).toBeLessThan(1.07)
  }, 90_000)
})
