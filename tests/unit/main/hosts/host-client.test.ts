import { fork } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { getPriority } from 'node:os'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { HostStatus } from '../../../../src/shared/ipc/contract'
import { HostClient } from '../../../../src/main/hosts/host-client'
import type { HostLauncher } from '../../../../src/main/hosts/host-process'
import { wrapChildProcess } from '../../../../src/main/hosts/node-host-launcher'
import { HOST_PRIORITY } from '../../../../src/main/hosts/host-priority'
import type { TestHostMethods } from '../../../fixtures/hosts/test-host'

const entry = fileURLToPath(new URL('../../../fixtures/hosts/test-host.ts', import.meta.url))

// Real child processes running the real host runtime (no fakes): the launcher is the browser-mode
// one, pointed at a test host entry.
function launcher(env: Record<string, string> = {}): HostLauncher {
  return () => {
    const child = fork(entry, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env },
      serialization: 'advanced'
    })
    return wrapChildProcess(child)
  }
}

const clients: HostClient<TestHostMethods>[] = []
function client(
  options: ConstructorParameters<typeof HostClient<TestHostMethods>>[2] = {},
  env?: Record<string, string>
) {
  const created = new HostClient<TestHostMethods>('inference', launcher(env), options)
  clients.push(created)
  return created
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((created) => created.dispose()))
})

function waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const timer = setInterval(() => {
      if (predicate()) {
        clearInterval(timer)
        resolve()
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer)
        reject(new Error('timed out'))
      }
    }, 20)
  })
}

describe('HostClient', () => {
  it('runs the host below the app: the inference host at below-normal priority', async () => {
    const pong = await client().ping()
    expect(pong.ok).toBe(true)
    if (!pong.ok) return
    expect(getPriority(pong.value.pid)).toBe(Math.max(getPriority(), HOST_PRIORITY.inference))
    expect(getPriority(pong.value.pid)).toBeGreaterThan(0)
  })

  it.runIf(process.platform === 'linux')(
    "lowers every thread of the host, not only its main thread (Linux: a priority is a thread's)",
    async () => {
      const pong = await client().ping()
      expect(pong.ok).toBe(true)
      if (!pong.ok) return
      const threads = readdirSync(`/proc/${pong.value.pid}/task`).map(Number)
      // Node starts V8's and libuv's threads before any of the host's code runs.
      expect(threads.length).toBeGreaterThan(1)
      const wanted = Math.max(getPriority(), HOST_PRIORITY.inference)
      expect(threads.map((thread) => [thread, getPriority(thread)])).toEqual(
        threads.map((thread) => [thread, wanted])
      )
    }
  )

  it('starts a host, waits for ready and pings it', async () => {
    const host = client()
    expect(host.status().state).toBe('stopped')
    const pong = await host.ping()
    expect(pong.ok).toBe(true)
    if (!pong.ok) return
    expect(pong.value.pid).toBe(host.status().pid)
    expect(host.status().state).toBe('ready')
    expect(host.status().roundTripMs).toBeGreaterThanOrEqual(0)
  })

  it('streams events by request id and cancels a request', async () => {
    const host = client()
    const events: number[] = []
    const controller = new AbortController()
    const pending = host.request(
      'count',
      { limit: 10_000 },
      {
        signal: controller.signal,
        onEvent: (value) => {
          events.push(value)
          if (value === 5) controller.abort()
        }
      }
    )
    const result = await pending
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.cancelled).toBe(true)
    expect(result.value.sent).toBeGreaterThanOrEqual(5)
    expect(result.value.sent).toBeLessThan(100)
    expect(events.slice(0, 5)).toEqual([1, 2, 3, 4, 5])
  })

  it('fails requests in flight when the host crashes, then restarts it', async () => {
    const statuses: HostStatus[] = []
    const host = client({ onStatus: (status) => statuses.push(status) })
    await host.start()
    const firstPid = host.status().pid
    const inFlight = host.request('count', { limit: 100_000 })
    await new Promise((resolve) => setTimeout(resolve, 50))
    process.kill(firstPid as number, 'SIGKILL')
    const failed = await inFlight
    expect(failed.ok).toBe(false)
    if (!failed.ok) {
      expect(failed.error.code).toBe('host-crashed')
      expect(failed.error.message).toMatch(/restarted.*try again/)
    }
    await waitFor(() => host.status().state === 'ready' && host.status().pid !== firstPid)
    expect(host.status().restarts).toBe(1)
    expect(statuses.some((status) => status.state === 'restarting')).toBe(true)
    expect((await host.ping()).ok).toBe(true)
  })

  it('stops restarting a host that crashes in a loop', async () => {
    const host = client({ maxRestarts: 1 })
    for (let crash = 0; crash < 2; crash++) {
      await host.start()
      const result = await host.request('crash', {})
      expect(result.ok).toBe(false)
    }
    await waitFor(() => host.status().state === 'crashed')
    expect(host.status().lastError).toMatch(/exited with code 3/)
  })

  it('gives up on a host that never says ready', async () => {
    const host = client({ readyTimeoutMs: 300 }, { TEST_HOST_READY_DELAY_MS: '5000' })
    const started = await host.start()
    expect(started.ok).toBe(false)
    if (!started.ok) expect(started.error.code).toBe('timeout')
  })
})
