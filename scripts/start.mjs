// `npm start`: opens the desktop app, or — where the Electron runtime is not installed (it is
// downloaded from GitHub, which some machines cannot reach) — says so in one line and starts
// browser mode, printing the URL (with its token) to open.
//   npm start                     desktop app, else browser mode
//   npm start -- --browser        browser mode even where Electron exists
//   npm start -- --port 5181 …    flags after the first `--` go to browser mode (see src/server/main.ts)
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
const args = process.argv.slice(2)
const forceBrowser = args.includes('--browser')
const serverArgs = args.filter((arg) => arg !== '--browser')

/// Path of the installed Electron executable, or why there is none.
function electronRuntime() {
  let packageDir
  try {
    packageDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return { missing: 'its binary was never downloaded' }
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(executable) ? { executable } : { missing: `${executable} is missing` }
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

function electronVite(commandArgs) {
  return [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), ...commandArgs]
}

const runtime = electronRuntime()
if (!forceBrowser && runtime.executable) {
  const child = spawn(process.execPath, electronVite(['preview']), { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  if (!forceBrowser) {
    console.log(
      `Electron runtime not available (${runtime.missing}); starting browser mode instead.`
    )
  }
  // The renderer bundle is what browser mode serves: build it (a few seconds).
  run(process.execPath, electronVite(['build', '--logLevel', 'warn']))
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src', 'server', 'main.ts'), ...serverArgs],
    { cwd: root, stdio: 'inherit' }
  )
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code) => process.exit(code ?? 0))
}
