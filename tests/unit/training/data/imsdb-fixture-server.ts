// A real HTTP server over tests/fixtures/imsdb (IMSDb's HTML shape, invented scripts) that records
// every request; `fault` may answer a path with an error status instead.
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const IMSDB_FIXTURES = fileURLToPath(new URL('../../../fixtures/imsdb', import.meta.url))

export interface Hit {
  path: string
  /// performance.now() when the request arrived.
  at: number
  userAgent: string
  status: number
}

export interface FixtureServer {
  baseUrl: string
  hits: Hit[]
  close(): Promise<void>
}

export async function startImsdbFixtureServer(
  fault: (path: string) => number | null = () => null
): Promise<FixtureServer> {
  const hits: Hit[] = []
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    const hit: Hit = {
      path,
      at: performance.now(),
      userAgent: request.headers['user-agent'] ?? '',
      status: 200
    }
    hits.push(hit)
    const failure = fault(path)
    const file = join(IMSDB_FIXTURES, path)
    if (failure !== null) hit.status = failure
    else if (!path.includes('..') && !path.endsWith('/') && existsSync(file)) {
      response.writeHead(200, {
        'content-type': path.endsWith('.txt') ? 'text/plain' : 'text/html'
      })
      response.end(readFileSync(file))
      return
    } else hit.status = 404
    response.writeHead(hit.status)
    response.end(`error ${hit.status}`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
