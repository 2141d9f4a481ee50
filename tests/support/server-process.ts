/// Runs browser mode as its own process (as `npm run start:browser` does), so a test can kill it
/// the way a crash would, and start it again on the same data folder.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from './browser-mode'

export interface ServerProcess {
  child: ChildProcess
  appUrl: string
  output(): string
}

/// Resolves with the URL a starting Script Buddy prints ("Open: http://…?token=…").
export function waitForAppUrl(
  child: ChildProcess,
  timeoutMs = 90_000
): Promise<{ appUrl: string; output: () => string }> {
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL printed within ${timeoutMs / 1000} s:\n${output}`)),
      timeoutMs
    )
    const onData = (data: Buffer): void => {
      output += data.toString()
      const match = output.match(/Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/)
      if (match) {
        clearTimeout(timer)
        resolve({ appUrl: match[1], output: () => output })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code} before printing a URL:\n${output}`))
    })
  })
}

export async function startServerProcess(dataDir: string): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO_ROOT, 'src', 'server', 'main.ts'),
      '--port',
      '0',
      '--data-dir',
      dataDir
    ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  const { appUrl, output } = await waitForAppUrl(child)
  return { child, appUrl, output }
}

/// Ends the server as a crash or `kill -9` would: no shutdown code runs.
export async function killHard(server: ServerProcess): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGKILL')
  await exited
}
