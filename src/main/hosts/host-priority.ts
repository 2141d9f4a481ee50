/// Hosts run below the app's own processes. On a 2-core laptop the inference host's onnxruntime
/// threads would otherwise take both cores while a suggestion streams, and the writer's keys would
/// wait for the editor's turn (keystroke → paint p95 41 ms while a snippet streamed, against 24 ms
/// with nothing running). Below-normal still runs at full speed when the editor is idle.
/// Training is a background job: lowest priority, behind inference too.
import { readdirSync } from 'node:fs'
import { constants, getPriority, setPriority } from 'node:os'
import type { HostName } from '../../shared/ipc/contract'

export const HOST_PRIORITY: Record<HostName, number> = {
  inference: constants.priority.PRIORITY_BELOW_NORMAL,
  training: constants.priority.PRIORITY_LOW
}

/// Lowers every thread of the calling host, before it starts onnxruntime's threads (they inherit
/// it). A refusal is logged, never fatal: the host works, only less politely.
export function lowerHostPriority(name: HostName): void {
  const target = HOST_PRIORITY[name]
  for (const thread of threadsOfThisProcess()) {
    try {
      // Never raise it: a host started from an already-niced app stays as low as that.
      if (getPriority(thread) < target) setPriority(thread, target)
    } catch (error) {
      // A thread that ended since the listing is no longer there to lower.
      if (thread === 0 || existsAsThread(thread)) {
        console.warn(`[script-buddy] ${name} host: could not lower its priority: ${String(error)}`)
      }
    }
  }
}

/// The ids to lower: on Linux every thread of the process, because there a priority belongs to a
/// thread, and setpriority(0) changes the calling thread alone. The threads Node starts before any
/// code runs (V8's garbage-collector workers, libuv's pool) would stay at normal priority; seen
/// with top -H while a suggestion streamed: four of them at 6–18% CPU each beside the editor,
/// sweeping the decode loop's garbage. Elsewhere (macOS, Windows) a priority is the process's:
/// 0 is the whole process.
export function threadsOfThisProcess(): number[] {
  if (process.platform !== 'linux') return [0]
  try {
    return readdirSync('/proc/self/task').map(Number)
  } catch {
    return [0]
  }
}

function existsAsThread(thread: number): boolean {
  try {
    readdirSync(`/proc/self/task/${thread}`)
    return true
  } catch {
    return false
  }
}
