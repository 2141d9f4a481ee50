/// Entry of the training host: dataset preparation and fine-tuning run here, away from main and
/// from the inference host, so a long training run never delays a continuation.
import type { CommonHostMethods } from '../../shared/hosts/protocol'
import { ok } from '../../shared/result'
import { serveHost } from './host-runtime'

const startedAt = Date.now()

export type TrainingHostMethods = CommonHostMethods

serveHost<TrainingHostMethods>('training', {
  async ping() {
    return ok({
      host: 'training',
      pid: process.pid,
      uptimeSeconds: (Date.now() - startedAt) / 1000,
      node: process.versions.node
    })
  }
})
