/// Typed registration of IPC handlers with a sender check and payload validation on every call
/// (GitHub Desktop's `safeListener`, Electron Fiddle's frame check). Electron itself is passed in,
/// so this file is testable in plain Node.
import { invokeChannels } from '../../shared/ipc/validators'
import { err } from '../../shared/result'
import type { AppApi } from '../api/app-api'
import { dispatchInvoke } from '../api/dispatch'

/// What the check needs to know about the frame that sent a message.
export interface IpcSender {
  /// URL of the sending frame (`event.senderFrame.url`).
  frameUrl: string | undefined
  /// Whether the sending WebContents belongs to a window this app created.
  isAppWindow: boolean
  /// Whether the sender is the top frame of that window (not an iframe).
  isMainFrame: boolean
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/// Decides whether a message comes from the app's own window and page.
export function isTrustedSender(sender: IpcSender, isAppUrl: (url: string) => boolean): boolean {
  return (
    sender.isAppWindow &&
    sender.isMainFrame &&
    sender.frameUrl !== undefined &&
    isAppUrl(sender.frameUrl)
  )
}

/// Registers one handler per invoke channel. Returns a function that removes them all.
export function registerInvokeHandlers(
  ipcMain: IpcMainLike,
  api: AppApi,
  describeSender: (event: unknown) => IpcSender,
  isAppUrl: (url: string) => boolean
): () => void {
  for (const channel of invokeChannels) {
    ipcMain.handle(channel, async (event, payload) => {
      const sender = describeSender(event)
      if (!isTrustedSender(sender, isAppUrl)) {
        console.warn(
          `[script-buddy] refused '${channel}' from ${sender.frameUrl ?? 'an unknown frame'}`
        )
        return err(
          'forbidden',
          'This request did not come from the Script Buddy window and was refused.'
        )
      }
      return dispatchInvoke(api, channel, payload)
    })
  }
  return () => invokeChannels.forEach((channel) => ipcMain.removeHandler(channel))
}
