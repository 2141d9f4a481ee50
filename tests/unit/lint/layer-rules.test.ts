import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The layer rules are only worth having if they fire: lint small snippets as if they lived in each
// folder and check which imports are refused.
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const eslint = new ESLint({ cwd: repoRoot })

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message)
}

describe('layer rules', () => {
  it('keeps src/shared free of Node, Electron, React and other layers', async () => {
    expect(
      await restrictedImports(
        'src/shared/example.ts',
        "import { readFile } from 'node:fs'\nexport const x = readFile\n"
      )
    ).toHaveLength(1)
    expect(
      await restrictedImports(
        'src/shared/example.ts',
        "import { app } from 'electron'\nexport const x = app\n"
      )
    ).toHaveLength(1)
    expect(
      await restrictedImports(
        'src/shared/example.ts',
        "import { useState } from 'react'\nexport const x = useState\n"
      )
    ).toHaveLength(1)
    expect(
      await restrictedImports(
        'src/shared/example.ts',
        "import { x } from '../main/app-services'\nexport const y = x\n"
      )
    ).toHaveLength(1)
    expect(
      await restrictedImports(
        'src/shared/example.ts',
        "import { ok } from './result'\nexport const y = ok\n"
      )
    ).toHaveLength(0)
  })

  it('keeps Electron out of training/', async () => {
    expect(
      await restrictedImports(
        'training/example.ts',
        "import { app } from 'electron'\nexport const x = app\n"
      )
    ).toHaveLength(1)
    expect(
      await restrictedImports(
        'training/example.ts',
        "import { readFile } from 'node:fs'\nexport const x = readFile\n"
      )
    ).toHaveLength(0)
  })

  it('lets only src/main/ipc touch ipcMain and only src/preload touch ipcRenderer', async () => {
    const ipcMainImport = "import { ipcMain } from 'electron'\nexport const x = ipcMain\n"
    const ipcRendererImport =
      "import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer\n"
    expect(await restrictedImports('src/main/window.ts', ipcMainImport)).toHaveLength(1)
    expect(await restrictedImports('src/main/ipc/electron-ipc.ts', ipcMainImport)).toHaveLength(0)
    expect(await restrictedImports('src/main/ipc/electron-ipc.ts', ipcRendererImport)).toHaveLength(
      1
    )
    expect(await restrictedImports('src/preload/index.ts', ipcRendererImport)).toHaveLength(0)
    expect(await restrictedImports('src/preload/index.ts', ipcMainImport)).toHaveLength(1)
  })

  it('keeps the renderer away from Node and Electron', async () => {
    expect(
      await restrictedImports(
        'src/renderer/src/example.ts',
        "import { readFile } from 'fs'\nexport const x = readFile\n"
      )
    ).toHaveLength(1)
    expect(
      await restrictedImports(
        'src/renderer/src/example.ts',
        "import { shell } from 'electron'\nexport const x = shell\n"
      )
    ).toHaveLength(1)
  })
})
