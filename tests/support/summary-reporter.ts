import type { Reporter, TestModule } from 'vitest/node'

/// Prints one plain closing line, `Tests: N passed, N failed, N skipped`, that tools outside vitest
/// (CI's log reader) understand, after vitest's own summary.
export class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}

// vitest loads reporters given by path through their default export.
// eslint-disable-next-line no-restricted-syntax
export default SummaryReporter
