/// Whether an Electron binary is installed (it is downloaded from GitHub, which some machines —
/// CI here included — cannot reach), and where.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export function electronExecutable(): { path: string } | { missing: string } {
  const require = createRequire(import.meta.url)
  let packageDir: string
  try {
    packageDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return { missing: 'the Electron binary was never downloaded (no network access to GitHub)' }
  }
  const path = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(path) ? { path } : { missing: `${path} is missing` }
}
