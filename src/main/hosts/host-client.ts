/// The main side of a utility-process host: starts it, waits for its `ready` handshake, sends
/// requests by id, routes streamed events, cancels by id, and notices a crash — failing the
/// requests in flight with a clear message and restarting the host (a bounded number of times).
import type { HostName, HostState, HostStatus } from '../../shared/ipc/contract'
import {
  isHostToParentMessage,
  type CommonHostMethods,
  type HostMethodMap,
  type PingResponse
} from '../../shared/hosts/protocol'
import { err, type Result } from '../../shared/result'
import type { HostLauncher, HostProcess } from './host-process'

export interface HostClientOptions {
  /// How long a host may take to say `ready`.
  readyTimeoutMs?: number
  /// Automatic restarts allowed within `restartWindowMs` before the host is left stopped.
  maxRestarts?: number
  restartWindowMs?: number
  /// Told about every state change (the app forwards it to the renderer as 'hosts:changed').
  onStatus?: (status: HostStatus) => void
}

export interface RequestOptions<Event> {
  signal?: AbortSignal
  onEvent?: (event: Event) => void
}

interface Pending {
  resolve: (result: Result<unknown>) => void
  onEvent?: (event: unknown) => void
}

const DEFAULT_READY_TIMEOUT_MS = 30_000
const DEFAULT_MAX_RESTARTS = 3
const DEFAULT_RESTART_WINDOW_MS = 60_000

const hostLabels: Record<HostName, string> = {
  inference: 'The writing engine',
  training: 'The training engine'
}

export class HostClient<M extends HostMethodMap & CommonHostMethods> {
  private process: HostProcess | null = null
  private ready: Promise<Result<void>> | null = null
  private readonly pending = new Map<string, Pending>()
  private nextId = 1
  private state: HostState = 'stopped'
  private restarts = 0
  private readonly recentCrashes: number[] = []
  private lastError: string | null = null
  private roundTripMs: number | null = null
  private disposed = false

  constructor(
    readonly name: HostName,
    private readonly launch: HostLauncher,
    private readonly options: HostClientOptions = {}
  ) {}

  status(): HostStatus {
    return {
      name: this.name,
      state: this.state,
      pid: this.process?.pid ?? null,
      restarts: this.restarts,
      lastError: this.lastError,
      roundTripMs: this.roundTripMs
    }
  }

  /// Starts the host if it is not running and resolves once it said `ready`.
  start(): Promise<Result<void>> {
    if (this.disposed) {
      return Promise.resolve(err('host-unavailable', `${hostLabels[this.name]} is shut down.`))
    }
    this.ready ??= this.spawn()
    return this.ready
  }

  /// Sends one request; resolves with the host's Result, or an error if the host dies or the
  /// request is cancelled through `signal` (the host is told to stop the work).
  async request<K extends keyof M & string>(
    method: K,
    payload: M[K]['request'],
    options: RequestOptions<M[K]['event']> = {}
  ): Promise<Result<M[K]['response']>> {
    const started = await this.start()
    if (!started.ok) return started
    if (options.signal?.aborted) return err('cancelled', 'The request was cancelled.')
    const id = String(this.nextId++)
    const child = this.process
    return new Promise<Result<M[K]['response']>>((resolve) => {
      const onAbort = (): void => child?.postMessage({ type: 'cancel', id })
      options.signal?.addEventListener('abort', onAbort, { once: true })
      this.pending.set(id, {
        resolve: (result) => {
          options.signal?.removeEventListener('abort', onAbort)
          resolve(result as Result<M[K]['response']>)
        },
        ...(options.onEvent ? { onEvent: options.onEvent as (event: unknown) => void } : {})
      })
      child?.postMessage({ type: 'request', id, method, payload })
    })
  }

  /// Round trip through the host; records the time for `status()`.
  async ping(): Promise<Result<PingResponse>> {
    const running = await this.start()
    if (!running.ok) return running
    const started = performance.now()
    const result = (await this.request('ping', {} as M['ping']['request'])) as Result<PingResponse>
    if (result.ok) {
      this.roundTripMs = Math.round((performance.now() - started) * 10) / 10
      this.setState('ready')
    }
    return result
  }

  async dispose(): Promise<void> {
    this.disposed = true
    const child = this.process
    this.process = null
    this.ready = null
    this.failPending(err('host-unavailable', `${hostLabels[this.name]} was shut down.`))
    if (child) {
      child.postMessage({ type: 'shutdown' })
      const exited = new Promise<void>((resolve) => child.onExit(() => resolve()))
      const timer = setTimeout(() => child.kill(), 2_000)
      await exited
      clearTimeout(timer)
    }
    this.setState('stopped')
  }

  private spawn(): Promise<Result<void>> {
    this.setState(this.restarts > 0 ? 'restarting' : 'starting')
    let child: HostProcess
    try {
      child = this.launch(this.name)
    } catch (exception) {
      this.ready = null
      this.lastError = `could not start: ${exception instanceof Error ? exception.message : String(exception)}`
      this.setState('crashed')
      return Promise.resolve(
        err('host-unavailable', `${hostLabels[this.name]} could not start (${this.lastError}).`)
      )
    }
    this.process = child
    return new Promise((resolve) => {
      let settled = false
      const settle = (result: Result<void>): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(result)
      }
      const timer = setTimeout(() => {
        this.lastError = `did not start within ${this.readyTimeoutMs / 1000} s`
        child.kill()
        settle(
          err(
            'timeout',
            `${hostLabels[this.name]} did not start in time. Try again; restart the app if it repeats.`
          )
        )
      }, this.readyTimeoutMs)

      child.onMessage((message) => {
        if (!isHostToParentMessage(message)) return
        if (message.type === 'ready') {
          this.setState('ready')
          settle({ ok: true, value: undefined })
        } else if (message.type === 'event') {
          this.pending.get(message.id)?.onEvent?.(message.payload)
        } else {
          const pending = this.pending.get(message.id)
          this.pending.delete(message.id)
          pending?.resolve(message.result)
        }
      })
      child.onExit((code, signal) => {
        if (this.process !== child) return // an old process after dispose or restart
        this.process = null
        this.ready = null
        if (this.disposed) return
        const how = signal ? `was killed (${signal})` : `exited with code ${code}`
        this.lastError = `${hostLabels[this.name]} ${how}`
        settle(
          err(
            'host-crashed',
            `${this.lastError} while starting. Try again; restart the app if it repeats.`
          )
        )
        this.failPending(
          err(
            'host-crashed',
            `${this.lastError}. It is being restarted; your text is safe — try again.`
          )
        )
        this.afterCrash()
      })
    })
  }

  private afterCrash(): void {
    const now = Date.now()
    const window = this.options.restartWindowMs ?? DEFAULT_RESTART_WINDOW_MS
    while (this.recentCrashes.length > 0 && now - this.recentCrashes[0] > window) {
      this.recentCrashes.shift()
    }
    this.recentCrashes.push(now)
    if (this.recentCrashes.length > (this.options.maxRestarts ?? DEFAULT_MAX_RESTARTS)) {
      // Crashing in a loop: stay stopped; the next request tries once more.
      this.setState('crashed')
      return
    }
    this.restarts++
    void this.start()
  }

  private failPending(result: Result<never>): void {
    const pending = [...this.pending.values()]
    this.pending.clear()
    for (const entry of pending) entry.resolve(result)
  }

  private get readyTimeoutMs(): number {
    return this.options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS
  }

  private setState(state: HostState): void {
    this.state = state
    this.options.onStatus?.(this.status())
  }
}
