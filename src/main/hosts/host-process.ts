/// The part of a child process a HostClient needs, so the same client drives an Electron
/// `utilityProcess` (desktop) and a Node `child_process.fork` (browser mode, CLI, tests).
import type { HostName } from '../../shared/ipc/contract'

export interface HostProcess {
  readonly pid: number | undefined
  postMessage(message: unknown): void
  onMessage(listener: (message: unknown) => void): void
  /// Called once when the process ends, with its exit code (null when killed by a signal).
  onExit(listener: (code: number | null, signal: string | null) => void): void
  kill(): void
}

/// Starts one host process by name.
export type HostLauncher = (name: HostName) => HostProcess
