/// The TensorFlow.js API as a value the training code is handed, never a module it imports:
/// the same code then runs on `@tensorflow/tfjs` (pure JavaScript; the tests' CPU backend) and on
/// `@tensorflow/tfjs-node-gpu` (loaded at run time where a writer installed it), which re-exports
/// that same API. Only the types come from `@tensorflow/tfjs`, and types vanish at build time.
import type * as TensorFlow from '@tensorflow/tfjs'

export type Tfjs = typeof TensorFlow
export type { Scalar, Tensor, Tensor2D, Variable } from '@tensorflow/tfjs'

/// The API inside a dynamically imported module: its named exports, or (for a CommonJS build
/// whose exports Node could not list) its default export. Null when it is not TensorFlow.js.
export function tfjsApi(module: unknown): Tfjs | null {
  const isApi = (value: unknown): value is Tfjs =>
    typeof value === 'object' &&
    value !== null &&
    ['tidy', 'valueAndGrads', 'variable', 'getBackend', 'ready'].every(
      (name) => typeof (value as Record<string, unknown>)[name] === 'function'
    )
  if (isApi(module)) return module
  const fallback = (module as { default?: unknown } | null)?.default
  return isApi(fallback) ? fallback : null
}
