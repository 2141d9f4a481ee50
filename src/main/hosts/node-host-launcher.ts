/// Launches hosts as Node child processes (browser mode, CLI, tests). Hosts run from TypeScript
/// source through tsx, so browser mode needs no separate build of the host code.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { HostName } from '../../shared/ipc/contract'
import { hostEnvironment, type HostLauncher, type HostProcess } from './host-process'

const hostEntries: Record<HostName, string> = {
  inference: fileURLToPath(new URL('./inference-host.ts', import.meta.url)),
  training: fileURLToPath(new URL('./training-host.ts', import.meta.url))
}

export function createNodeHostLauncher(options: { env?: NodeJS.ProcessEnv } = {}): HostLauncher {
  return (name) => {
    const child = fork(hostEntries[name], [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...options.env, ...hostEnvironment(name), SCRIPT_BUDDY_HOST: name },
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc']
    })
    child.on('error', (error) => console.warn(`[script-buddy] ${name} host: ${error.message}`))
    return wrapChildProcess(child)
  }
}

/// A Node child process seen as a HostProcess.
export function wrapChildProcess(child: ChildProcess): HostProcess {
  return {
    get pid() {
      return child.pid
    },
    postMessage: (message) => {
      // A host that just died cannot take the message; its exit is handled elsewhere.
      if (child.connected) child.send(message as object, () => undefined)
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code, signal) => listener(code, signal)),
    kill: () => child.kill('SIGKILL')
  }
}
