/// The only file in main that touches Electron's ipcMain: wires the typed registrar to Electron
/// and describes each sender from Electron's event.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import type { EventChannel, EventContract } from '../../shared/ipc/contract'
import type { AppApi } from '../api/app-api'
import { registerInvokeHandlers, type IpcSender } from './register'

function describeSender(event: unknown): IpcSender {
  const invokeEvent = event as IpcMainInvokeEvent
  const frame = invokeEvent.senderFrame
  return {
    frameUrl: frame?.url,
    isAppWindow: BrowserWindow.fromWebContents(invokeEvent.sender) !== null,
    isMainFrame: frame !== null && frame !== undefined && frame.parent === null
  }
}

export function registerElectronIpc(api: AppApi, isAppUrl: (url: string) => boolean): () => void {
  return registerInvokeHandlers(ipcMain, api, describeSender, isAppUrl)
}

/// Pushes an event to every app window.
export function sendToWindows<E extends EventChannel>(event: E, payload: EventContract[E]): void {
  for (const window of BrowserWindow.getAllWindows()) {
    const contents: WebContents = window.webContents
    if (!contents.isDestroyed()) contents.send(event, payload)
  }
}
