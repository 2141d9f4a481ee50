/// The recent-files list (most recent first, at most 12), persisted in <userData>/recent.json.
import { mkdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { RecentFile } from '../../shared/documents/documents'
import { writeFileAtomic } from '../files/atomic-write'

const MAX_RECENT = 12

export class RecentFiles {
  private entries: RecentFile[] | null = null

  constructor(private readonly userDataDir: string) {}

  private get path(): string {
    return join(this.userDataDir, 'recent.json')
  }

  async list(): Promise<RecentFile[]> {
    if (this.entries) return [...this.entries]
    try {
      const raw = JSON.parse(await readFile(this.path, 'utf8')) as unknown
      this.entries = Array.isArray(raw)
        ? raw.filter(
            (entry): entry is RecentFile =>
              typeof entry?.path === 'string' && typeof entry?.openedAt === 'number'
          )
        : []
    } catch {
      this.entries = []
    }
    return [...this.entries]
  }

  async add(path: string): Promise<void> {
    const current = await this.list()
    this.entries = [
      { path, name: basename(path), openedAt: Date.now() },
      ...current.filter((entry) => entry.path !== path)
    ].slice(0, MAX_RECENT)
    await mkdir(this.userDataDir, { recursive: true })
    await writeFileAtomic(this.path, JSON.stringify(this.entries, null, 2))
  }
}
