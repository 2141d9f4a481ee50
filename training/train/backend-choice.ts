/// Picks the training backend of a run and opens its trainer. 'auto' trains on
/// @tensorflow/tfjs-node-gpu where it is installed and starts, and on onnxruntime on the CPU
/// everywhere else; a backend asked for by name that is unavailable is an error that says why
/// and what to do (never a silent fallback: the writer asked for it).
import {
  importByName,
  loadTfjsBackend,
  ONNXRUNTIME_CPU,
  type ModuleImporter,
  type TrainingBackendName
} from './backends'
import type { ModelTrainer, TrainerSetup } from './model-trainer'
import { TfjsTrainer } from './tfjs/tfjs-trainer'
import type { Tfjs } from './tfjs/tfjs-api'
import { Trainer } from './trainer'

export type TrainingBackendChoice = TrainingBackendName | 'auto'

export const TRAINING_BACKEND_CHOICES: readonly TrainingBackendChoice[] = [
  'auto',
  'onnxruntime-cpu',
  'tfjs-node-gpu',
  'tfjs-cpu'
]

export interface ChosenTrainingBackend {
  name: TrainingBackendName
  /// Why this backend, in words for the progress display and the logs.
  reason: string
  /// The started TensorFlow.js (tfjs backends only).
  tf?: Tfjs
}

export class TrainingBackendUnavailableError extends Error {
  constructor(
    readonly backend: TrainingBackendName,
    detail: string
  ) {
    super(
      `The ${backend} training backend is unavailable here: ${detail}. ` +
        (backend === 'tfjs-node-gpu'
          ? 'It needs Linux, an NVIDIA GPU, CUDA 11.2 and cuDNN 8.1. Until it loads, train with ' +
            'the backend auto or onnxruntime-cpu.'
          : 'Train with the backend auto or onnxruntime-cpu.')
    )
    this.name = 'TrainingBackendUnavailableError'
  }
}

/// Resolves `choice` to a backend that can run here; throws TrainingBackendUnavailableError when
/// the one asked for by name cannot. `importer` loads the optional packages (tests pass their own).
export async function chooseTrainingBackend(
  choice: TrainingBackendChoice,
  importer: ModuleImporter = importByName
): Promise<ChosenTrainingBackend> {
  if (choice === 'onnxruntime-cpu') {
    return { name: choice, reason: `asked for (${ONNXRUNTIME_CPU.detail})` }
  }
  if (choice === 'auto') {
    const gpu = await loadTfjsBackend('tfjs-node-gpu', importer)
    if (gpu.tf) {
      return {
        name: 'tfjs-node-gpu',
        reason: `auto: @tensorflow/tfjs-node-gpu is installed and starts (${gpu.backend.detail})`,
        tf: gpu.tf
      }
    }
    return {
      name: 'onnxruntime-cpu',
      reason: `auto: tfjs-node-gpu is unavailable (${gpu.backend.detail}), so ${ONNXRUNTIME_CPU.detail}`
    }
  }
  const loaded = await loadTfjsBackend(choice, importer)
  if (!loaded.tf) throw new TrainingBackendUnavailableError(choice, loaded.backend.detail)
  return { name: choice, reason: `asked for (${loaded.backend.detail})`, tf: loaded.tf }
}

/// Opens the chosen backend's trainer.
export async function createTrainer(
  backend: ChosenTrainingBackend,
  setup: TrainerSetup
): Promise<ModelTrainer> {
  if (backend.name === 'onnxruntime-cpu') return Trainer.create(setup)
  if (!backend.tf) throw new Error(`createTrainer: the ${backend.name} backend was not started`)
  return TfjsTrainer.create({ ...setup, tf: backend.tf })
}
