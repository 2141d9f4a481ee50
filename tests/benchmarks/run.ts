/// `npm run bench`: every benchmark, one after another (they compete for the same two cores if
/// run together), each printing its own table with the reference measured in the same run.
/// Pass names to run some: `npm run bench -- inference editor`. Extra flags after `--` go to all.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const benchmarks: Record<string, string[]> = {
  inference: ['inference.ts'],
  'kv-transfer': ['kv-transfer.ts'],
  'main-lag': ['main-lag.ts'],
  editor: ['editor.ts'],
  training: ['training.ts', '--small'],
  'ai-quality': ['ai-quality.ts'],
  'fine-tune-bar': ['fine-tune-bar.ts'],
  'ai-latency': ['ai-latency.ts']
}

const argv = process.argv.slice(2)
const separator = argv.indexOf('--')
const names = (separator < 0 ? argv : argv.slice(0, separator)).filter((name) => name in benchmarks)
const extra = separator < 0 ? [] : argv.slice(separator + 1)
const chosen = names.length > 0 ? names : Object.keys(benchmarks)
let failed = 0
for (const name of chosen) {
  const [file, ...flags] = benchmarks[name]
  const path = fileURLToPath(new URL(`./${file}`, import.meta.url))
  process.stdout.write(`\n===== ${name} (${new Date().toISOString()}) =====\n`)
  const started = Date.now()
  const result = spawnSync(process.execPath, ['--import', 'tsx', path, ...flags, ...extra], {
    stdio: 'inherit'
  })
  process.stdout.write(
    `===== ${name}: exit ${result.status} in ${Math.round((Date.now() - started) / 1000)} s =====\n`
  )
  if (result.status !== 0) failed++
}
process.exit(failed > 0 ? 1 : 0)
