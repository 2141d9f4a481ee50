/// The reference point: the same GPT-2 trained with pure @tensorflow/tfjs (autodiff + tf.train.adam)
/// on the WASM backend, the fastest tfjs backend that installs offline here.
import * as tf from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'
import { parameterSpecs, type Gpt2Shape } from '../../training/train/gpt2-shapes'
import { initialWeights } from '../../training/train/initial-weights'
import { SeededRandom } from '../../training/train/random'
import { referenceLoss } from '../unit/training/train/tfjs-gpt2'

/// Median tokens/s of `steps` training steps (after one warm-up step) at batch B×T.
export async function tfjsTokensPerSecond(
  config: Gpt2Shape,
  B: number,
  T: number,
  steps: number
): Promise<{ backend: string; tokensPerSecond: number }> {
  await tf.setBackend('wasm')
  await tf.ready()
  const weights = initialWeights(config, 1)
  const variables = parameterSpecs(config).map((spec) =>
    tf.variable(tf.tensor(weights.get(spec.name) as Float32Array, [...spec.shape]), true)
  )
  const optimizer = tf.train.adam(1e-4, 0.9, 0.95, 1e-8)
  const random = new SeededRandom(4)
  const times: number[] = []
  for (let step = 0; step < steps + 1; step++) {
    const ids = Array.from({ length: B }, () =>
      Array.from({ length: T + 1 }, () => random.integer(config.vocab_size))
    )
    const start = performance.now()
    const loss = optimizer.minimize(() => {
      return referenceLoss(config, ids, variables, { oneHotEmbedding: true })
    }, true) as tf.Scalar
    const value = (await loss.data())[0]
    loss.dispose()
    const seconds = (performance.now() - start) / 1000
    if (step > 0) times.push(seconds)
    console.log(
      `  tfjs ${tf.getBackend()} step ${step}: ${seconds.toFixed(2)} s, loss ${value.toFixed(3)}`
    )
  }
  tf.dispose(variables)
  optimizer.dispose()
  const sorted = [...times].sort((a, b) => a - b)
  return {
    backend: tf.getBackend(),
    tokensPerSecond: (B * T) / sorted[Math.floor(sorted.length / 2)]
  }
}
