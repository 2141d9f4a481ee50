import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../../training/cli/run-cli'
import { loadModel } from '../../../../training/model/load-model'
import { FixtureHub, writeTinyHubModel } from '../../../support/fixture-hub'

// `script-buddy download` against the local fixture hub (a real HTTP server).
describe('the download command', () => {
  const hub = new FixtureHub()
  beforeAll(async () => {
    hub.addRepoFromFolder('fixture/tiny-gpt2', writeTinyHubModel())
    await hub.start()
  })
  afterAll(() => hub.stop())

  function capture() {
    const lines = { out: '', error: '' }
    return {
      lines,
      output: {
        out: (text: string) => (lines.out += text),
        error: (text: string) => (lines.error += text)
      }
    }
  }

  it('downloads a repo given as a word into --out', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sb-cli-')), 'tiny')
    const { lines, output } = capture()
    const code = await runCli(
      ['download', 'fixture/tiny-gpt2', '--endpoint', hub.endpoint, '--out', out],
      output
    )
    expect(code, lines.error).toBe(0)
    expect(lines.out).toMatch(/Downloaded fixture\/tiny-gpt2@main \(0\.\d MB, 0\.\d MB fetched\)/)
    expect(loadModel(out).ok).toBe(true)
  })

  it('fails with the hub’s reason and exit code 1 for a missing repo', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sb-cli-')), 'none')
    const { lines, output } = capture()
    const code = await runCli(
      ['download', 'nobody/none', '--endpoint', hub.endpoint, '--out', out],
      output
    )
    expect(code).toBe(1)
    expect(lines.error).toMatch(/no public model 'nobody\/none'/)
    expect(existsSync(join(out, 'model.safetensors'))).toBe(false)
  })

  it('asks for the repo when none is given', async () => {
    const { lines, output } = capture()
    expect(await runCli(['download'], output)).toBe(2)
    expect(lines.error).toMatch(/script-buddy download <repo>/)
  })
})
