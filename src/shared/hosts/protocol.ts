/// Messages between the main side and a utility-process host (inference, training). A host
/// announces `ready` once it can take requests; every request carries an id, may stream events
/// under that id, ends with exactly one response, and can be cancelled by id.
import type { Result } from '../result'
import type { HostName } from '../ipc/contract'

/// One host's methods: request → response, plus what it streams while working.
export interface HostMethod<Request, Response, Event = never> {
  request: Request
  response: Response
  event: Event
}
export type HostMethodMap = Record<string, HostMethod<unknown, unknown, unknown>>

export type ParentToHostMessage =
  | { type: 'request'; id: string; method: string; payload: unknown }
  | { type: 'cancel'; id: string }
  | { type: 'shutdown' }

export type HostToParentMessage =
  | { type: 'ready'; host: HostName; pid: number }
  | { type: 'event'; id: string; payload: unknown }
  | { type: 'response'; id: string; result: Result<unknown> }

/// Every host answers `ping`, so the main side can measure that the process is alive and idle.
export interface PingResponse {
  host: HostName
  pid: number
  uptimeSeconds: number
  node: string
}

export type CommonHostMethods = {
  ping: HostMethod<Record<string, never>, PingResponse>
}

export function isHostToParentMessage(value: unknown): value is HostToParentMessage {
  if (typeof value !== 'object' || value === null) return false
  const type = (value as { type?: unknown }).type
  return type === 'ready' || type === 'event' || type === 'response'
}

export function isParentToHostMessage(value: unknown): value is ParentToHostMessage {
  if (typeof value !== 'object' || value === null) return false
  const type = (value as { type?: unknown }).type
  return type === 'request' || type === 'cancel' || type === 'shutdown'
}
