/// The sandboxed bridge: exposes `window.api` (the contract's invoke and on) and nothing else.
/// Channels outside the contract are refused here before they reach main.
import { contextBridge, ipcRenderer } from 'electron'
import { eventChannels, type ScriptBuddyApi } from '../shared/ipc/contract'
import { invokeChannels } from '../shared/ipc/validators'

const api: ScriptBuddyApi = {
  invoke: (channel, request) => {
    if (!invokeChannels.includes(channel)) {
      return Promise.reject(new Error(`Unsupported channel '${String(channel)}'`))
    }
    return ipcRenderer.invoke(channel, request)
  },
  on: (event, listener) => {
    if (!eventChannels.includes(event)) throw new Error(`Unsupported event '${String(event)}'`)
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload as never)
    ipcRenderer.on(event, wrapped)
    return () => {
      ipcRenderer.removeListener(event, wrapped)
    }
  }
}

contextBridge.exposeInMainWorld('api', api)
