import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { downloadModel, type ModelDownloadProgress } from '../../../../training/hub/download-model'
import { loadModel } from '../../../../training/model/load-model'
import { FixtureHub, writeTinyHubModel } from '../../../support/fixture-hub'

// The hub client against a real local HTTP server in the hub's URL layout (tests/support).
describe('downloading a GPT-2 model from a hub', () => {
  const hub = new FixtureHub()
  const source = writeTinyHubModel()
  const weights = readFileSync(join(source, 'model.safetensors'))

  beforeAll(async () => {
    hub.addRepoFromFolder('fixture/tiny-gpt2', source)
    hub.addRepo('fixture/bert', [
      {
        path: 'config.json',
        bytes: JSON.stringify({ model_type: 'bert', architectures: ['BertModel'] })
      },
      { path: 'tokenizer.json', bytes: '{}' },
      { path: 'model.safetensors', bytes: Buffer.alloc(4096, 1) }
    ])
    hub.addRepo('fixture/pickled', [
      { path: 'config.json', bytes: readFileSync(join(source, 'config.json')) },
      { path: 'tokenizer.json', bytes: readFileSync(join(source, 'tokenizer.json')) },
      { path: 'pytorch_model.bin', bytes: Buffer.alloc(4096, 2) }
    ])
    await hub.start()
  })
  afterAll(() => hub.stop())
  beforeEach(() => {
    hub.bytesServed.clear()
    hub.rangeRequests.length = 0
    Object.assign(hub.options, {
      dropAfterBytes: null,
      corrupt: null,
      throttle: null,
      ignoreRange: false
    })
  })

  const newFolder = () => join(mkdtempSync(join(tmpdir(), 'sb-download-')), 'model')
  const download = (folder: string, extra: Partial<Parameters<typeof downloadModel>[0]> = {}) =>
    downloadModel({
      endpoint: hub.endpoint,
      repo: 'fixture/tiny-gpt2',
      revision: 'main',
      folder,
      ...extra
    })

  it('downloads the files a GPT-2 needs, byte for byte, into a folder that loads', async () => {
    const folder = newFolder()
    const progress: ModelDownloadProgress[] = []
    const result = await download(folder, { onProgress: (p) => progress.push(p) })
    expect(result.ok, JSON.stringify(result)).toBe(true)
    expect(readFileSync(join(folder, 'model.safetensors')).equals(weights)).toBe(true)
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
      expect(readFileSync(join(folder, file)).equals(readFileSync(join(source, file)))).toBe(true)
    }
    expect(readdirSync(folder).filter((name) => name.endsWith('.part'))).toEqual([])
    const manifest = JSON.parse(readFileSync(join(folder, 'script-buddy.json'), 'utf8'))
    expect(manifest).toMatchObject({
      source: 'hub',
      hub: { repo: 'fixture/tiny-gpt2', revision: 'main' }
    })
    expect(loadModel(folder).ok).toBe(true)
    // Progress counts up to the listed total.
    const last = progress.filter((p) => p.phase === 'downloading').at(-1)!
    expect(last.bytesTotal).toBeGreaterThan(weights.length)
    expect(last.bytesDone).toBe(last.bytesTotal)
    expect(last.filesDone).toBe(last.filesTotal)
    // The weights came through the CDN redirect.
    expect(hub.bytesServed.get('model.safetensors')).toBe(weights.length)
  })

  it('resumes after a dropped connection without fetching the finished bytes again', async () => {
    const folder = newFolder()
    const dropAt = Math.floor(weights.length / 3)
    hub.options.dropAfterBytes = { path: 'model.safetensors', bytes: dropAt }
    const first = await download(folder)
    expect(first.ok).toBe(false)
    if (first.ok) return
    expect(first.error.code).toBe('network')
    expect(first.error.message).toMatch(/Download again to resume/)
    expect(existsSync(join(folder, 'model.safetensors'))).toBe(false)
    const partSize = readFileSync(join(folder, 'model.safetensors.part')).length
    expect(partSize).toBeGreaterThan(0)
    expect(partSize).toBeLessThanOrEqual(dropAt)

    const servedBefore = hub.bytesServed.get('model.safetensors')!
    const second = await download(folder)
    expect(second.ok, JSON.stringify(second)).toBe(true)
    if (!second.ok) return
    expect(readFileSync(join(folder, 'model.safetensors')).equals(weights)).toBe(true)
    // Only the missing tail was served the second time, asked for with a Range header.
    expect(hub.bytesServed.get('model.safetensors')! - servedBefore).toBe(weights.length - partSize)
    expect(hub.rangeRequests).toContainEqual({
      path: 'model.safetensors',
      range: `bytes=${partSize}-`
    })
    expect(second.value.fetchedBytes).toBe(weights.length - partSize)
  })

  it('keeps files in place that still match the hub, and replaces one that changed there', async () => {
    const folder = newFolder()
    expect((await download(folder)).ok).toBe(true)
    hub.bytesServed.clear()
    expect((await download(folder)).ok).toBe(true)
    expect(hub.totalServed()).toBe(0)

    const changed = JSON.parse(readFileSync(join(source, 'config.json'), 'utf8'))
    changed.layer_norm_epsilon = 2e-5
    hub.addRepo('fixture/tiny-gpt2', [
      ...hub.repos.get('fixture/tiny-gpt2')!.files.filter((f) => f.path !== 'config.json'),
      { path: 'config.json', bytes: JSON.stringify(changed) }
    ])
    try {
      expect((await download(folder)).ok).toBe(true)
      expect(JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')).layer_norm_epsilon).toBe(
        2e-5
      )
      expect([...hub.bytesServed.keys()]).toEqual(['config.json'])
    } finally {
      hub.addRepoFromFolder('fixture/tiny-gpt2', source)
    }
  })

  it('starts a file over when the server ignores the range (200 instead of 206)', async () => {
    const folder = newFolder()
    hub.options.dropAfterBytes = { path: 'model.safetensors', bytes: 1000 }
    expect((await download(folder)).ok).toBe(false)
    hub.options.ignoreRange = true
    const second = await download(folder)
    expect(second.ok).toBe(true)
    expect(readFileSync(join(folder, 'model.safetensors')).equals(weights)).toBe(true)
  })

  it('refuses a file whose sha256 does not match and does not install it', async () => {
    const folder = newFolder()
    hub.options.corrupt = { path: 'model.safetensors' }
    const result = await download(folder)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('checksum')
    expect(result.error.message).toMatch(
      /model\.safetensors is corrupt: its sha256 is [0-9a-f]{64}/
    )
    expect(existsSync(join(folder, 'model.safetensors'))).toBe(false)
    expect(existsSync(join(folder, 'model.safetensors.part'))).toBe(false)
    expect(existsSync(join(folder, 'script-buddy.json'))).toBe(false)
  })

  it('checks small files against their git blob id too', async () => {
    const folder = newFolder()
    hub.options.corrupt = { path: 'tokenizer.json' }
    const result = await download(folder)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.message).toMatch(/tokenizer\.json is corrupt: its git blob id/)
    }
  })

  it('cancels mid-file, keeping the .part, and a second download completes it', async () => {
    const folder = newFolder()
    hub.options.throttle = { path: 'model.safetensors', chunkBytes: 4096, delayMs: 20 }
    const controller = new AbortController()
    const cancelled = await download(folder, {
      signal: controller.signal,
      onProgress: (p) => {
        if (
          p.file === 'model.safetensors' &&
          p.bytesDone > 0 &&
          (hub.bytesServed.get('model.safetensors') ?? 0) >= 8192
        ) {
          controller.abort()
        }
      }
    })
    expect(cancelled.ok).toBe(false)
    if (!cancelled.ok) expect(cancelled.error.code).toBe('cancelled')
    const partSize = readFileSync(join(folder, 'model.safetensors.part')).length
    expect(partSize).toBeGreaterThan(0)
    expect(partSize).toBeLessThan(weights.length)

    hub.options.throttle = null
    const resumed = await download(folder)
    expect(resumed.ok, JSON.stringify(resumed)).toBe(true)
    expect(readFileSync(join(folder, 'model.safetensors')).equals(weights)).toBe(true)
    expect(hub.rangeRequests.at(-1)).toEqual({
      path: 'model.safetensors',
      range: `bytes=${partSize}-`
    })
  })

  it('says clearly when the repository does not exist', async () => {
    const result = await download(newFolder(), { repo: 'nobody/no-such-model' })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('not-found')
      expect(result.error.message).toMatch(
        /no public model 'nobody\/no-such-model'.*Check the spelling/
      )
    }
  })

  it('refuses another architecture before fetching its weights', async () => {
    const result = await download(newFolder(), { repo: 'fixture/bert' })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.message).toMatch(
        /fixture\/bert cannot be used: This model is 'bert'.*GPT-2/
      )
    }
    expect(hub.bytesServed.get('model.safetensors') ?? 0).toBe(0)
  })

  it('refuses a repository with pickled PyTorch weights only, saying safetensors are needed', async () => {
    const result = await download(newFolder(), { repo: 'fixture/pickled' })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.message).toMatch(
        /no weights in safetensors format \(only pytorch_model\.bin\)/
      )
    }
    expect(hub.totalServed()).toBe(0)
  })
})
