/// The one contract between the renderer and the app. Preload, the Electron registrar, the
/// browser-mode WebSocket adapter and the renderer client are all typed from these two maps, and
/// `invokeValidators` (validators.ts) must name every invoke channel, so a channel cannot exist
/// on one side only.
import type { Result } from '../result'
import type { Settings, SettingsPatch } from '../settings/settings'
import type {
  GenerationRequest,
  GenerationSummary,
  GenerationToken
} from '../ai/generation-request'
import type {
  ExportFormat,
  OpenedDocument,
  RecentFile,
  RecoveryEntry,
  SavedDocument
} from '../documents/documents'
import type {
  DatasetPreview,
  PreviewRequest,
  RetrainOutcome,
  RetrainRequest,
  TrainingEventMessage
} from '../retraining/training-types'
import type { DownloadProgress, ModelEntry, ModelList } from '../models/models'

/// Which shell runs the app: the Electron desktop window, or the local web server (browser mode).
export type AppMode = 'desktop' | 'browser'

export interface AppInfo {
  name: string
  version: string
  mode: AppMode
  platform: string
  /// Where settings, recovery files and compiled models live.
  userDataDir: string
  /// Default folder for new scripts (offered by Save As).
  documentsDir: string
  /// Whether native file dialogs exist (desktop); browser mode uses the app's own path dialog.
  nativeDialogs: boolean
}

export type HostName = 'inference' | 'training'
export type HostState = 'starting' | 'ready' | 'restarting' | 'crashed' | 'stopped'

/// What the main side knows about one utility-process host.
export interface HostStatus {
  name: HostName
  state: HostState
  pid: number | null
  /// Restarts after crashes since the app started.
  restarts: number
  /// Why the host last stopped, in words a person can act on.
  lastError: string | null
  /// Round trip of a ping through the host, when it answered one.
  roundTripMs: number | null
}

/// Request → response for every invoke channel ('domain:verb'). One object argument per call.
export interface InvokeContract {
  'app:info': { request: Record<string, never>; response: AppInfo }
  'hosts:status': { request: { ping?: boolean }; response: HostStatus[] }
  'settings:get': { request: Record<string, never>; response: Settings }
  'settings:update': { request: { patch: SettingsPatch }; response: Settings }
  /// Reads a script from disk and converts it to Fountain (.fountain, .fdx, IMSDb-style .txt, .pdf).
  'document:open': { request: { path: string }; response: OpenedDocument }
  /// The same for a file the renderer holds (browser-mode upload, drag and drop): bytes as base64.
  'document:import': { request: { name: string; base64: string }; response: OpenedDocument }
  /// Writes Fountain text atomically (temporary file + rename).
  /// `provenance`: the AI-text record to write beside it (`<path>.scriptbuddy.json`); null deletes
  /// one left from before; absent leaves any there alone.
  'document:save': {
    request: { path: string; text: string; provenance?: string | null }
    response: SavedDocument
  }
  'document:export': {
    request: { path: string; text: string; format: ExportFormat }
    response: { path: string }
  }
  'document:recent': { request: Record<string, never>; response: RecentFile[] }
  /// Native open dialog (desktop only; browser mode answers 'unsupported').
  'dialog:open': { request: Record<string, never>; response: { path: string | null } }
  'dialog:save': {
    request: { suggestedName: string; format: 'fountain' | ExportFormat }
    response: { path: string | null }
  }
  'recovery:write': { request: Omit<RecoveryEntry, 'savedAt'>; response: { savedAt: number } }
  'recovery:list': { request: Record<string, never>; response: RecoveryEntry[] }
  'recovery:discard': { request: { documentId: string }; response: Record<string, never> }
  /// Continues text with the active model; tokens stream as 'generation:token' events.
  'generation:start': { request: GenerationRequest; response: GenerationSummary }
  'generation:cancel': { request: { requestId: string }; response: Record<string, never> }
  /// The writer is typing in the script: running generations wait until they stop (sent at most
  /// every WRITER_TYPING_INTERVAL_MS while keys go down).
  'generation:writer-typing': { request: Record<string, never>; response: Record<string, never> }
  /// Retrains the active model on the writer's scripts; progress streams as 'training:event'.
  'training:start': { request: RetrainRequest; response: RetrainOutcome }
  /// Pauses (stops with a checkpoint) the named run; start it again with `resume` to continue.
  'training:stop': { request: { runName: string }; response: Record<string, never> }
  /// Makes a model folder the one continuations use (null: the embedded default).
  'models:activate': { request: { folder: string | null }; response: { folder: string | null } }
  /// What retraining would read from these scripts (found, skipped and why, tokens, a sample).
  'training:preview': { request: PreviewRequest; response: DatasetPreview }
  /// Every model the writer can choose, the active one, running downloads and the provider in use.
  'models:list': { request: Record<string, never>; response: ModelList }
  /// Downloads (or resumes) a GPT-2 model from the Hugging Face hub; progress streams as
  /// 'models:download-progress'.
  'models:download': { request: { repo: string; revision?: string }; response: ModelEntry }
  /// Stops a download, keeping what arrived so the next download resumes it.
  'models:cancel-download': {
    request: { repo: string; revision?: string }
    response: Record<string, never>
  }
  /// Adds a model folder from elsewhere on disk (checked first: it must be able to run).
  'models:add-folder': { request: { path: string }; response: ModelEntry }
  /// Takes a model off the list; downloaded and retrained ones are deleted from disk.
  'models:remove': { request: { id: string }; response: { deletedFiles: boolean } }
}

/// Pushes from the app to the renderer.
export interface EventContract {
  'hosts:changed': HostStatus
  'settings:changed': Settings
  'generation:token': GenerationToken
  'training:event': TrainingEventMessage
  'models:download-progress': DownloadProgress
}

export type InvokeChannel = keyof InvokeContract
export type EventChannel = keyof EventContract
export type InvokeRequest<C extends InvokeChannel> = InvokeContract[C]['request']
export type InvokeResponse<C extends InvokeChannel> = Result<InvokeContract[C]['response']>

/// The `window.api` surface, identical in the desktop app (preload) and browser mode (WebSocket).
export interface ScriptBuddyApi {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>
  /// Subscribes to an event channel; returns the unsubscribe function.
  on<E extends EventChannel>(event: E, listener: (payload: EventContract[E]) => void): () => void
}

/// Event channels as a runtime list, for the preload's allow-list.
export const eventChannels: readonly EventChannel[] = [
  'hosts:changed',
  'settings:changed',
  'generation:token',
  'training:event',
  'models:download-progress'
]
