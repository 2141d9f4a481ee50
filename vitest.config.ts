import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Compiled ONNX graphs are keyed by the weights' hash: one cache for every test's data folder.
process.env.SCRIPT_BUDDY_MODEL_CACHE ??= fileURLToPath(
  new URL('./.cache/compiled-models', import.meta.url)
)

// Two projects: fast unit tests (parallel), and end-to-end tests that start the real browser-mode
// server and drive Debian's Chromium (one file at a time: this machine has two cores).
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000
        }
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false
        }
      }
    ]
  }
})
