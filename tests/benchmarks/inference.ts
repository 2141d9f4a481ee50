/// Inference benchmark for the embedded model on the CPU: our engine (fp32 and int8) against
/// transformers.js `generate` on ONNX files compiled from the same weights, and against the
/// machine's memory-bandwidth ceiling. Since session 7 our engine runs the graph with a
/// sequence-first KV cache that stays in its own buffers (sequence-first-decode-model.ts);
/// transformers.js runs the Optimum-convention graph, the one it can load. Run: `npx tsx tests/benchmarks/inference.ts [--threads N] [--repeats N]`.
/// Measures: cold time-to-first-token for a 448-token prompt, warm time-to-first-token for 20 new
/// tokens after that cached prompt, and decode tokens/s (64 tokens after the prompt). Prompt and
/// output fill the embedded model's 512-token trained window, the most the app ever asks of it
/// (the engine refuses a sequence past it; figures before session 3 used a 512-token prompt).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AutoModelForCausalLM, env, Tensor } from '@huggingface/transformers'
import { loadEngine, type Engine } from '../../training/inference/engine'
import { defaultModelFolder } from '../../training/cli/run-cli'
import type { GraphPrecision } from '../../training/onnx/inference-graph'
import { compileModel, ONNX_FILES } from '../../training/onnx/compile'
import { ortSessionOptions } from '../../training/inference/session'

const { values } = parseArgs({
  options: { threads: { type: 'string' }, repeats: { type: 'string' }, decode: { type: 'string' } }
})
const threads = Number(values.threads ?? availableParallelism())
const repeats = Number(values.repeats ?? 5)
const decodeTokens = Number(values.decode ?? 64)
const PROMPT_TOKENS = 512 - decodeTokens
const WARM_TOKENS = 20

const folder = defaultModelFolder()
if (!folder) {
  console.error(
    'No embedded model (resources/models or ../shared/models/screenplay-gpt2-30m); nothing to measure.'
  )
  process.exit(1)
}

/// Median and best of the samples (the machine may be shared: the best shows what it can do).
interface Stat {
  median: number
  best: number
}
function timeStat(samples: number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b)
  return { median: sorted[Math.floor(sorted.length / 2)], best: sorted[0] }
}
function rateStat(samples: number[]): Stat {
  const sorted = [...samples].sort((a, b) => b - a)
  return { median: sorted[Math.floor(sorted.length / 2)], best: sorted[0] }
}

function greedy(logits: Float32Array): number {
  let best = 0
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i
  return best
}

/// Copy bandwidth of a 512 MB buffer (read + write bytes per second), best of 5.
function copyBandwidth(): number {
  const size = 512 * 2 ** 20
  const source = new Uint8Array(size).fill(1)
  const target = new Uint8Array(size)
  let best = Infinity
  for (let i = 0; i < 5; i++) {
    const start = performance.now()
    target.set(source)
    best = Math.min(best, performance.now() - start)
  }
  return (2 * size) / (best / 1000)
}

/// A made-up screenplay prompt of exactly `count` tokens.
function promptIds(engine: Engine, count: number): number[] {
  const scene =
    'INT. DINER - NIGHT\n\nRain streaks the windows. MARGO (40s) wipes the counter while a radio hums.\n\n' +
    'EDDIE\n(quietly)\nYou still make the pie with the burnt crust?\n\nMARGO\nOnly for people who tip.\n\n' +
    'He slides a crumpled bill across the counter. She does not pick it up.\n\nCUT TO:\n\n'
  const ids: number[] = []
  while (ids.length < count) ids.push(...engine.tokenizer.encode(scene))
  return ids.slice(0, count)
}

interface Row {
  name: string
  coldMs: Stat
  warmMs?: Stat
  decodeTokensPerSecond: Stat
}

interface Samples {
  cold: number[]
  warm: number[]
  decode: number[]
}

/// One repeat of our engine: cold prefill, greedy decode, then a warm prefill of 20 new tokens.
async function measureEngineOnce(
  engine: Engine,
  prompt: number[],
  samples: Samples
): Promise<void> {
  const { model } = engine
  model.clearCache()
  let start = performance.now()
  let logits = await model.prefill(prompt, 1)
  samples.cold.push(performance.now() - start)
  start = performance.now()
  let token = greedy(logits)
  for (let i = 0; i < decodeTokens; i++) token = greedy((await model.step([token]))[0])
  samples.decode.push(decodeTokens / ((performance.now() - start) / 1000))
  // The writer typed 20 more tokens after the cached prompt (here: the prompt shifted by 20).
  const extended = [...prompt.slice(WARM_TOKENS), ...prompt.slice(0, WARM_TOKENS)]
  await model.prefill(extended.slice(0, PROMPT_TOKENS - WARM_TOKENS), 1)
  start = performance.now()
  logits = await model.prefill(extended, 1)
  samples.warm.push(performance.now() - start)
  if (model.lastPrefill.reusedTokens !== PROMPT_TOKENS - WARM_TOKENS) {
    throw new Error('prefix cache missed')
  }
}

