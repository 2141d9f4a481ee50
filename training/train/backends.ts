/// Which training backends this machine offers. onnxruntime on the CPU is always there (the
/// training graphs in training/onnx run on it). `@tensorflow/tfjs-node-gpu` is optional: never a
/// dependency of the app (it needs CUDA and a 300 MB native download), used only where a user has
/// installed it and it loads; otherwise it is listed with the reason it is unavailable.
export type TrainingBackendName = 'onnxruntime-cpu' | 'tfjs-node-gpu'

export interface TrainingBackend {
  name: TrainingBackendName
  available: boolean
  /// Why it cannot be used, or what it found (version, devices), for the writer and the logs.
  detail: string
}

/// Loads a module by a name known only at run time.
export type ModuleImporter = (name: string) => Promise<unknown>

// The name is assembled at run time so neither bundlers nor TypeScript try to resolve a package
// that is (normally) not installed.
const TFJS_NODE_GPU = ['@tensorflow', 'tfjs-node-gpu'].join('/')

const importByName: ModuleImporter = (name) => import(/* @vite-ignore */ name)

interface TfjsModule {
  version?: { 'tfjs-core'?: string }
  getBackend?: () => string
  ready?: () => Promise<void>
}

/// Whether @tensorflow/tfjs-node-gpu is installed and loads (its native binding included).
export async function detectTfjsNodeGpu(
  importer: ModuleImporter = importByName
): Promise<TrainingBackend> {
  let loaded: TfjsModule
  try {
    const module = (await importer(TFJS_NODE_GPU)) as TfjsModule & { default?: TfjsModule }
    loaded = module.getBackend ? module : (module.default ?? module)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
    return {
      name: 'tfjs-node-gpu',
      available: false,
      detail: missing
        ? 'not installed; optional, for NVIDIA GPUs on Linux: npm install @tensorflow/tfjs-node-gpu'
        : `installed but it does not load: ${(error as Error).message.split('\n')[0]}`
    }
  }
  if (typeof loaded.getBackend !== 'function' || typeof loaded.ready !== 'function') {
    return {
      name: 'tfjs-node-gpu',
      available: false,
      detail: 'installed but it is not a TensorFlow.js build (no getBackend/ready)'
    }
  }
  try {
    await loaded.ready()
    return {
      name: 'tfjs-node-gpu',
      available: true,
      detail: `TensorFlow.js ${loaded.version?.['tfjs-core'] ?? '?'} on backend '${loaded.getBackend()}'`
    }
  } catch (error) {
    return {
      name: 'tfjs-node-gpu',
      available: false,
      detail: `installed but its backend does not start: ${(error as Error).message.split('\n')[0]}`
    }
  }
}

/// Every backend with its availability. The fine-tune runs on onnxruntime; tfjs-node-gpu is
/// detected and reported (a GPU training path on it is not wired yet: see the issue note).
export async function trainingBackends(
  importer: ModuleImporter = importByName
): Promise<TrainingBackend[]> {
  return [
    {
      name: 'onnxruntime-cpu',
      available: true,
      detail: 'onnxruntime-node training graphs on the CPU'
    },
    await detectTfjsNodeGpu(importer)
  ]
}
