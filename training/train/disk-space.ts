/// Disk-space checks for training output: a checkpoint of the embedded model is ~360 MB, so a run
/// checks the free space before writing and turns ENOSPC (or a quota's EDQUOT) into one message
/// that says how much to free, instead of a stack trace and a half-written file.
import { statfs } from 'node:fs/promises'

export class DiskFullError extends Error {
  readonly code = 'disk-full'
  constructor(
    readonly folder: string,
    readonly neededBytes: number
  ) {
    super(
      `The disk is full: free ${megabytes(neededBytes)} MB or choose another folder ` +
        `(writing to ${folder}). The last complete checkpoint is kept and the model in use is unchanged.`
    )
  }
}

function megabytes(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1_000_000))
}

/// True for the errors a full disk or an exhausted quota gives.
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOSPC' || code === 'EDQUOT'
}

/// Bytes a user may still write under `folder` (null when the platform cannot tell).
export async function freeBytes(folder: string): Promise<number | null> {
  try {
    const stats = await statfs(folder)
    return stats.bavail * stats.bsize
  } catch {
    return null
  }
}

/// Throws DiskFullError when `folder` visibly has less than `bytes` free.
export async function ensureFreeSpace(folder: string, bytes: number): Promise<void> {
  const free = await freeBytes(folder)
  if (free !== null && free < bytes) throw new DiskFullError(folder, bytes - free)
}

/// Runs a write; ENOSPC/EDQUOT become DiskFullError (needing `bytes`), anything else is rethrown.
export async function writingTo<T>(
  folder: string,
  bytes: number,
  write: () => Promise<T>
): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isDiskFull(error)) throw new DiskFullError(folder, bytes)
    throw error
  }
}
