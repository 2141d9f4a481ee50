/// The TensorFlow.js training backend (TfjsTrainer: autodiff, the same clipping and AdamW as the
/// ONNX graphs) on pure @tensorflow/tfjs's WASM backend, the fastest tfjs backend that installs
/// offline here. Where @tensorflow/tfjs-node-gpu is installed the same trainer runs on its GPU.
import * as tf from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'
import type { Gpt2Shape } from '../../training/train/gpt2-shapes'
import { initialWeights } from '../../training/train/initial-weights'
import { SeededRandom } from '../../training/train/random'
import { TfjsTrainer } from '../../training/train/tfjs/tfjs-trainer'

/// Median tokens/s of `steps` training steps (after one warm-up step) at batch B×T.
export async function tfjsTokensPerSecond(
  config: Gpt2Shape,
  B: number,
  T: number,
  steps: number
): Promise<{ backend: string; tokensPerSecond: number }> {
  await tf.setBackend('wasm')
  const trainer = await TfjsTrainer.create({
    tf,
    config,
    batch: { batchSize: B, sequenceLength: T },
    weights: initialWeights(config, 1),
    // the WASM backend has no UnsortedSegmentSum (tf.gather's gradient)
    oneHotEmbedding: true
  })
  const random = new SeededRandom(4)
  const times: number[] = []
  for (let step = 0; step < steps + 1; step++) {
    const batch = BigInt64Array.from({ length: B * (T + 1) }, () =>
      BigInt(random.integer(config.vocab_size))
    )
    const start = performance.now()
    const { loss } = await trainer.trainStep([batch], 1e-4)
    const seconds = (performance.now() - start) / 1000
    if (step > 0) times.push(seconds)
    console.log(
      `  tfjs ${tf.getBackend()} step ${step}: ${seconds.toFixed(2)} s, loss ${loss.toFixed(3)}`
    )
  }
  await trainer.dispose()
  const sorted = [...times].sort((a, b) => a - b)
  return {
    backend: tf.getBackend(),
    tokensPerSecond: (B * T) / sorted[Math.floor(sorted.length / 2)]
  }
}
