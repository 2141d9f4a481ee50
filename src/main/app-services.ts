/// The composition root shared by the desktop app and browser mode: builds every service in
/// dependency order, with the transport-specific parts (how hosts are launched, how events reach
/// the renderer) passed in.
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { AppMode, EventChannel, EventContract, HostStatus } from '../shared/ipc/contract'
import { createAppApi, type AppApi, type AppServices, type FileDialogs } from './api/app-api'
import { createDocumentConverters } from './documents/converters'
import { DocumentService } from './documents/document-service'
import { RecentFiles } from './documents/recent-files'
import { RecoveryStore } from './documents/recovery-store'
import { HostClient } from './hosts/host-client'
import type { HostLauncher } from './hosts/host-process'
import type { InferenceHostMethods } from './hosts/inference-host'
import type { TrainingHostMethods } from './hosts/training-host'
import { SettingsService } from './settings/settings-service'
import { InferenceService } from './inference/inference-service'
import { activeModelSelection } from './models/active-model'
import { TrainingService } from './training/training-service'
import { ModelRegistry } from './models/model-registry'
import { ModelDownloads } from './models/model-downloads'

/// Pushes an event to every connected renderer.
export type EventSink = <E extends EventChannel>(event: E, payload: EventContract[E]) => void

export interface AppServicesOptions {
  mode: AppMode
  userDataDir: string
  launchHost: HostLauncher
  emit: EventSink
  /// Native dialogs where the shell has them (desktop).
  dialogs?: FileDialogs
  /// Where Save As proposes new scripts; defaults to ~/Documents/Script Buddy.
  documentsDir?: string
  /// The app's bundled resources (the embedded model lives in resources/models).
  resourcesDir: string
  /// Load the model at start (the app does; tests that never generate skip it).
  prepareModel?: boolean
  version?: string
}

export interface RunningApp {
  api: AppApi
  services: AppServices
  dispose(): Promise<void>
}

function packageVersion(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version
  } catch {
    return '0.0.0'
  }
}

export async function createAppServices(options: AppServicesOptions): Promise<RunningApp> {
  const settings = new SettingsService(options.userDataDir, (next) =>
    options.emit('settings:changed', next)
  )
  await settings.load()
  for (const warning of settings.loadWarnings) console.warn(`[script-buddy] ${warning}`)

  const onStatus = (status: HostStatus): void => options.emit('hosts:changed', status)
  const inference = new HostClient<InferenceHostMethods>('inference', options.launchHost, {
    onStatus
  })
  const training = new HostClient<TrainingHostMethods>('training', options.launchHost, { onStatus })

  const models = new ModelRegistry(options.userDataDir, options.resourcesDir)
  const services: AppServices = {
    info: {
      name: 'Script Buddy',
      version: options.version ?? packageVersion(),
      mode: options.mode,
      platform: `${process.platform}-${process.arch}`,
      userDataDir: options.userDataDir,
      documentsDir: options.documentsDir ?? join(homedir(), 'Documents', 'Script Buddy'),
      nativeDialogs: options.dialogs !== undefined
    },
    settings,
    documents: new DocumentService(
      createDocumentConverters(),
      new RecentFiles(options.userDataDir),
      new RecoveryStore(options.userDataDir)
    ),
    dialogs: options.dialogs ?? null,
    retraining: new TrainingService(
      training,
      join(options.userDataDir, 'models'),
      () =>
        activeModelSelection({
          resourcesDir: options.resourcesDir,
          userDataDir: options.userDataDir,
          settings: settings.get()
        }).folder,
      (message) => options.emit('training:event', message)
    ),
    generation: new InferenceService(
      inference,
      () =>
        activeModelSelection({
          resourcesDir: options.resourcesDir,
          userDataDir: options.userDataDir,
          settings: settings.get()
        }),
      (token) => options.emit('generation:token', token)
    ),
    inference,
    training,
    models,
    downloads: new ModelDownloads(models, (progress) =>
      options.emit('models:download-progress', progress)
    )
  }
  if (options.prepareModel) void services.generation.prepare()
  return {
    api: createAppApi(services),
    services,
    dispose: async () => {
      services.generation.cancelAll()
      services.retraining.stopAll()
      services.downloads.cancelAll()
      await Promise.all([inference.dispose(), training.dispose()])
    }
  }
}
