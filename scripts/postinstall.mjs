// Fetches the two optional native downloads that cannot come from the npm registry, and never
// fails the install when their hosts are unreachable (offline machines, CI):
//  - the Electron runtime (from GitHub): without it `npm start` falls back to browser mode;
//  - onnxruntime-node's CUDA provider (from NuGet): without it inference uses WebGPU or the CPU.
// .npmrc turns off onnxruntime-node's own install step, which would fail the whole install.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const TIMEOUT_MS = 120_000

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    return null
  }
}

function tryStep(label, script, env) {
  if (process.env.SCRIPT_BUDDY_SKIP_DOWNLOADS === '1') {
    console.log(`script-buddy: skipped ${label} (SCRIPT_BUDDY_SKIP_DOWNLOADS=1)`)
    return
  }
  const childEnv = { ...process.env, ...env }
  // Run as a dependency install would: the package skips its download when it thinks it is being
  // installed from its own source tree, which npm's variables for this root package suggest.
  delete childEnv.npm_config_onnxruntime_node_install
  delete childEnv.npm_config_local_prefix
  delete childEnv.npm_package_json
  const result = spawnSync(process.execPath, [script], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: TIMEOUT_MS,
    encoding: 'utf8'
  })
  if (result.status === 0) {
    console.log(`script-buddy: ${label}: ok`)
    return
  }
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`
  const reason =
    output.match(/(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET)[^\n]*/)?.[0] ??
    output.match(/^\w*Error: [^\n]*/m)?.[0] ??
    (result.error ? result.error.message : `exit ${result.status}`)
  console.log(
    `script-buddy: ${label}: not available (${reason.slice(0, 160)}); continuing without it`
  )
}

const electronDir = packageDir('electron')
if (electronDir && existsSync(join(electronDir, 'install.js'))) {
  tryStep('Electron runtime download', join(electronDir, 'install.js'), {})
}

const onnxDir = packageDir('onnxruntime-node')
if (onnxDir && existsSync(join(onnxDir, 'script', 'install.js'))) {
  // ONNXRUNTIME_NODE_INSTALL unset = the package's default: fetch what its platform lacks (CUDA on Linux x64).
  tryStep('onnxruntime CUDA provider download', join(onnxDir, 'script', 'install.js'), {
    ONNXRUNTIME_NODE_INSTALL: ''
  })
}
