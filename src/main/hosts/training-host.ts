/// Entry of the training host: dataset preparation and fine-tuning run here, away from main and
/// from the inference host, so a long training run never delays a continuation.
import type { CommonHostMethods, HostMethod } from '../../shared/hosts/protocol'
import type { TrainingEvent } from '../../shared/retraining/training-types'
import {
  retrain,
  type RetrainOptions,
  type RetrainResult
} from '../../../training/retrain/run-retraining'
import type { DatasetPreview } from '../../shared/retraining/training-types'
import { previewDataset, type PreviewOptions } from '../../../training/retrain/preview-dataset'
import { pingHandler, serveHost } from './host-runtime'

export type TrainingHostMethods = CommonHostMethods & {
  /// Runs one retraining; cancelling it stops between steps and keeps a checkpoint to resume from.
  retrain: HostMethod<RetrainOptions, RetrainResult, TrainingEvent>
  /// Reads the scripts as a retraining would, without training (the panel's preview).
  preview: HostMethod<PreviewOptions, DatasetPreview>
}

// Only start serving when run as a host process (main imports the type above).
if (process.env.SCRIPT_BUDDY_HOST === 'training') {
  serveHost<TrainingHostMethods>('training', {
    ping: pingHandler('training'),
    async retrain(options, { signal, emit }) {
      return retrain(options, { signal, onEvent: emit })
    },
    async preview(options, { signal }) {
      return previewDataset(options, signal)
    }
  })
}