type CausalModel = Awaited<ReturnType<typeof AutoModelForCausalLM.from_pretrained>>

/// One repeat of transformers.js generate: a streamer timestamps the first token and the last.
async function measureTransformersJsOnce(
  model: CausalModel,
  prompt: number[],
  samples: Samples
): Promise<void> {
  const input_ids = new Tensor('int64', BigInt64Array.from(prompt, BigInt), [1, prompt.length])
  const attention_mask = new Tensor('int64', new BigInt64Array(prompt.length).fill(1n), [
    1,
    prompt.length
  ])
  const stamps: number[] = []
  // put() is called once with the prompt, then once per generated token.
  const streamer = { put: () => stamps.push(performance.now()), end: () => {} }
  const start = performance.now()
  await model.generate({
    input_ids,
    attention_mask,
    max_new_tokens: decodeTokens + 1,
    min_new_tokens: decodeTokens + 1,
    do_sample: false,
    streamer
  } as never)
  if (stamps.length !== decodeTokens + 2) {
    throw new Error(`transformers.js streamed ${stamps.length} times`)
  }
  samples.cold.push(stamps[1] - start)
  samples.decode.push(decodeTokens / ((stamps[decodeTokens + 1] - stamps[1]) / 1000))
}

/// transformers.js layout: <root>/<name>/{config.json, tokenizer files, onnx/model*.onnx}
async function loadTransformersJs(
  root: string,
  precision: GraphPrecision,
  onnxDir: string
): Promise<CausalModel> {
  const name = `screenplay-${precision}`
  mkdirSync(join(root, name, 'onnx'), { recursive: true })
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    copyFileSync(join(folder!, file), join(root, name, file))
  }
  copyFileSync(
    join(onnxDir, ONNX_FILES[precision]),
    join(root, name, 'onnx', ONNX_FILES[precision])
  )
  env.allowRemoteModels = false
  env.allowLocalModels = true
  env.localModelPath = root
  return AutoModelForCausalLM.from_pretrained(name, {
    local_files_only: true,
    dtype: precision === 'fp32' ? 'fp32' : 'q8',
    device: 'cpu',
    // The same onnxruntime settings as our engine: differences come from the decode loop and caching.
    session_options: ortSessionOptions('cpu', { threads })
  })
}

const compiled = await compileModel(folder)
if (!compiled.ok) throw new Error(compiled.error.message)
const bandwidth = copyBandwidth()
const engines: Record<GraphPrecision, Engine> = {} as Record<GraphPrecision, Engine>
for (const precision of ['fp32', 'int8'] as const) {
  const engine = await loadEngine(folder, { precision, threads })
  if (!engine.ok) throw new Error(engine.error.message)
  engines[precision] = engine.value
}
const c = engines.fp32.config
// Bytes read per decoded token: every matrix once (the output projection is the tied embedding).
const matrixParameters =
  c.layers * (4 * c.embeddingSize ** 2 + 2 * c.embeddingSize * c.innerSize) +
  c.vocabSize * c.embeddingSize
