/// A local stand-in for the Hugging Face hub (a real node:http server) that serves model
/// repositories in the hub's URL layout: the model API with file sizes and checksums, `resolve`
/// URLs that answer small files directly and redirect weights to a CDN-like path, and Range
/// requests. Knobs make it drop a connection mid-file or corrupt a byte, and it counts the bytes
/// it serves, so tests can prove a resumed download does not fetch finished bytes again.
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTinyGPT2, TINY_ALPHABET, writeTinyGPT2Folder } from '../fixtures/models/tiny-gpt2'

/// Files stored in Git LFS on the real hub (their resolve URL redirects; the API gives a sha256).
const LFS = /\.(safetensors|bin|h5|msgpack|onnx)$/

interface RepoFile {
  path: string
  bytes: Buffer
  lfs: boolean
}

export interface FixtureHubOptions {
  /// After this many body bytes of a file, destroy the socket (once per arm).
  dropAfterBytes?: { path: string; bytes: number } | null
  /// Serve this file with one byte flipped (the listed sha256 stays that of the good file).
  corrupt?: { path: string } | null
  /// Answer Range requests with 200 and the whole file (like a server without range support).
  ignoreRange?: boolean
  /// Stall each chunk of a file's body this long (ms), so a test can cancel mid-file.
  throttle?: { path: string; chunkBytes: number; delayMs: number } | null
}

export class FixtureHub {
  readonly repos = new Map<string, { commit: string; files: RepoFile[] }>()
  readonly options: FixtureHubOptions = {}
  /// Body bytes sent, per file path (all repos).
  readonly bytesServed = new Map<string, number>()
  /// Range headers received, in order.
  readonly rangeRequests: { path: string; range: string }[] = []
  private server: Server | null = null

  get endpoint(): string {
    const address = this.server?.address() as AddressInfo | null
    if (!address) throw new Error('the fixture hub is not started')
    return `http://127.0.0.1:${address.port}`
  }

  /// Publishes a folder's files as repository `repo` (revision main).
  addRepoFromFolder(repo: string, folder: string): void {
    const files: RepoFile[] = listFiles(folder).map((path) => ({
      path,
      bytes: readFileSync(join(folder, path)),
      lfs: LFS.test(path)
    }))
    this.addRepo(repo, files)
  }

  addRepo(repo: string, files: { path: string; bytes: Buffer | string }[]): void {
    const normalised = files.map((file) => ({
      path: file.path,
      bytes: Buffer.from(file.bytes),
      lfs: LFS.test(file.path)
    }))
    const commit = createHash('sha1')
      .update(normalised.map((file) => file.path).join('\n'))
      .digest('hex')
    this.repos.set(repo, { commit, files: normalised })
  }

