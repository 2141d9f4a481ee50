/// Which model the inference host runs, and how: the embedded default (until the model registry
/// lets the writer pick another), its compiled-ONNX cache in the user data folder, the execution
/// providers the settings ask for, and how many cores a forward pass may use.
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { Settings } from '../../shared/settings/settings'
import type { ModelSelection } from '../hosts/inference/generation-runner'

export const EMBEDDED_MODEL = 'screenplay-gpt2-30m'

export function embeddedModelFolder(resourcesDir: string): string {
  return join(resourcesDir, 'models', EMBEDDED_MODEL)
}

type Provider = 'cuda' | 'webgpu' | 'cpu'

/// Providers to try, best first. 'auto' is the CPU: on the machines measured so far a GPU provider
/// lost to it for GPT-2 decoding (docs/architecture.md, Inference), so none is the default.
export function providersFor(setting: Settings['inferenceProvider']): Provider[] {
  if (setting === 'cuda') return ['cuda', 'cpu']
  if (setting === 'webgpu') return ['webgpu', 'cpu']
  return ['cpu']
}

export function activeModelSelection(options: {
  resourcesDir: string
  userDataDir: string
  settings: Settings
  /// Cores this machine has (default: what Node reports).
  cores?: number
}): ModelSelection {
  return {
    folder: options.settings.activeModel ?? embeddedModelFolder(options.resourcesDir),
    engine: {
      // Compiled graphs are keyed by the weights' hash, so one cache can serve every data folder
      // (tests point SCRIPT_BUDDY_MODEL_CACHE at one folder to compile once per machine).
      cacheDir:
        process.env.SCRIPT_BUDDY_MODEL_CACHE ?? join(options.userDataDir, 'compiled-models'),
      executionProviders: providersFor(options.settings.inferenceProvider),
      threads: inferenceThreads(options.cores ?? availableParallelism())
    }
  }
}

/// Threads for one forward pass: every core but one, which is left to the editor, since a
/// suggestion streams while the writer types through it. On 2 cores the embedded model decodes as
/// fast on one thread as on two (116 tokens/s each, tests/benchmarks/ai-quality.ts --threads), so
/// the core costs the model nothing there. Its effect on the keystroke p95 was within the
/// benchmark's run-to-run noise (BENCHMARKS.md, AI latency, session 5).
export function inferenceThreads(cores: number): number {
  return Math.max(1, cores - 1)
}
