import type { Reporter, TestModule } from 'vitest/node'

/// Prints one plain closing line, `Tests: N passed, N failed, N skipped`, that tools outside vitest
/// (CI's log reader) understand, after vitest's own summary; and, when there were any, the
/// unhandled errors, which fail the run even when every test passed.
export class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown> = []
  ): void {
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
    const errors = unhandledErrors.length
    process.stdout.write(
      `\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped` +
        (errors > 0
          ? `, ${errors} unhandled error${errors === 1 ? '' : 's'} (the run fails)`
          : '') +
        '\n'
    )
  }
}

// vitest loads reporters given by path through their default export.
// eslint-disable-next-line no-restricted-syntax
export default SummaryReporter
