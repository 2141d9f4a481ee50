/// Launches hosts as Electron utility processes (desktop app). electron-vite builds each host entry
/// next to the main bundle (see electron.vite.config.ts).
import { utilityProcess } from 'electron'
import { join } from 'node:path'
import { hostEnvironment, type HostLauncher, type HostProcess } from './host-process'

export function createElectronHostLauncher(bundleDir: string): HostLauncher {
  return (name) => {
    const child = utilityProcess.fork(join(bundleDir, `${name}-host.js`), [], {
      serviceName: `Script Buddy ${name}`,
      stdio: 'inherit',
      env: { ...process.env, ...hostEnvironment(name), SCRIPT_BUDDY_HOST: name }
    })
    const host: HostProcess = {
      get pid() {
        return child.pid
      },
      postMessage: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code) => listener(code, null)),
      kill: () => {
        child.kill()
      }
    }
    return host
  }
}
