import { elementCount, parameterSpecs, type Gpt2Shape, type Gpt2Weights } from './gpt2-shapes'
import { SeededRandom } from './random'

/// GPT-2's initialisation (nanoGPT `_init_weights`): normal(0, 0.02) matrices and embeddings,
/// residual projections (`c_proj`) scaled by 1/sqrt(2·L), zero biases, unit LayerNorm gains.
/// Seeded, so tests and benchmarks are reproducible.
export function initialWeights(config: Gpt2Shape, seed: number): Gpt2Weights {
  const random = new SeededRandom(seed)
  const weights: Gpt2Weights = new Map()
  for (const spec of parameterSpecs(config)) {
    const data = new Float32Array(elementCount(spec.shape))
    if (/\.ln_\w+\.weight$/.test(spec.name)) {
      data.fill(1)
    } else if (spec.decay) {
      const residual = spec.name.endsWith('c_proj.weight')
      const std = residual ? 0.02 / Math.sqrt(2 * config.n_layer) : 0.02
      for (let i = 0; i < data.length; i++) data[i] = std * random.normal()
    }
    weights.set(spec.name, data)
  }
  return weights
}