const bytesPerToken: Record<GraphPrecision, number> = {
  fp32: 4 * matrixParameters,
  int8: matrixParameters
}
const prompt = promptIds(engines.fp32, PROMPT_TOKENS)
const root = mkdtempSync(join(tmpdir(), 'transformers-js-'))
const theirModels = {
  fp32: await loadTransformersJs(root, 'fp32', compiled.value.onnxDir),
  int8: await loadTransformersJs(root, 'int8', compiled.value.onnxDir)
}
const contestants = [
  'script-buddy fp32',
  'transformers.js fp32',
  'script-buddy int8',
  'transformers.js int8'
]
const samples = new Map(
  contestants.map((name) => [name, { cold: [], warm: [], decode: [] } as Samples])
)
// Warm-up, then repeats interleaved so that load from other processes hits every contestant alike.
for (let r = -1; r < repeats; r++) {
  for (const precision of ['fp32', 'int8'] as const) {
    const ours =
      r < 0 ? { cold: [], warm: [], decode: [] } : samples.get(`script-buddy ${precision}`)!
    await measureEngineOnce(engines[precision], prompt, ours)
    const theirs =
      r < 0 ? { cold: [], warm: [], decode: [] } : samples.get(`transformers.js ${precision}`)!
    await measureTransformersJsOnce(theirModels[precision], prompt, theirs)
  }
}
for (const engine of Object.values(engines)) await engine.release()
for (const model of Object.values(theirModels)) await model.dispose()
rmSync(root, { recursive: true, force: true })
const rows: Row[] = contestants.map((name) => {
  const s = samples.get(name)!
  return {
    name,
    coldMs: timeStat(s.cold),
    ...(s.warm.length ? { warmMs: timeStat(s.warm) } : {}),
    decodeTokensPerSecond: rateStat(s.decode)
  }
})

const cpu = cpus()[0]?.model ?? 'unknown CPU'
console.log(
  `\nModel ${folder}\n${cpu}, ${availableParallelism()} cores, onnxruntime threads ${threads}, ${repeats} repeats`
)
console.log(`Copy bandwidth ${(bandwidth / 1e9).toFixed(1)} GB/s (read + write)`)
console.log(
  `Ceiling: fp32 ${(bandwidth / bytesPerToken.fp32).toFixed(0)} tokens/s (${(bytesPerToken.fp32 / 1e6).toFixed(0)} MB/token), ` +
    `int8 ${(bandwidth / bytesPerToken.int8).toFixed(0)} tokens/s (${(bytesPerToken.int8 / 1e6).toFixed(0)} MB/token)\n`
)
const pad = (text: string, width: number) => text.padEnd(width)
const show = (stat: Stat | undefined, unit: string, digits = 0) =>
  stat ? `${stat.median.toFixed(digits)} (${stat.best.toFixed(digits)})${unit}` : '—'
console.log('median (best) of each measurement')
console.log(
  pad('engine', 22) +
    pad(`cold TTFT ${PROMPT_TOKENS}`, 20) +
    pad(`warm TTFT +${WARM_TOKENS}`, 18) +
    pad('decode tok/s', 18) +
    'share of ceiling'
)
const ceiling = (p: GraphPrecision) => bandwidth / bytesPerToken[p]
for (const row of rows) {
  const precision: GraphPrecision = row.name.endsWith('int8') ? 'int8' : 'fp32'
  const share = (value: number) => ((100 * value) / ceiling(precision)).toFixed(0)
  console.log(
    pad(row.name, 22) +
      pad(show(row.coldMs, ' ms'), 20) +
      pad(show(row.warmMs, ' ms'), 18) +
      pad(show(row.decodeTokensPerSecond, '', 1), 18) +
      `${share(row.decodeTokensPerSecond.median)}% (${share(row.decodeTokensPerSecond.best)}%)`
  )
}
const ours = (p: GraphPrecision) => rows.find((r) => r.name === `script-buddy ${p}`)!
const theirs = (p: GraphPrecision) => rows.find((r) => r.name === `transformers.js ${p}`)!
const ratio = (a: Stat, b: Stat) =>
  `${(a.median / b.median).toFixed(2)}× (best ${(a.best / b.best).toFixed(2)}×)`
console.log('\nTargets:')
for (const p of ['fp32', 'int8'] as const) {
  console.log(
    `  ${p} decode vs transformers.js: ${ratio(ours(p).decodeTokensPerSecond, theirs(p).decodeTokensPerSecond)}; target ≥ 1.5×`
  )
  console.log(
    `  ${p} cold TTFT vs transformers.js: ${ratio(ours(p).coldMs, theirs(p).coldMs)}; target ≤ 0.7×`
  )
  console.log(`  ${p} warm TTFT: ${show(ours(p).warmMs, ' ms')}; target ≤ 100 ms`)
}
const fp32Decode = ours('fp32').decodeTokensPerSecond
console.log(
  `  fp32 decode share of ceiling: ${((100 * fp32Decode.median) / ceiling('fp32')).toFixed(0)}% (best ${((100 * fp32Decode.best) / ceiling('fp32')).toFixed(0)}%); target ≥ 50%`
)
console.log(
  `  int8 decode vs fp32: ${ratio(ours('int8').decodeTokensPerSecond, fp32Decode)}; target ≥ 1.6×`
)
