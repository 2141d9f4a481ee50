/// Turns the common CLI options into a loaded engine (or a clear error).
import type { GraphPrecision } from '../onnx/inference-graph'
import { loadEngine, type Engine } from '../inference/engine'
import type { ExecutionProviderName } from '../inference/session'
import { defaultModelFolder, numberOption, UsageError, type CliOutput } from './run-cli'

const PROVIDERS: readonly ExecutionProviderName[] = ['cuda', 'webgpu', 'cpu']

export async function engineFromOptions(
  values: Record<string, string | boolean | undefined>,
  output: CliOutput
): Promise<Engine | undefined> {
  const folder = (values.model as string | undefined) ?? defaultModelFolder()
  if (!folder) {
    output.error(
      'No model found: the embedded model is neither in resources/models/screenplay-gpt2-30m nor in ' +
        '../shared/models/screenplay-gpt2-30m. Pass --model DIR with a GPT-2 model folder.\n'
    )
    return undefined
  }
  const precision = (values.precision ?? 'int8') as GraphPrecision
  if (precision !== 'fp32' && precision !== 'int8') {
    throw new UsageError(`--precision must be fp32 or int8.`)
  }
  const providers = ((values.provider as string | undefined) ?? 'cpu').split(
    ','
  ) as ExecutionProviderName[]
  const unknown = providers.filter((provider) => !PROVIDERS.includes(provider))
  if (unknown.length > 0) throw new UsageError(`Unknown execution provider ${unknown.join(', ')}.`)
  const threads = numberOption(values, 'threads', undefined, (n) => Number.isInteger(n) && n > 0)
  const engine = await loadEngine(folder, {
    precision,
    executionProviders: providers,
    ...(threads ? { threads } : {})
  })
  if (!engine.ok) {
    output.error(`${engine.error.message}\n`)
    return undefined
  }
  for (const fallback of engine.value.fallbacks) {
    output.error(`(${fallback.provider} unavailable: ${fallback.reason})\n`)
  }
  return engine.value
}
