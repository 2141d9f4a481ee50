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
import type { ModelRegistry } from '../models/model-registry'
import type { ModelDownloads } from '../models/model-downloads'
import { EMBEDDED_ID } from '../models/model-registry'

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
  models: ModelRegistry
  downloads: ModelDownloads
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
    'settings:update': async ({ patch }) => {
      const saved = await services.settings.update(patch)
      // A new provider choice loads the model again now, so the manager shows what it got.
      if (saved.ok && patch.inferenceProvider !== undefined) void services.generation.prepare()
      return saved
    },
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
    'generation:writer-typing': async () => services.generation.writerTyping(),
    'training:start': (request) => services.retraining.start(request),
    'training:stop': async ({ runName }) => services.retraining.stop(runName),
    'models:activate': async ({ folder }) => {
      // The next continuation loads this model; the inference host swaps sessions, no restart.
      const saved = await services.settings.update({ activeModel: folder })
      // Load it now, so the first continuation is quick and the manager can show its provider.
      if (saved.ok) void services.generation.prepare()
      return saved.ok ? ok({ folder: saved.value.activeModel }) : saved
    },
    'training:preview': (request) => services.retraining.preview(request),
    'models:list': async () => {
      const models = services.models.list()
      const activeFolder = services.settings.get().activeModel
      const active = models.find(
        (model) => model.id !== EMBEDDED_ID && model.folder === activeFolder
      )
      return ok({
        models,
        activeId: active?.id ?? EMBEDDED_ID,
        downloads: services.downloads.list(),
        engine: services.generation.engineStatus()
      })
    },
    'models:download': (request) => services.downloads.start(request),
    'models:cancel-download': async (request) => services.downloads.cancel(request),
    'models:add-folder': ({ path }) => services.models.addFolder(path),
    'models:remove': async ({ id }) => {
      const entry = services.models.find(id)
      const removed = await services.models.remove(id)
      // Continuations fall back to the built-in model when the active one goes.
      if (removed.ok && entry && services.settings.get().activeModel === entry.folder) {
        await services.settings.update({ activeModel: null })
      }
      return removed
    }
  }
}

function noDialogs() {
  return err(
    'unsupported',
    'There are no native file dialogs in browser mode; type the path instead.'
  )
}
