/// Loads, validates, updates and persists the writer's settings (settings.json in the user data
/// folder). A missing or damaged file never stops the app: bad fields fall back to defaults and the
/// damage is reported once.
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  DEFAULT_SETTINGS,
  settingsFromUnknown,
  type Settings,
  type SettingsPatch
} from '../../shared/settings/settings'
import { err, ok, type Result } from '../../shared/result'
import { writeFileAtomic } from '../files/atomic-write'

export class SettingsService {
  private current: Settings = { ...DEFAULT_SETTINGS }
  /// Problems found in the file at load time, for the log and the settings panel.
  loadWarnings: string[] = []

  constructor(
    private readonly userDataDir: string,
    private readonly onChange: (settings: Settings) => void = () => undefined
  ) {}

  get path(): string {
    return join(this.userDataDir, 'settings.json')
  }

  async load(): Promise<Settings> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch {
      return this.current // first start: defaults
    }
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch {
      this.loadWarnings = [
        `${this.path} is not valid JSON; default settings are used until you change one.`
      ]
      return this.current
    }
    const { settings, rejected } = settingsFromUnknown(raw)
    this.current = settings
    if (rejected.length > 0) {
      this.loadWarnings = [
        `Invalid values in ${this.path} were reset to defaults: ${rejected.join(', ')}.`
      ]
    }
    return this.current
  }

  get(): Settings {
    return { ...this.current }
  }

  async update(patch: SettingsPatch): Promise<Result<Settings>> {
    const next = { ...this.current, ...patch }
    try {
      await mkdir(this.userDataDir, { recursive: true })
      await writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`)
    } catch (error) {
      return err(
        'io-error',
        `Settings could not be saved to ${this.path}. Check that the folder is writable and the disk is not full.`,
        String(error)
      )
    }
    this.current = next
    this.onChange(this.get())
    return ok(this.get())
  }
}
