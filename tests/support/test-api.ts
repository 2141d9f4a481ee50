/// The real app API over real services on a fresh temporary folder, with no utility-process hosts
/// (tests that need hosts start the whole app instead).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createAppApi, type AppApi } from '../../src/main/api/app-api'
import { createDocumentConverters } from '../../src/main/documents/converters'
import { DocumentService } from '../../src/main/documents/document-service'
import { RecentFiles } from '../../src/main/documents/recent-files'
import { RecoveryStore } from '../../src/main/documents/recovery-store'
import { HostClient } from '../../src/main/hosts/host-client'
import { SettingsService } from '../../src/main/settings/settings-service'
import { InferenceService } from '../../src/main/inference/inference-service'
import type { InferenceHostMethods } from '../../src/main/hosts/inference-host'
import type { TrainingHostMethods } from '../../src/main/hosts/training-host'
import { TrainingService } from '../../src/main/training/training-service'
import type { AppMode } from '../../src/shared/ipc/contract'
import { ModelRegistry } from '../../src/main/models/model-registry'
import { ModelDownloads } from '../../src/main/models/model-downloads'

export function createTestApi(mode: AppMode): { api: AppApi; userDataDir: string } {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sb-api-'))
  const noHost = (): never => {
    throw new Error('no hosts in this test')
  }
  const inference = new HostClient<InferenceHostMethods>('inference', noHost)
  const models = new ModelRegistry(
    userDataDir,
    fileURLToPath(new URL('../../resources', import.meta.url))
  )
  const api = createAppApi({
    info: {
      name: 'Script Buddy',
      version: 'test',
      mode,
      platform: 'test',
      userDataDir,
      documentsDir: userDataDir,
      nativeDialogs: false
    },
    settings: new SettingsService(userDataDir),
    documents: new DocumentService(
      createDocumentConverters(),
      new RecentFiles(userDataDir),
      new RecoveryStore(userDataDir)
    ),
    dialogs: null,
    inference,
    generation: new InferenceService(
      inference,
      () => ({ folder: '/nonexistent' }),
      () => undefined
    ),
    training: new HostClient('training', noHost),
    retraining: new TrainingService(
      new HostClient<TrainingHostMethods>('training', noHost),
      join(userDataDir, 'models'),
      () => '/nonexistent',
      () => undefined
    ),
    models,
    downloads: new ModelDownloads(models, () => undefined)
  })
  return { api, userDataDir }
}
