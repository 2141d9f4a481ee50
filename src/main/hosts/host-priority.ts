/// Hosts run below the app's own processes. On a 2-core laptop the inference host's onnxruntime
/// threads would otherwise take both cores while a suggestion streams, and the writer's keys would
/// wait for the editor's turn (keystroke → paint p95 41 ms while a snippet streamed, against 24 ms
/// with nothing running). Below-normal still runs at full speed when the editor is idle.
/// Training is a background job: lowest priority, behind inference too.
import { constants, getPriority, setPriority } from 'node:os'
import type { HostName } from '../../shared/ipc/contract'

export const HOST_PRIORITY: Record<HostName, number> = {
  inference: constants.priority.PRIORITY_BELOW_NORMAL,
  training: constants.priority.PRIORITY_LOW
}

/// Lowers the calling host's priority before it starts any worker threads (onnxruntime's threads
/// inherit it). A refusal is logged, never fatal: the host works, only less politely.
export function lowerHostPriority(name: HostName): void {
  try {
    // Never raise it: a host started from an already-niced app stays as low as that.
    if (getPriority() < HOST_PRIORITY[name]) setPriority(HOST_PRIORITY[name])
  } catch (error) {
    console.warn(`[script-buddy] ${name} host: could not lower its priority: ${String(error)}`)
  }
}
