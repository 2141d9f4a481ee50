/// The app's services behind the contract: one function per invoke channel. Both transports —
/// Electron IPC (src/main/ipc) and the browser-mode WebSocket (src/server) — call this same object,
/// so the desktop app and browser mode cannot drift apart.
import type {
  AppInfo,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse
} from '../../shared/ipc/contract'
import { err, ok } from '../../shared/result'
import type { DocumentService } from '../documents/document-service'
import type { InferenceService } from '../inference/inference-service'
import type { TrainingService } from '../training/training-service'
import type { HostClient } from '../hosts/host-client'
import type { InferenceHostMethods } from '../hosts/inference-host'
import type { TrainingHostMethods } from '../hosts/training-host'
import type { SettingsService } from '../settings/settings-service'

export type AppApi = {
  [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<InvokeResponse<C>>
}

/// Native file dialogs (desktop). Browser mode has none: the renderer shows its own path dialog.
export interface FileDialogs {
  open(): Promise<string | null>
  save(suggestedName: string, format: 'fountain' | 'fdx' | 'pdf'): Promise<string | null>
}

export interface AppServices {
  info: AppInfo
  settings: SettingsService
  documents: DocumentService
  dialogs: FileDialogs | null
  generation: InferenceService
  retraining: TrainingService
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
    'settings:update': async ({ patch }) => services.settings.update(patch),
    'document:open': ({ path }) => services.documents.open(path),
    'document:import': ({ name, base64 }) => services.documents.import(name, base64),
    'document:save': ({ path, text, provenance }) =>
      services.documents.save(path, text, provenance),
    'document:export': ({ path, text, format }) => services.documents.export(path, text, format),
    'document:recent': async () => ok(await services.documents.recentFiles()),
    'dialog:open': async () =>
      services.dialogs ? ok({ path: await services.dialogs.open() }) : noDialogs(),
    'dialog:save': async ({ suggestedName, format }) =>
      services.dialogs
        ? ok({ path: await services.dialogs.save(suggestedName, format) })
        : noDialogs(),
    'recovery:write': (entry) => services.documents.writeRecovery(entry),
    'recovery:list': async () => ok(await services.documents.listRecovery()),
    'recovery:discard': async ({ documentId }) => {
      await services.documents.discardRecovery(documentId)
      return ok({})
    },
    'generation:start': (request) => services.generation.generate(request),
    'generation:cancel': async ({ requestId }) => services.generation.cancel(requestId),
    'training:start': (request) => services.retraining.start(request),
    'training:stop': async ({ runName }) => services.retraining.stop(runName),
    'models:activate': async ({ folder }) => {
      // The next continuation loads this model; the inference host swaps sessions, no restart.
      const saved = await services.settings.update({ activeModel: folder })
      return saved.ok ? ok({ folder: saved.value.activeModel }) : saved
    }
  }
}

function noDialogs() {
  return err(
    'unsupported',
    'There are no native file dialogs in browser mode; type the path instead.'
  )
}
