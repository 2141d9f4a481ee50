import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SettingsService } from '../../../../src/main/settings/settings-service'
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings/settings'

const folder = () => mkdtempSync(join(tmpdir(), 'sb-settings-'))

describe('SettingsService', () => {
  it('starts from defaults, saves a change and reads it back in a new service', async () => {
    const dir = folder()
    const first = new SettingsService(dir)
    expect(await first.load()).toEqual(DEFAULT_SETTINGS)
    const changed: string[] = []
    const second = new SettingsService(dir, (settings) => changed.push(settings.theme))
    await second.load()
    const result = await second.update({ theme: 'dark' })
    expect(result.ok).toBe(true)
    expect(changed).toEqual(['dark'])
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).theme).toBe('dark')
    const third = new SettingsService(dir)
    expect((await third.load()).theme).toBe('dark')
    // The atomic write leaves no temporary files behind.
    expect(readdirSync(dir)).toEqual(['settings.json'])
  })

  it('survives a damaged file and says what it reset', async () => {
    const dir = folder()
    writeFileSync(join(dir, 'settings.json'), '{"theme": "dark", "autosaveSeconds": -4')
    const service = new SettingsService(dir)
    expect(await service.load()).toEqual(DEFAULT_SETTINGS)
    expect(service.loadWarnings[0]).toMatch(/not valid JSON/)

    writeFileSync(join(dir, 'settings.json'), '{"theme": "dark", "autosaveSeconds": -4}')
    const partial = new SettingsService(dir)
    expect(await partial.load()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' })
    expect(partial.loadWarnings[0]).toMatch(/autosaveSeconds/)
  })

  it('reports an unwritable folder and keeps the previous settings', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits; use a path below a regular file instead.
      const dir = folder()
      writeFileSync(join(dir, 'file'), '')
      const service = new SettingsService(join(dir, 'file', 'nested'))
      const result = await service.update({ theme: 'light' })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.message).toMatch(/could not be saved.*writable/)
      expect(service.get().theme).toBe('system')
      return
    }
    const dir = folder()
    mkdirSync(join(dir, 'locked'))
    chmodSync(join(dir, 'locked'), 0o500)
    const service = new SettingsService(join(dir, 'locked'))
    const result = await service.update({ theme: 'light' })
    expect(result.ok).toBe(false)
    expect(service.get().theme).toBe('system')
  })
})
