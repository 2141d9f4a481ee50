/// The figures a Chromium benchmark reports: rows with their targets, percentiles, and the table
/// printed at the end of a run.

/// One measured figure and its target.
export interface BenchmarkRow {
  name: string
  value: number
  unit: string
  target: string
  pass: boolean
}

/// The `p`th percentile (nearest rank) of `values`; NaN for none.
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)]
}

export function median(values: readonly number[]): number {
  return percentile(values, 50)
}

/// A row in milliseconds that passes at or under `limit` (Infinity: a figure without a target).
export function row(name: string, value: number, target: string, limit: number): BenchmarkRow {
  return { name, value, unit: 'ms', target, pass: value <= limit }
}

export function printTable(rows: readonly BenchmarkRow[]): void {
  const width = Math.max(...rows.map((entry) => entry.name.length))
  console.log(`${'measure'.padEnd(width)}  ${'value'.padStart(9)}  target    ok`)
  for (const entry of rows) {
    const value = `${entry.value.toFixed(1)} ${entry.unit}`
    const verdict = entry.target ? (entry.pass ? 'yes' : 'NO') : ''
    console.log(
      `${entry.name.padEnd(width)}  ${value.padStart(9)}  ${entry.target.padEnd(8)}  ${verdict}`
    )
  }
}
