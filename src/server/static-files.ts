/// Serves the built renderer (out/renderer) read-only, with the app's CSP on every response and
/// no path ever leaving that folder.
import { readFile, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon'
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store'
  }
}

export async function serveStatic(
  rootDir: string,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost')
  let relative: string
  try {
    relative = decodeURIComponent(url.pathname)
  } catch {
    relative = '/'
  }
  if (relative.endsWith('/')) relative += 'index.html'
  const path = normalize(join(rootDir, relative))
  if (path !== rootDir && !path.startsWith(rootDir.endsWith(sep) ? rootDir : rootDir + sep)) {
    response.writeHead(403, headers).end('Forbidden')
    return
  }
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new Error('not a file')
    const body = await readFile(path)
    response.writeHead(200, {
      ...headers,
      'Content-Type': contentTypes[extname(path)] ?? 'application/octet-stream'
    })
    response.end(request.method === 'HEAD' ? undefined : body)
  } catch {
    response
      .writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
      .end('Not found')
  }
}
