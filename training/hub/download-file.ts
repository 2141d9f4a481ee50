/// Downloads one file to `<destination>.part` and renames it into place only after its size and
/// checksum match what the hub listed. An interrupted or cancelled download keeps its `.part`; the
/// next call resumes it with `Range: bytes=N-` instead of fetching those bytes again.
import { createHash, type Hash } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { err, ok, type Result } from '../../src/shared/result'
import { causeOf, type HubFile } from './hub-repo'

export interface FileDownload {
  url: string
  destination: string
  file: HubFile
  signal?: AbortSignal
  /// Called with the bytes of this file on disk so far (resumed bytes included).
  onBytes?: (bytesOnDisk: number) => void
}

export interface FileDownloadOutcome {
  /// Bytes this call fetched over the network (0 when the file was already complete).
  fetchedBytes: number
  /// Bytes the `.part` file already held when this call started.
  resumedBytes: number
}

export function partPath(destination: string): string {
  return `${destination}.part`
}

/// The checksum the hub gives for a file: sha256 for LFS files, a git blob id (sha1) otherwise.
function newChecksum(file: HubFile): { hash: Hash; expected: string; name: string } | null {
  if (file.sha256) return { hash: createHash('sha256'), expected: file.sha256, name: 'sha256' }
  if (file.gitBlobId && file.size !== null) {
    // Git hashes "blob <size>\0" followed by the content.
    const hash = createHash('sha1').update(`blob ${file.size}\0`)
    return { hash, expected: file.gitBlobId, name: 'git blob id' }
  }
  return null
}

async function hashExisting(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
}

export async function downloadFile(job: FileDownload): Promise<Result<FileDownloadOutcome>> {
  const { file, destination } = job
  const part = partPath(destination)
  // A file in place is kept when it still matches what the hub lists now (a branch such as main
  // may have moved since it was downloaded); otherwise it is fetched again.
  if (existsSync(destination)) {
    const size = statSync(destination).size
    const inPlace = newChecksum(file)
    let matches = file.size === null || size === file.size
    if (matches && inPlace) {
      await hashExisting(destination, inPlace.hash)
      matches = inPlace.hash.digest('hex') === inPlace.expected
    }
    if (matches) {
      job.onBytes?.(size)
      return ok({ fetchedBytes: 0, resumedBytes: 0 })
    }
    await rm(destination, { force: true })
  }
  let resumedBytes = existsSync(part) ? statSync(part).size : 0
  if (file.size !== null && resumedBytes > file.size) {
    await rm(part, { force: true })
    resumedBytes = 0
  }
  const checksum = newChecksum(file)
  let fetchedBytes = 0
  let onDisk = resumedBytes

  if (file.size === null || resumedBytes < file.size) {
    const headers: Record<string, string> = {}
    if (resumedBytes > 0) headers.range = `bytes=${resumedBytes}-`
    let response: Response
    try {
      response = await fetch(job.url, { headers, signal: job.signal, redirect: 'follow' })
    } catch (error) {
      if (job.signal?.aborted) return cancelled()
      return err('network', `Cannot download ${file.path} (${causeOf(error)}). ${RETRY}`)
    }
    if (response.status === 416 && resumedBytes > 0) {
      // The server has nothing after our bytes: the part is complete (verified below) or stale.
      await response.body?.cancel()
    } else if (!response.ok || !response.body) {
      return err(
        'network',
        `Downloading ${file.path} failed: the server answered ${response.status} ${response.statusText}. ${RETRY}`
      )
    } else {
      // 206: the server continues where the part ends. 200: it ignored the range; start over.
      const append = response.status === 206 && resumedBytes > 0
      if (!append) {
        resumedBytes = 0
        onDisk = 0
      } else if (!rangeStartsAt(response.headers.get('content-range'), resumedBytes)) {
        await response.body.cancel()
        return err('network', `The server resumed ${file.path} at the wrong byte. ${RETRY}`)
      }
      const streamed = await streamToPart(response.body, part, append, job, (bytes) => {
        fetchedBytes += bytes
        onDisk += bytes
        job.onBytes?.(onDisk)
      })
      if (!streamed.ok) return streamed
    }
  }

  const size = statSync(part).size
  if (file.size !== null && size !== file.size) {
    if (size > file.size) await rm(part, { force: true })
    return err(
      'network',
      `${file.path} arrived with ${size} bytes instead of ${file.size}. ${RETRY}`
    )
  }
  if (checksum) {
    await hashExisting(part, checksum.hash)
    const actual = checksum.hash.digest('hex')
    if (actual !== checksum.expected) {
      // A corrupt part cannot be repaired by resuming it, so it goes.
      await rm(part, { force: true })
      return err(
        'checksum',
        `${file.path} is corrupt: its ${checksum.name} is ${actual}, but the hub lists ${checksum.expected}. ` +
          'The damaged file was discarded; download the model again.'
      )
    }
  }
  await rename(part, destination)
  job.onBytes?.(size)
  return ok({ fetchedBytes, resumedBytes })
}

const RETRY = 'Download again to resume where it stopped.'

function cancelled<T>(): Result<T> {
  return err('cancelled', 'The download was cancelled. Download again to resume where it stopped.')
}

function rangeStartsAt(contentRange: string | null, start: number): boolean {
  const match = /^bytes (\d+)-/.exec(contentRange ?? '')
  return match !== null && Number(match[1]) === start
}

async function streamToPart(
  body: ReadableStream<Uint8Array>,
  part: string,
  append: boolean,
  job: FileDownload,
  onChunk: (bytes: number) => void
): Promise<Result<void>> {
  const out = createWriteStream(part, { flags: append ? 'a' : 'w' })
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve)
    out.on('error', reject)
  })
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      if (!out.write(chunk)) {
        await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      }
      onChunk(chunk.byteLength)
    }
    return ok(undefined)
  } catch (error) {
    if (job.signal?.aborted) return cancelled()
    return err(
      'network',
      `The connection dropped while downloading ${job.file.path} (${causeOf(error)}). ${RETRY}`
    )
  } finally {
    out.end()
    await closed.catch(() => undefined)
  }
}