  totalServed(): number {
    return [...this.bytesServed.values()].reduce((sum, bytes) => sum + bytes, 0)
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => this.handle(request, response))
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return this
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve()
    )
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.endpoint)
    const path = decodeURIComponent(url.pathname)
    const api = /^\/api\/models\/(.+)\/revision\/([^/]+)$/.exec(url.pathname)
    if (api) return this.apiAnswer(decodeURIComponent(api[1]), response)
    const resolve = /^\/(.+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname)
    if (resolve) {
      const repo = this.repos.get(decodeURIComponent(resolve[1]))
      const file = repo?.files.find((f) => f.path === decodeURIComponent(resolve[3]))
      if (!repo || !file) return notFound(response, 'Entry not found')
      if (file.lfs) {
        // Like the hub: LFS content comes from the CDN, addressed by its sha256.
        response.writeHead(302, {
          location: `${this.endpoint}/cdn-lfs/${sha256(file.bytes)}?file=${encodeURIComponent(file.path)}`,
          'x-linked-size': String(file.bytes.length),
          'x-repo-commit': repo.commit
        })
        response.end()
        return
      }
      return this.sendFile(file, request, response)
    }
    if (path.startsWith('/cdn-lfs/')) {
      const hash = path.slice('/cdn-lfs/'.length)
      const file = [...this.repos.values()]
        .flatMap((repo) => repo.files)
        .find((f) => f.lfs && sha256(f.bytes) === hash)
      if (!file) return notFound(response, 'No such object')
      return this.sendFile(file, request, response)
    }
    notFound(response, 'Not found')
  }

  private apiAnswer(repoId: string, response: ServerResponse): void {
    const repo = this.repos.get(repoId)
    if (!repo) {
      // The real hub answers 401 for missing repositories when not signed in.
      response.writeHead(401, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ error: 'Repository not found' }))
      return
    }
    const siblings = repo.files.map((file) => ({
      rfilename: file.path,
      size: file.lfs ? file.bytes.length : file.bytes.length,
      blobId: file.lfs ? createHash('sha1').update(file.path).digest('hex') : gitBlobId(file.bytes),
      ...(file.lfs
        ? { lfs: { sha256: sha256(file.bytes), size: file.bytes.length, pointerSize: 134 } }
        : {})
    }))
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(
      JSON.stringify({ _id: 'fixture', id: repoId, modelId: repoId, sha: repo.commit, siblings })
    )
  }

  private sendFile(file: RepoFile, request: IncomingMessage, response: ServerResponse): void {
    let bytes = file.bytes
    if (this.options.corrupt?.path === file.path) {
      bytes = Buffer.from(bytes)
      bytes[bytes.length >> 1] ^= 0xff
    }
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '')
    if (request.headers.range) {
      this.rangeRequests.push({ path: file.path, range: request.headers.range })
    }
    let start = 0
    if (range && !this.options.ignoreRange) {
      start = Number(range[1])
      if (start >= bytes.length) {
        response.writeHead(416, { 'content-range': `bytes */${bytes.length}` })
        response.end()
        return
      }
      response.writeHead(206, {
        'content-length': String(bytes.length - start),
        'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`,
        'accept-ranges': 'bytes'
      })
    } else {
      response.writeHead(200, { 'content-length': String(bytes.length), 'accept-ranges': 'bytes' })
    }
    const body = bytes.subarray(start)
    const drop = this.options.dropAfterBytes
    const throttle = this.options.throttle?.path === file.path ? this.options.throttle : null
    if (drop?.path === file.path && drop.bytes < body.length) {
      this.options.dropAfterBytes = null
      this.count(file.path, drop.bytes)
      response.write(body.subarray(0, drop.bytes), () => {
        // Give the bytes time to leave before the connection dies mid-body.
        setTimeout(() => response.socket?.destroy(), 50)
      })
      return
    }
    if (throttle) return this.sendSlowly(file.path, body, throttle, response)
    this.count(file.path, body.length)
    response.end(body)
  }

  private sendSlowly(
    path: string,
    body: Buffer,
    throttle: { chunkBytes: number; delayMs: number },
    response: ServerResponse
  ): void {
    let offset = 0
    const next = (): void => {
      if (response.destroyed) return
      if (offset >= body.length) {
        response.end()
        return
      }
      const chunk = body.subarray(offset, offset + throttle.chunkBytes)
      offset += chunk.length
      this.count(path, chunk.length)
      response.write(chunk)
      setTimeout(next, throttle.delayMs)
    }
    response.on('close', () => (offset = body.length))
    next()
  }

  private count(path: string, bytes: number): void {
    this.bytesServed.set(path, (this.bytesServed.get(path) ?? 0) + bytes)
  }
}

/// A tiny random GPT-2 (character-level tokenizer) written as a folder, ready to publish.
/// `bigram` makes the model write a fixed text: each character in the map is followed by its
/// value. The blocks add nothing to the residual stream, so the logits depend only on the last
/// token (its one-hot embedding → an untied output row). Random weights alone write gibberish
/// that the editor's output normaliser drops entirely.
export function writeTinyHubModel(
  options: { seed?: number; contextLength?: number; bigram?: Record<string, string> } = {}
): string {
  const folder = mkdtempSync(join(tmpdir(), 'sb-hub-model-'))
  const model = createTinyGPT2({
    seed: options.seed ?? 7,
    contextLength: options.contextLength,
    untied: options.bigram !== undefined
  })
  if (options.bigram) makeBigramModel(model, options.bigram)
  writeTinyGPT2Folder(folder, model, { tokenizer: true })
  return folder
}

function makeBigramModel(
  model: ReturnType<typeof createTinyGPT2>,
  bigram: Record<string, string>
): void {
  const { weights, config } = model
  const C = config.embeddingSize
  for (const block of weights.blocks) {
    block.attentionProjectionWeight.fill(0)
    block.attentionProjectionBias.fill(0)
    block.mlpProjectionWeight.fill(0)
    block.mlpProjectionBias.fill(0)
  }
  weights.positionEmbedding.fill(0)
  weights.finalNormWeight.fill(1)
  weights.finalNormBias.fill(0)
  weights.outputEmbedding.fill(0)
  const id = (symbol: string) => TINY_ALPHABET.indexOf(symbol)
  Object.keys(bigram).forEach((symbol, dimension) => {
    const row = weights.tokenEmbedding.subarray(id(symbol) * C, (id(symbol) + 1) * C)
    row.fill(0)
    row[dimension] = 1
    // LayerNorm turns the one-hot into ~5.6 at `dimension`: a logit of ~110 for the successor.
    weights.outputEmbedding[id(bigram[symbol]) * C + dimension] = 20
  })
}

function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix)).flatMap((name) => {
    const path = prefix ? `${prefix}/${name}` : name
    return statSync(join(folder, path)).isDirectory() ? listFiles(folder, path) : [path]
  })
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function gitBlobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

function notFound(response: ServerResponse, message: string): void {
  response.writeHead(404, { 'content-type': 'text/plain' })
  response.end(message)
}
