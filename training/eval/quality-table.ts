/// The continuation-quality report as a plain-text table (for the benchmark and the CLI).
import type { QualityReport, Share } from './continuation-quality'

function percent(value: Share): string {
  return `${(100 * value.share).toFixed(1)}% (${value.count}/${value.total})`
}

/// The report as a plain-text table.
export function formatQualityTable(report: QualityReport): string {
  const rows: [string, string, string][] = [
    ['continuations', String(report.samples.length), ''],
    ['elements shown as parsed', percent(report.typeAgreement), '≥ 97%'],
    ...Object.entries(report.byKind).map(([kind, value]): [string, string, string] => [
      `  ${kind} (${value.samples}: ${value.rawAsExpected} raw as asked, ${value.emptySuggestions} empty)`,
      percent(value.typeAgreement),
      ''
    ]),
    ['raw output starting as the type asked for', percent(report.rawAsExpected), ''],
    ['names in scene cast (normalised)', percent(report.castNames), '≥ 95%'],
    ['names in scene cast (model, raw)', percent(report.rawCastNames), ''],
    ['suggestions with furniture', String(report.furnitureSuggestions), '0'],
    ['  raw output with furniture', String(report.rawFurnitureSuggestions), ''],
    ['empty suggestions (all dropped)', String(report.emptySuggestions), ''],
    [
      'suggestions with a copied 12-gram run',
      report.copiedSuggestions === null ? 'no index' : String(report.copiedSuggestions),
      ''
    ],
    ['time per continuation mean / median / p95', timing(report), ''],
    ['generated tokens per second', report.timing.tokensPerSecond.toFixed(1), '']
  ]
  const width = Math.max(...rows.map((row) => row[0].length))
  const valueWidth = Math.max(...rows.map((row) => row[1].length))
  return rows
    .map(([name, value, target]) =>
      `${name.padEnd(width)}  ${value.padEnd(valueWidth)}  ${target}`.trimEnd()
    )
    .join('\n')
}

function timing(report: QualityReport): string {
  const { meanMs, medianMs, p95Ms } = report.timing
  return `${meanMs.toFixed(0)} / ${medianMs.toFixed(0)} / ${p95Ms.toFixed(0)} ms`
}
