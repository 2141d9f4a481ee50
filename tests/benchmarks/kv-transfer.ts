/// What one decode step of the embedded model costs at the app's context lengths, and how much of it
/// is onnxruntime-node handing the KV cache back to JavaScript. The decoder graph follows the
/// Optimum convention: every step returns the whole cache (`present.*`, B × H × L × D floats per
/// layer and kind), which the binding copies into fresh JavaScript arrays, and the next step feeds
/// back in. The same step is timed fetching every output, as the engine does, and fetching the
/// logits alone (onnxruntime still computes the cache, but nothing crosses back), interleaved so
/// that the machine's load hits both alike. The gap is the price of the cache crossing the
/// boundary. Two more rows time whole decode steps: with the Optimum graph, each step's returned
/// cache fed to the next (the arrays before it left to the garbage collector: fresh memory every
/// step); and with the sequence-first graph the engine runs since session 7, where the cache stays
/// in buffers the engine owns and only the new keys and values come back
/// (sequence-first-decode-model.ts). The memory traffic saved is also what an editor key competed
/// with while a suggestion streamed.
/// Run: `npx tsx tests/benchmarks/kv-transfer.ts [--rows 3] [--steps 25]`.
import { parseArgs } from 'node:util'
import * as ort from 'onnxruntime-node'
import { defaultModelFolder } from '../../training/cli/run-cli'
import { loadEngine } from '../../training/inference/engine'
import { OnnxDecodeModel, repeatBatch } from '../../training/inference/onnx-decode-model'
import { median, printTable, row, type BenchmarkRow } from './support/bench-table'

const { values } = parseArgs({
  options: { rows: { type: 'string' }, steps: { type: 'string' }, threads: { type: 'string' } }
})
const ROWS = Number(values.rows ?? 3)
const STEPS = Number(values.steps ?? 25)
// One thread, as the app runs the model on two cores (src/main/models/active-model.ts).
const THREADS = Number(values.threads ?? 1)
const CONTEXTS = [64, 256, 448]

const folder = defaultModelFolder()
if (!folder) {
  console.error('No embedded model (resources/models or ../shared/models); nothing to measure.')
  process.exit(1)
}
const loaded = await loadEngine(folder, {
  precision: 'int8',
  threads: THREADS,
  kvLayout: 'optimum'
})
if (!loaded.ok) throw new Error(loaded.error.message)
const engine = loaded.value
if (!(engine.model instanceof OnnxDecodeModel)) throw new Error('expected the Optimum layout')
const { session, shape } = engine.model
// The engine as the app runs it: the cache in its own buffers (sequence-first graph).
const sequenceFirst = await loadEngine(folder, { precision: 'int8', threads: THREADS })
if (!sequenceFirst.ok) throw new Error(sequenceFirst.error.message)
const layerNames = (prefix: string) =>
  Array.from({ length: shape.layers }, (_, i) => [
    `${prefix}.${i}.key`,
    `${prefix}.${i}.value`
  ]).flat()
const pastNames = layerNames('past_key_values')
const presentNames = layerNames('present')
const int64 = (values: number[], dims: number[]) =>
  new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims)

// Feeds for one decode step of `rows` rows after `context` cached tokens (a cache computed once).
async function stepFeeds(context: number): Promise<Record<string, ort.Tensor>> {
  const ids = Array.from({ length: context }, (_, i) => 464 + (i % 200))
  const empty = new ort.Tensor('float32', new Float32Array(0), [1, shape.heads, 0, shape.headSize])
  const prefill: Record<string, ort.Tensor> = {
    input_ids: int64(ids, [1, context]),
    attention_mask: int64(Array(context).fill(1), [1, context]),
    position_ids: int64(
      ids.map((_, i) => i),
      [1, context]
    ),
    num_logits_to_keep: int64([1], [])
  }
  for (const name of pastNames) prefill[name] = empty
  const output = await session.run(prefill)
  const feeds: Record<string, ort.Tensor> = {
    input_ids: int64(Array(ROWS).fill(198), [ROWS, 1]),
    attention_mask: int64(Array(ROWS * (context + 1)).fill(1), [ROWS, context + 1]),
    position_ids: int64(Array(ROWS).fill(context), [ROWS, 1]),
    num_logits_to_keep: int64([1], [])
  }
  pastNames.forEach((name, i) => (feeds[name] = repeatBatch(output[presentNames[i]], ROWS)))
  return feeds
}

const rows: BenchmarkRow[] = []
for (const context of CONTEXTS) {
  const feeds = await stepFeeds(context)
  const all: number[] = []
  const logitsOnly: number[] = []
  for (let step = -2; step < STEPS; step++) {
    let started = performance.now()
    await session.run(feeds)
    if (step >= 0) all.push(performance.now() - started)
    started = performance.now()
    await session.run(feeds, ['logits'])
    if (step >= 0) logitsOnly.push(performance.now() - started)
  }
  // The engine's own steps: each step's returned cache is the next step's input, and the last
  // one's arrays are left to the garbage collector.
  const ids = Array.from({ length: context }, (_, i) => 464 + (i % 200))
  const chained: number[] = []
  const kept: number[] = []
  await engine.model.prefill(ids, ROWS)
  await sequenceFirst.value.model.prefill(ids, ROWS)
  for (let step = 0; step < STEPS; step++) {
    let started = performance.now()
    await engine.model.step(Array(ROWS).fill(198))
    chained.push(performance.now() - started)
    started = performance.now()
    await sequenceFirst.value.model.step(Array(ROWS).fill(198))
    kept.push(performance.now() - started)
  }
  const cacheMb = (ROWS * shape.heads * (context + 1) * shape.headSize * 4 * pastNames.length) / 1e6
  const label = `${context} tokens cached, ${ROWS} rows (cache ${cacheMb.toFixed(1)} MB)`
  const full = median(all)
  const bare = median(logitsOnly)
  rows.push(
    row(`${label}: step, the cache in the engine's buffers, median`, median(kept), '', Infinity)
  )
  rows.push(
    row(`${label}: step, the cache returned and fed back, median`, median(chained), '', Infinity)
  )
  rows.push(row(`${label}: the same feeds again, fetching the cache, median`, full, '', Infinity))
  rows.push(row(`${label}: the same feeds again, the logits alone, median`, bare, '', Infinity))
  rows.push({
    ...row(
      `${label}: share of the step spent returning the cache`,
      (100 * (full - bare)) / full,
      '',
      Infinity
    ),
    unit: '%'
  })
}
await engine.release()
await sequenceFirst.value.release()
console.log(`\nModel ${folder}, int8, onnxruntime threads ${THREADS}, ${STEPS} steps each`)
printTable(rows)
