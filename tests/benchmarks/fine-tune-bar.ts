/// The fine-tuning bar of the retraining issue, in full: the embedded model trained on the first
/// halves of all 40 validation scripts (800 steps of B4×T128 at lr 1e-4, token embedding frozen)
/// must lower nats/token on their second halves by ≥ 0.15; also reports the training time and
/// the process's peak memory (≤ 4 GB).
///
///   npx tsx tests/benchmarks/fine-tune-bar.ts   (about 20–35 min on 2 cores)
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// The measurement is training/eval/fine-tune-bar.ts's command line, run as its own process so the
// peak RSS it reports is the fine-tune's alone.
const script = fileURLToPath(new URL('../../training/eval/fine-tune-bar.ts', import.meta.url))
const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...process.argv.slice(2)], {
  stdio: 'inherit'
})
process.exit(result.status ?? 1)
