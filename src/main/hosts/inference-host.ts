/// Entry of the inference host (an Electron utility process, or a Node child in browser mode).
/// onnxruntime-node's run() blocks its thread, so every forward pass happens here, never in main.
import type { CommonHostMethods } from '../../shared/hosts/protocol'
import { ok } from '../../shared/result'
import { serveHost } from './host-runtime'

const startedAt = Date.now()

export type InferenceHostMethods = CommonHostMethods

serveHost<InferenceHostMethods>('inference', {
  async ping() {
    return ok({
      host: 'inference',
      pid: process.pid,
      uptimeSeconds: (Date.now() - startedAt) / 1000,
      node: process.versions.node
    })
  }
})
