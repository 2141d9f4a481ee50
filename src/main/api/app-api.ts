/// The app's services behind the contract: one function per invoke channel. Both transports —
/// Electron IPC (src/main/ipc) and the browser-mode WebSocket (src/server) — call this same object,
/// so the desktop app and browser mode cannot drift apart.
import type {
  AppInfo,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse
} from '../../shared/ipc/contract'
import { ok } from '../../shared/result'
import type { HostClient } from '../hosts/host-client'
import type { InferenceHostMethods } from '../hosts/inference-host'
import type { TrainingHostMethods } from '../hosts/training-host'
import type { SettingsService } from '../settings/settings-service'

export type AppApi = {
  [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<InvokeResponse<C>>
}

export interface AppServices {
  info: AppInfo
  settings: SettingsService
  inference: HostClient<InferenceHostMethods>
  training: HostClient<TrainingHostMethods>
}

export function createAppApi(services: AppServices): AppApi {
  const hosts = [services.inference, services.training]
  return {
    'app:info': async () => ok(services.info),
    'hosts:status': async ({ ping }) => {
      if (ping) await Promise.all(hosts.map((host) => host.ping()))
      return ok(hosts.map((host) => host.status()))
    },
    'settings:get': async () => ok(services.settings.get()),
    'settings:update': async ({ patch }) => services.settings.update(patch)
  }
}
