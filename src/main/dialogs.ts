/// Native open/save dialogs for the desktop app.
import { BrowserWindow, dialog } from 'electron'
import { join } from 'node:path'
import type { FileDialogs } from './api/app-api'

const scriptFilters = [
  { name: 'Screenplays', extensions: ['fountain', 'spmd', 'fdx', 'txt', 'pdf'] },
  { name: 'All files', extensions: ['*'] }
]

const saveFilters = {
  fountain: [{ name: 'Fountain', extensions: ['fountain'] }],
  fdx: [{ name: 'Final Draft', extensions: ['fdx'] }],
  pdf: [{ name: 'PDF', extensions: ['pdf'] }]
}

export function createElectronDialogs(documentsDir: () => string): FileDialogs {
  const owner = (): BrowserWindow | undefined => BrowserWindow.getFocusedWindow() ?? undefined
  return {
    async open() {
      const window = owner()
      const options = {
        properties: ['openFile' as const],
        filters: scriptFilters,
        defaultPath: documentsDir()
      }
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async save(suggestedName, format) {
      const window = owner()
      const options = {
        defaultPath: join(documentsDir(), suggestedName),
        filters: saveFilters[format]
      }
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options)
      return result.canceled ? null : (result.filePath ?? null)
    }
  }
}
