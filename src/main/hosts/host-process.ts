/// The part of a child process a HostClient needs, so the same client drives an Electron
/// `utilityProcess` (desktop) and a Node `child_process.fork` (browser mode, CLI, tests).
import type { HostName } from '../../shared/ipc/contract'
import { TRAINING_MALLOC_ENVIRONMENT } from '../../../training/train/malloc-environment'

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

/// Environment a host needs from its first instruction. The training host keeps glibc from
/// mapping (and zero-filling) a fresh region for every large tensor: measured 6.1 s → 4.0 s per
/// step of the 30M model (training/train/session.ts).
export function hostEnvironment(name: HostName): Record<string, string> {
  return name === 'training' ? { ...TRAINING_MALLOC_ENVIRONMENT } : {}
}
