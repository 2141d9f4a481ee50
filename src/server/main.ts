/// Starts Script Buddy in browser mode: `npm run start:browser` (or `npm start` where the Electron
/// runtime is missing). Flags: --port N, --host ADDRESS (binding beyond 127.0.0.1 is explicit),
/// --data-dir DIR, --renderer DIR.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createAppServices } from '../main/app-services'
import { createNodeHostLauncher } from '../main/hosts/node-host-launcher'
import { startBrowserServer, type BrowserServer } from './server'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/// Where settings and recovery files live when no --data-dir is given: the same folder the
/// desktop app uses, so both modes share the writer's data.
export function defaultUserDataDir(): string {
  if (process.platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', 'script-buddy')
  }
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'script-buddy')
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'script-buddy')
}

export async function startBrowserMode(options: {
  port?: number
  host?: string
  userDataDir?: string
  rendererDir?: string
  prepareModel?: boolean
}): Promise<{ server: BrowserServer; dispose(): Promise<void> }> {
  let server: BrowserServer | null = null
  const app = await createAppServices({
    mode: 'browser',
    userDataDir: options.userDataDir ?? defaultUserDataDir(),
    launchHost: createNodeHostLauncher(),
    resourcesDir: join(repoRoot, 'resources'),
    prepareModel: options.prepareModel ?? false,
    emit: (event, payload) => server?.emit(event, payload)
  })
  server = await startBrowserServer({
    rendererDir: options.rendererDir ?? join(repoRoot, 'out', 'renderer'),
    api: app.api,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0
  })
  const running = server
  return {
    server: running,
    dispose: async () => {
      await running.close()
      await app.dispose()
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      renderer: { type: 'string' }
    }
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number between 0 and 65535 (got '${values.port}').`)
    process.exit(2)
  }
  if (values.host !== '127.0.0.1' && values.host !== 'localhost' && values.host !== '::1') {
    console.warn(
      `Script Buddy is listening on ${values.host}: anyone who can reach it and has the link can use it.`
    )
  }
  const { server, dispose } = await startBrowserMode({
    port,
    host: values.host,
    prepareModel: true,
    ...(values['data-dir'] ? { userDataDir: resolve(values['data-dir']) } : {}),
    ...(values.renderer ? { rendererDir: resolve(values.renderer) } : {})
  })
  console.log(`Script Buddy is running in browser mode. Open: ${server.appUrl}`)
  const stop = (): void => {
    void dispose().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    if (/EADDRINUSE/.test(message)) {
      console.error(
        `That port is in use. Start with another one: npm run start:browser -- --port 5181`
      )
    } else {
      console.error(`Script Buddy could not start: ${message}`)
    }
    process.exit(1)
  })
}
