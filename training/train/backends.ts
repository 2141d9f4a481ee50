/// Which training backends this machine offers. onnxruntime on the CPU is always there (the
/// training graphs in training/onnx run on it). `@tensorflow/tfjs-node-gpu` is an optional
/// dependency: npm tries to install it, its install script downloads libtensorflow for CUDA (about
/// 300 MB), and where that fails (offline, as on the project's machines, or no CUDA) npm leaves the
/// package out and the install goes on. It is used only where it is installed and loads;
/// otherwise it is listed with the reason it is unavailable.
/// `@tensorflow/tfjs` (pure JavaScript, a development dependency) runs the same TensorFlow.js
/// trainer on the CPU: slow, for checking that path on a machine without a GPU.
import { tfjsApi, type Tfjs } from './tfjs/tfjs-api'

export type TrainingBackendName = 'onnxruntime-cpu' | 'tfjs-node-gpu' | 'tfjs-cpu'

export interface TrainingBackend {
  name: TrainingBackendName
  available: boolean
  /// Why it cannot be used, or what it found (version, devices), for the writer and the logs.
  detail: string
}

/// Loads a module by a name known only at run time.
export type ModuleImporter = (name: string) => Promise<unknown>

// The names are assembled at run time so neither bundlers nor TypeScript try to resolve packages
// that are (normally) not installed, or installed for development only.
const PACKAGES: Record<Exclude<TrainingBackendName, 'onnxruntime-cpu'>, string> = {
  'tfjs-node-gpu': ['@tensorflow', 'tfjs-node-gpu'].join('/'),
  'tfjs-cpu': ['@tensorflow', 'tfjs'].join('/')
}

const INSTALL_HINTS: Record<keyof typeof PACKAGES, string> = {
  'tfjs-node-gpu': 'optional, for NVIDIA GPUs on Linux: npm install @tensorflow/tfjs-node-gpu',
  'tfjs-cpu': 'a development dependency of Script Buddy: npm install @tensorflow/tfjs'
}

export const importByName: ModuleImporter = (name) => import(/* @vite-ignore */ name)

/// A TensorFlow.js package as a backend: loaded and started (`tf` set), or why not.
export interface LoadedTfjs {
  backend: TrainingBackend
  tf: Tfjs | null
}

/// Imports a TensorFlow.js backend's package and starts it; never throws.
export async function loadTfjsBackend(
  name: keyof typeof PACKAGES,
  importer: ModuleImporter = importByName
): Promise<LoadedTfjs> {
  const unavailable = (detail: string): LoadedTfjs => ({
    backend: { name, available: false, detail },
    tf: null
  })
  let module: unknown
  try {
    module = await importer(PACKAGES[name])
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
    return unavailable(
      missing
        ? `not installed; ${INSTALL_HINTS[name]}`
        : `installed but it does not load: ${(error as Error).message.split('\n')[0]}`
    )
  }
  const tf = tfjsApi(module)
  if (!tf) {
    return unavailable(
      'installed but it is not a TensorFlow.js build (no tidy/valueAndGrads/ready)'
    )
  }
  try {
    // tfjs-node-gpu selects its native 'tensorflow' backend on import; the pure package would
    // pick WebGL first where a page has it, so the CPU backend is asked for by name.
    if (name === 'tfjs-cpu' && !(await tf.setBackend('cpu'))) {
      return unavailable("installed but its 'cpu' backend does not start")
    }
    await tf.ready()
    return {
      backend: {
        name,
        available: true,
        detail: `TensorFlow.js ${tf.version?.['tfjs-core'] ?? '?'} on backend '${tf.getBackend()}'`
      },
      tf
    }
  } catch (error) {
    return unavailable(
      `installed but its backend does not start: ${(error as Error).message.split('\n')[0]}`
    )
  }
}

/// Whether @tensorflow/tfjs-node-gpu is installed and loads (its native binding included).
export async function detectTfjsNodeGpu(
  importer: ModuleImporter = importByName
): Promise<TrainingBackend> {
  return (await loadTfjsBackend('tfjs-node-gpu', importer)).backend
}

export const ONNXRUNTIME_CPU: TrainingBackend = {
  name: 'onnxruntime-cpu',
  available: true,
  detail: 'onnxruntime-node training graphs on the CPU'
}

/// The backends a writer can train on, with their availability (tfjs-cpu, a development aid, is
/// left out of this list but can be chosen by name).
export async function trainingBackends(
  importer: ModuleImporter = importByName
): Promise<TrainingBackend[]> {
  return [ONNXRUNTIME_CPU, await detectTfjsNodeGpu(importer)]
}
