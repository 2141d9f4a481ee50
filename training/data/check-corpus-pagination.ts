/// Corpus-wide pagination check over all 369 IMSDb scripts: `npx tsx training/data/check-corpus-pagination.ts`.
/// Prints counts, timings and any rule violations; exits 1 when there are violations. `--a4` checks
/// the A4 profile instead of US Letter.
import { corpusAvailable } from './corpus'
import { A4, LETTER } from '../../src/shared/pagination/profile'
import { checkCorpusPagination } from './corpus-pagination'

async function main(): Promise<void> {
  if (!corpusAvailable()) {
    console.error(
      'The corpus (../shared/data/screenplays/scripts.jsonl.gz) is absent; nothing to check.'
    )
    process.exitCode = 2
    return
  }
  const started = performance.now()
  const profile = process.argv.includes('--a4') ? A4 : LETTER
  const report = await checkCorpusPagination({}, profile)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const counts = report.pageCounts.map((entry) => entry.pages).sort((a, b) => a - b)
  const median = counts[Math.floor(counts.length / 2)]
  console.log(
    `[${profile.name}] ${report.scripts} scripts, ${report.elements} elements, ${report.pages} pages ` +
      `(median ${median}, min ${counts[0]}, max ${counts[counts.length - 1]}) in ${seconds} s ` +
      `(import ${(report.importMilliseconds / 1000).toFixed(1)} s, paginate ` +
      `${(report.paginateMilliseconds / 1000).toFixed(1)} s)`
  )
  console.log(
    `dialogue splits with (MORE)/(CONT'D): ${report.dialogueSplits}; forced splits: ${report.forcedSplits}; ` +
      `violations: ${report.violations.length}`
  )
  const ratios = report.pageCounts
    .filter((entry) => entry.printedPages !== null)
    .map((entry) => entry.pages / entry.printedPages!)
    .sort((a, b) => a - b)
  const at = (share: number): string => ratios[Math.floor(ratios.length * share)].toFixed(3)
  console.log(
    `${ratios.length} scripts print their own page numbers: our pages / theirs median ${at(0.5)}, ` +
      `10th–90th percentile ${at(0.1)}–${at(0.9)}`
  )
  for (const violation of report.violations.slice(0, 50)) {
    console.log(`  ${violation.slug}: ${violation.message}`)
  }
  if (report.violations.length > 0) process.exitCode = 1
}

await main()
