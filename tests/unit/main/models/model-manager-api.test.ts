import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DownloadProgress } from '../../../../src/shared/models/models'
import { FixtureHub, writeTinyHubModel } from '../../../support/fixture-hub'
import { createTestApi } from '../../../support/test-api'

// The model channels over the real app API and real files; downloads come from the local fixture
// hub (HF_ENDPOINT points at it, as huggingface_hub reads it). No utility-process hosts here.
describe('the model manager behind the contract', () => {
  const hub = new FixtureHub()
  const source = writeTinyHubModel({ seed: 11 })
  let previousEndpoint: string | undefined

  beforeAll(async () => {
    hub.addRepoFromFolder('fixture/tiny-gpt2', source)
    await hub.start()
    previousEndpoint = process.env.HF_ENDPOINT
    process.env.HF_ENDPOINT = hub.endpoint
  })
  afterAll(async () => {
    if (previousEndpoint === undefined) delete process.env.HF_ENDPOINT
    else process.env.HF_ENDPOINT = previousEndpoint
    await hub.stop()
  })

  it('lists the embedded model first, active, usable and not removable', async () => {
    const { api } = createTestApi('browser')
    const listed = await api['models:list']({})
    if (!listed.ok) throw new Error(listed.error.message)
    const [embedded] = listed.value.models
    expect(listed.value.activeId).toBe('embedded')
    expect(embedded).toMatchObject({ id: 'embedded', source: 'embedded', problem: null })
    // The embedded weights ship as fp16; its manifest counts 30,339,456 parameters.
    expect(embedded.format).toBe('safetensors F16')
    expect(embedded.parameters).toBe(30_339_456)
    const removed = await api['models:remove']({ id: 'embedded' })
    expect(removed.ok).toBe(false)
  })

  it('downloads from the hub into the user data folder, lists it, activates and removes it', async () => {
    const { api, userDataDir } = createTestApi('browser')
    const downloaded = await api['models:download']({ repo: 'fixture/tiny-gpt2' })
    if (!downloaded.ok) throw new Error(downloaded.error.message)
    expect(downloaded.value).toMatchObject({
      source: 'hub',
      problem: null,
      origin: 'Hugging Face fixture/tiny-gpt2'
    })
    expect(downloaded.value.folder.startsWith(join(userDataDir, 'models', 'hub'))).toBe(true)

    const activated = await api['models:activate']({ folder: downloaded.value.folder })
    expect(activated.ok).toBe(true)
    const listed = await api['models:list']({})
    if (!listed.ok) throw new Error(listed.error.message)
    expect(listed.value.activeId).toBe(downloaded.value.id)
    // Persisted: a fresh registry over the same folder still lists it.
    const registry = JSON.parse(readFileSync(join(userDataDir, 'models', 'registry.json'), 'utf8'))
    expect(registry.models).toHaveLength(1)

    const removed = await api['models:remove']({ id: downloaded.value.id })
    expect(removed).toEqual({ ok: true, value: { deletedFiles: true } })
    expect(existsSync(downloaded.value.folder)).toBe(false)
    const after = await api['models:list']({})
    if (!after.ok) throw new Error(after.error.message)
    expect(after.value.activeId).toBe('embedded')
    expect(after.value.models.map((model) => model.id)).toEqual(['embedded'])
  })

  it('lists an interrupted download as incomplete, and downloading again resumes it', async () => {
    const { api } = createTestApi('browser')
    hub.options.dropAfterBytes = { path: 'model.safetensors', bytes: 2000 }
    const failed = await api['models:download']({ repo: 'fixture/tiny-gpt2' })
    expect(failed.ok).toBe(false)
    const listed = await api['models:list']({})
    if (!listed.ok) throw new Error(listed.error.message)
    expect(listed.value.models[1]).toMatchObject({
      incomplete: true,
      hub: { repo: 'fixture/tiny-gpt2', revision: 'main' }
    })
    const resumed = await api['models:download']({ repo: 'fixture/tiny-gpt2' })
    expect(resumed.ok && resumed.value.problem).toBe(null)
  })

  it('adds a local folder only when it can run, and never deletes it on removal', async () => {
    const { api } = createTestApi('browser')
    const empty = mkdtempSync(join(tmpdir(), 'sb-not-a-model-'))
    const refused = await api['models:add-folder']({ path: empty })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.message).toMatch(/has no config\.json/)

    const pickled = mkdtempSync(join(tmpdir(), 'sb-pickled-'))
    writeFileSync(join(pickled, 'config.json'), readFileSync(join(source, 'config.json')))
    writeFileSync(join(pickled, 'pytorch_model.bin'), 'x')
    const noSafetensors = await api['models:add-folder']({ path: pickled })
    expect(noSafetensors.ok).toBe(false)
    if (!noSafetensors.ok) expect(noSafetensors.error.message).toMatch(/only pytorch_model\.bin/)

    const added = await api['models:add-folder']({ path: source })
    if (!added.ok) throw new Error(added.error.message)
    expect(added.value).toMatchObject({ source: 'folder', folder: source, problem: null })
    const removed = await api['models:remove']({ id: added.value.id })
    expect(removed).toEqual({ ok: true, value: { deletedFiles: false } })
    expect(existsSync(join(source, 'model.safetensors'))).toBe(true)
  })

  it('refuses a repo id that is not one, with an example', async () => {
    const { api } = createTestApi('browser')
    const result = await api['models:download']({ repo: 'https://huggingface.co/gpt2' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/for example gpt2/)
  })

  it('reports progress for the renderer, ending with done', async () => {
    const { ModelRegistry } = await import('../../../../src/main/models/model-registry')
    const { ModelDownloads } = await import('../../../../src/main/models/model-downloads')
    const userDataDir = mkdtempSync(join(tmpdir(), 'sb-progress-'))
    const events: DownloadProgress[] = []
    const downloads = new ModelDownloads(new ModelRegistry(userDataDir, '/nonexistent'), (p) =>
      events.push(p)
    )
    const result = await downloads.start({ repo: 'fixture/tiny-gpt2' })
    expect(result.ok).toBe(true)
    expect(events[0].phase).toBe('listing')
    expect(events.at(-1)).toMatchObject({ phase: 'done', filesDone: events.at(-1)!.filesTotal })
    expect(events.at(-1)!.bytesDone).toBe(events.at(-1)!.bytesTotal)
    expect(downloads.list()).toEqual([])
  })
})
