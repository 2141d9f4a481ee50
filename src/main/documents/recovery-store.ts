/// Recovery snapshots of unsaved text: one small JSON file per open document in
/// <userData>/recovery, written atomically every few seconds while there are changes, deleted on
/// save or close. What is still there at the next start was not saved: the app offers it back.
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { RecoveryEntry } from '../../shared/documents/documents'
import { writeFileAtomic } from '../files/atomic-write'

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/

export class RecoveryStore {
  constructor(private readonly userDataDir: string) {}

  private get folder(): string {
    return join(this.userDataDir, 'recovery')
  }

  private file(documentId: string): string {
    // The id comes from the renderer: it names a file, so it must never contain a path.
    if (!SAFE_ID.test(documentId)) throw new Error(`invalid document id '${documentId}'`)
    return join(this.folder, `${documentId}.json`)
  }

  async write(entry: RecoveryEntry): Promise<void> {
    await mkdir(this.folder, { recursive: true })
    await writeFileAtomic(this.file(entry.documentId), JSON.stringify(entry))
  }

  async discard(documentId: string): Promise<void> {
    await unlink(this.file(documentId)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
  }

  /// Every snapshot left behind, newest first. Damaged files are skipped, not fatal.
  async list(): Promise<RecoveryEntry[]> {
    let names: string[]
    try {
      names = await readdir(this.folder)
    } catch {
      return []
    }
    const entries: RecoveryEntry[] = []
    for (const name of names.filter((file) => file.endsWith('.json'))) {
      try {
        const entry = JSON.parse(await readFile(join(this.folder, name), 'utf8')) as RecoveryEntry
        if (typeof entry.text === 'string' && typeof entry.documentId === 'string') {
          entries.push(entry)
        }
      } catch {
        console.warn(`[script-buddy] skipped a damaged recovery file: ${name}`)
      }
    }
    return entries.sort((a, b) => b.savedAt - a.savedAt)
  }
}
