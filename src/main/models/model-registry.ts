/// The one list of models: the embedded default, hub downloads, folders the writer added, and
/// models made by retraining (found in the models folder by their manifest). Downloads and added
/// folders are remembered in `models/registry.json` in the user data folder.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import type { ModelEntry, ModelSourceKind } from '../../shared/models/models'
import { err, ok, type Result } from '../../shared/result'
import { inspectModelFolder } from '../../../training/model/inspect-model-folder'
import { MANIFEST_FILE, type ModelManifest } from '../../../training/retrain/model-folder'
import { embeddedModelFolder } from './active-model'

export const EMBEDDED_ID = 'embedded'

interface RegisteredModel {
  folder: string
  source: 'hub' | 'folder'
  repo?: string
  revision?: string
  addedAt: string
}

interface RegistryFile {
  version: 1
  models: RegisteredModel[]
}

export class ModelRegistry {
  readonly modelsDir: string

  constructor(
    private readonly userDataDir: string,
    private readonly resourcesDir: string
  ) {
    this.modelsDir = join(userDataDir, 'models')
  }

  private get registryPath(): string {
    return join(this.modelsDir, 'registry.json')
  }

  /// Where a hub download of repo@revision lives.
  hubFolder(repo: string, revision: string): string {
    const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_')
    return join(this.modelsDir, 'hub', `${safe(repo.replace('/', '--'))}@${safe(revision)}`)
  }

  private read(): RegistryFile {
    try {
      const parsed = JSON.parse(readFileSync(this.registryPath, 'utf8')) as RegistryFile
      if (Array.isArray(parsed.models)) return { version: 1, models: parsed.models }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        console.warn(
          `[script-buddy] ${this.registryPath} is unreadable, starting afresh: ${String(error)}`
        )
      }
    }
    return { version: 1, models: [] }
  }

  private async write(registry: RegistryFile): Promise<void> {
    await mkdir(this.modelsDir, { recursive: true })
    const temporary = `${this.registryPath}.tmp`
    await writeFile(temporary, `${JSON.stringify(registry, null, 2)}\n`)
    await rename(temporary, this.registryPath)
  }

  list(): ModelEntry[] {
    const embedded = embeddedModelFolder(this.resourcesDir)
    const entries: ModelEntry[] = [
      describe(EMBEDDED_ID, embedded, 'embedded', 'Built in', readManifest(embedded)?.name)
    ]
    const seen = new Set<string>([embedded])
    for (const model of this.read().models) {
      if (seen.has(model.folder)) continue
      seen.add(model.folder)
      if (model.source === 'hub') {
        const complete = existsSync(join(model.folder, MANIFEST_FILE))
        const revision = model.revision ?? 'main'
        const origin = `Hugging Face ${model.repo}${revision === 'main' ? '' : `@${revision}`}`
        const entry = complete
          ? describe(model.folder, model.folder, 'hub', origin, readManifest(model.folder)?.name)
          : incomplete(model.folder, origin)
        entries.push({ ...entry, hub: { repo: model.repo ?? '', revision } })
      } else {
        entries.push(describe(model.folder, model.folder, 'folder', model.folder))
      }
    }
    for (const folder of this.retrainedFolders()) {
      if (seen.has(folder)) continue
      const manifest = readManifest(folder)
      entries.push(
        describe(
          folder,
          folder,
          'retrained',
          `Retrained from ${manifest?.base ?? 'a model'}`,
          manifest?.name
        )
      )
    }
    return entries
  }

  private retrainedFolders(): string[] {
    if (!existsSync(this.modelsDir)) return []
    return readdirSync(this.modelsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'hub')
      .map((entry) => join(this.modelsDir, entry.name))
      .filter((folder) => readManifest(folder)?.source === 'retrained')
  }

  find(id: string): ModelEntry | undefined {
    return this.list().find((entry) => entry.id === id)
  }

  /// Remembers a download before it starts, so an interrupted one is listed and can be resumed.
  async registerDownload(repo: string, revision: string): Promise<string> {
    const folder = this.hubFolder(repo, revision)
    const registry = this.read()
    if (!registry.models.some((model) => model.folder === folder)) {
      registry.models.push({
        folder,
        source: 'hub',
        repo,
        revision,
        addedAt: new Date().toISOString()
      })
      await this.write(registry)
    }
    return folder
  }

  /// Adds a model folder from elsewhere on disk; refused with the reason when it cannot run.
  async addFolder(path: string): Promise<Result<ModelEntry>> {
    if (!isAbsolute(path)) {
      return err('invalid-request', `Type the full path of the model folder (got '${path}').`)
    }
    const folder = resolve(path)
    const entry = describe(folder, folder, 'folder', folder)
    if (entry.problem) return err('model-error', entry.problem)
    const registry = this.read()
    if (!registry.models.some((model) => model.folder === folder)) {
      registry.models.push({ folder, source: 'folder', addedAt: new Date().toISOString() })
      await this.write(registry)
    }
    return ok(entry)
  }

  /// Takes a model off the list. Downloads and retrained models are deleted from disk; a folder
  /// the writer added stays where it is (it is theirs). The embedded model cannot be removed.
  async remove(id: string): Promise<Result<{ deletedFiles: boolean }>> {
    if (id === EMBEDDED_ID) {
      return err('invalid-request', 'The built-in model cannot be removed.')
    }
    const entry = this.find(id)
    if (!entry) {
      return err('not-found', 'That model is no longer in the list. Reopen the model manager.')
    }
    const registry = this.read()
    registry.models = registry.models.filter((model) => model.folder !== entry.folder)
    await this.write(registry)
    const owned = entry.source === 'hub' || entry.source === 'retrained'
    // Only folders inside our own models folder are ever deleted.
    if (owned && resolve(entry.folder).startsWith(`${resolve(this.modelsDir)}/`)) {
      await rm(entry.folder, { recursive: true, force: true })
      return ok({ deletedFiles: true })
    }
    return ok({ deletedFiles: false })
  }
}

function readManifest(folder: string): ModelManifest | null {
  try {
    return JSON.parse(readFileSync(join(folder, MANIFEST_FILE), 'utf8')) as ModelManifest
  } catch {
    return null
  }
}

function describe(
  id: string,
  folder: string,
  source: ModelSourceKind,
  origin: string,
  name?: string
): ModelEntry {
  const summary = inspectModelFolder(folder)
  return {
    id,
    name: name ?? folder.split(/[\\/]/).filter(Boolean).at(-1) ?? folder,
    folder,
    source,
    origin,
    sizeBytes: summary.sizeBytes,
    format: summary.format,
    parameters: summary.parameters,
    problem: summary.problem
  }
}

function incomplete(folder: string, origin: string): ModelEntry {
  let sizeBytes = 0
  if (existsSync(folder)) {
    for (const name of readdirSync(folder)) {
      try {
        sizeBytes += statSync(join(folder, name)).size
      } catch {
        // A file vanishing while listing is harmless here.
      }
    }
  }
  return {
    id: folder,
    name: origin.replace(/^Hugging Face /, ''),
    folder,
    source: 'hub',
    origin,
    sizeBytes,
    format: 'download not finished',
    parameters: null,
    problem: 'The download stopped before it finished. Resume it, or remove it.',
    incomplete: true
  }
}
