/// Training throughput on CPU: tokens/s of the ONNX training step for the embedded model's
/// config (and GPT-2 small with --small), the machine's float32 MatMul rate through onnxruntime
/// measured in the same run, model-FLOPs utilisation (6 · params · tokens/s ÷ MatMul FLOP/s),
/// the TensorFlow.js backend (TfjsTrainer, the trainer tfjs-node-gpu runs) on pure tfjs's WASM
/// backend as a reference, and peak RSS.
///
///   npx tsx tests/benchmarks/training.ts [--small] [--no-tfjs] [--steps N]
///
/// On Linux it re-runs itself with TRAINING_MALLOC_ENVIRONMENT (see training/train/session.ts)
/// unless --no-malloc-tuning is given; run both ways to see what the tuning is worth.
import { spawnSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import * as ort from 'onnxruntime-node'
import { encodeModel, GraphBuilder } from '../../training/onnx/graph'
import {
  elementCount,
  parameterCount,
  parameterSpecs,
  type Gpt2Shape,
  type Gpt2Weights
} from '../../training/train/gpt2-shapes'
import { SeededRandom } from '../../training/train/random'
import { createTrainingSession, TRAINING_MALLOC_ENVIRONMENT } from '../../training/train/session'
import { Trainer } from '../../training/train/trainer'
import { tfjsTokensPerSecond } from './training-tfjs'

const args = process.argv.slice(2)
const STEPS = Number(args[args.indexOf('--steps') + 1] || 3) || 3
const WARMUP_STEPS = 3

const SCREENPLAY_30M: Gpt2Shape = {
  n_layer: 6,
  n_head: 6,
  n_embd: 384,
  n_positions: 1024,
  vocab_size: 50257,
  layer_norm_epsilon: 1e-5
}
const GPT2_SMALL: Gpt2Shape = { ...SCREENPLAY_30M, n_layer: 12, n_head: 12, n_embd: 768 }

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/// Weights for timing only: uniform with GPT-2's 0.02 standard deviation, LayerNorm gains 1.
function timingWeights(config: Gpt2Shape): Gpt2Weights {
  const random = new SeededRandom(1)
  const weights: Gpt2Weights = new Map()
  for (const spec of parameterSpecs(config)) {
    const data = new Float32Array(elementCount(spec.shape))
    const gain = /\.ln_\w+\.weight$/.test(spec.name)
    for (let i = 0; i < data.length; i++) data[i] = gain ? 1 : 0.0346 * (2 * random.next() - 1)
    weights.set(spec.name, data)
  }
  return weights
}

/// Float32 MatMul rate of onnxruntime on this machine: a 2048³ MatMul, median of 5 runs.
async function matmulRate(): Promise<number> {
  const N = 2048
  const graph = new GraphBuilder('matmul')
  graph.node('MatMul', [graph.input('a', 'float', [N, N]), graph.input('b', 'float', [N, N])], {
    outputs: ['c']
  })
  graph.output('c', 'float', [N, N])
  const session = await createTrainingSession(encodeModel(graph))
  const random = new SeededRandom(2)
  const a = new ort.Tensor(
    'float32',
    Float32Array.from({ length: N * N }, () => random.next()),
    [N, N]
  )
  await session.run({ a, b: a })
  const rates: number[] = []
  for (let i = 0; i < 5; i++) {
    const start = performance.now()
    await session.run({ a, b: a })
    rates.push((2 * N ** 3) / ((performance.now() - start) / 1000))
  }
  await session.release()
  return median(rates)
}

interface Measurement {
  label: string
  tokensPerSecond: number
  stepSeconds: number
  parameters: number
}

async function measureTraining(
  label: string,
  config: Gpt2Shape,
  B: number,
  T: number,
  accumulationSteps = 1
): Promise<Measurement> {
  const trainer = await Trainer.create({
    config,
    batch: { batchSize: B, sequenceLength: T },
    weights: timingWeights(config),
    accumulationSteps
  })
  const random = new SeededRandom(3)
  const batch = (): BigInt64Array =>
    BigInt64Array.from({ length: B * (T + 1) }, () => BigInt(random.integer(config.vocab_size)))
  const times: number[] = []
  // three warm-up steps: onnxruntime's arena and the heap grow to their working size
  for (let step = 0; step < STEPS + WARMUP_STEPS; step++) {
    const micro = Array.from({ length: accumulationSteps }, batch)
    const start = performance.now()
    const { loss } = await trainer.trainStep(micro, 1e-4)
    const seconds = (performance.now() - start) / 1000
    if (step >= WARMUP_STEPS) times.push(seconds)
    console.log(`  ${label} step ${step}: ${seconds.toFixed(2)} s, loss ${loss.toFixed(3)}`)
  }
  await trainer.dispose()
  const peak = process.resourceUsage().maxRSS / 1024
  console.log(`  ${label}: peak RSS so far ${peak.toFixed(0)} MB`)
  const stepSeconds = median(times)
  const tokens = B * T * accumulationSteps
  return {
    label,
    tokensPerSecond: tokens / stepSeconds,
    stepSeconds,
    parameters: parameterCount(config)
  }
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} logical CPUs (${cpus()[0]?.model}), load average ` +
      `${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}; shared with other busy workers, so ` +
      'every figure is noisy; onnxruntime runs 2 intra-op threads'
  )
  console.log(`malloc tuning: ${process.env.MALLOC_MMAP_MAX_ === '0' ? 'on' : 'off'}`)
  // the machine is shared: measure the MatMul rate right before and after each configuration
  // and compare each configuration with the mean of its own two measurements
  const runs: { label: string; config: Gpt2Shape; B: number; T: number; accumulation: number }[] = [
    { label: '30M B4×T128', config: SCREENPLAY_30M, B: 4, T: 128, accumulation: 1 },
    { label: '30M B4×T128 ×4 accum', config: SCREENPLAY_30M, B: 4, T: 128, accumulation: 4 },
    { label: '30M B8×T256', config: SCREENPLAY_30M, B: 8, T: 256, accumulation: 1 }
  ]
  if (args.includes('--small')) {
    runs.push({ label: '124M B4×T128', config: GPT2_SMALL, B: 4, T: 128, accumulation: 1 })
  }
  const results: (Measurement & { rate: number })[] = []
  for (const run of runs) {
    const before = await matmulRate()
    const measurement = await measureTraining(run.label, run.config, run.B, run.T, run.accumulation)
    const after = await matmulRate()
    console.log(
      `  onnxruntime MatMul 2048³ before/after: ${(before / 1e9).toFixed(1)} / ${(after / 1e9).toFixed(1)} GFLOP/s`
    )
    results.push({ ...measurement, rate: (before + after) / 2 })
  }
  console.log(
    '\nconfig                      tokens/s   s/step   model GFLOP/s   MatMul GFLOP/s   MFU'
  )
  for (const m of results) {
    const modelFlops = 6 * m.parameters * m.tokensPerSecond
    console.log(
      `${m.label.padEnd(26)} ${m.tokensPerSecond.toFixed(1).padStart(9)} ${m.stepSeconds.toFixed(2).padStart(8)} ` +
        `${(modelFlops / 1e9).toFixed(1).padStart(13)} ${(m.rate / 1e9).toFixed(1).padStart(16)}   ` +
        `${((100 * modelFlops) / m.rate).toFixed(0)}%`
    )
  }
  if (!args.includes('--no-tfjs')) {
    const tfjs = await tfjsTokensPerSecond(SCREENPLAY_30M, 1, 64, STEPS)
    console.log(
      `\nTfjsTrainer on @tensorflow/tfjs ${tfjs.backend} backend, 30M config, B1×T64: ${tfjs.tokensPerSecond.toFixed(2)} tokens/s ` +
        '(embedding as a one-hot MatMul: the WASM backend has no UnsortedSegmentSum)'
    )
    console.log(
      `onnxruntime 30M B4×T128 / tfjs: ${(results[0].tokensPerSecond / tfjs.tokensPerSecond).toFixed(0)}×`
    )
  }
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
}

if (
  process.platform === 'linux' &&
  process.env.MALLOC_MMAP_MAX_ === undefined &&
  !args.includes('--no-malloc-tuning')
) {
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, ...TRAINING_MALLOC_ENVIRONMENT }
  })
  process.exit(child.status ?? 1)
} else {
  await main()
}
