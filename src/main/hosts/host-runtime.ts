/// The child side of a host: announces `ready`, runs requests with an AbortSignal per request id,
/// streams events under that id and answers each request exactly once. Works in an Electron
/// utility process (`process.parentPort`) and in a Node child process (`process.send`).
import type { HostName } from '../../shared/ipc/contract'
import {
  isParentToHostMessage,
  type PingResponse,
  type HostMethodMap,
  type HostToParentMessage
} from '../../shared/hosts/protocol'
import { err, errorFromException, type Result } from '../../shared/result'
import { lowerHostPriority } from './host-priority'

export interface RequestContext<Event> {
  signal: AbortSignal
  emit(event: Event): void
}

export type HostHandlers<M extends HostMethodMap> = {
  [K in keyof M]: (
    payload: M[K]['request'],
    context: RequestContext<M[K]['event']>
  ) => Promise<Result<M[K]['response']>>
}

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

interface Channel {
  send(message: HostToParentMessage): void
  onMessage(listener: (message: unknown) => void): void
}

function connectToParent(): Channel {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data))
    }
  }
  if (process.send) {
    return {
      send: (message) => process.send?.(message),
      onMessage: (listener) => process.on('message', listener)
    }
  }
  throw new Error('A host must be started by Script Buddy (no parent process channel found).')
}

/// Starts serving requests; call once at the top of a host entry file.
export function serveHost<M extends HostMethodMap>(
  name: HostName,
  handlers: HostHandlers<M>
): void {
  lowerHostPriority(name)
  const channel = connectToParent()
  const running = new Map<string, AbortController>()

  channel.onMessage(async (message) => {
    if (!isParentToHostMessage(message)) return
    if (message.type === 'shutdown') process.exit(0)
    if (message.type === 'cancel') {
      running.get(message.id)?.abort()
      return
    }
    const handler = (handlers as Record<string, HostHandlers<M>[keyof M]>)[message.method]
    if (!handler) {
      channel.send({
        type: 'response',
        id: message.id,
        result: err('unknown-channel', `The ${name} host has no method '${message.method}'.`)
      })
      return
    }
    const controller = new AbortController()
    running.set(message.id, controller)
    let result: Result<unknown>
    try {
      result = await handler(message.payload as never, {
        signal: controller.signal,
        emit: (payload) => channel.send({ type: 'event', id: message.id, payload })
      })
    } catch (exception) {
      result = { ok: false, error: errorFromException(exception) }
    } finally {
      running.delete(message.id)
    }
    channel.send({ type: 'response', id: message.id, result })
  })

  channel.send({ type: 'ready', host: name, pid: process.pid })
}

/// The `ping` every host answers: who it is and how long it has been up.
export function pingHandler(name: HostName): () => Promise<Result<PingResponse>> {
  const startedAt = Date.now()
  return async () =>
    ({
      ok: true,
      value: {
        host: name,
        pid: process.pid,
        uptimeSeconds: (Date.now() - startedAt) / 1000,
        node: process.versions.node
      }
    }) as const
}
