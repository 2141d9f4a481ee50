import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { cli } from './cli-harness'
import { loadTokenizer } from '../../../../training/inference/tokenizer'
import { imsdbToScreenplay } from '../../../../src/shared/formats/imsdb'
import { screenplayToModelText } from '../../../../src/shared/formats/model-text'
import { createTinyGPT2, writeTinyGPT2Folder } from '../../../fixtures/models/tiny-gpt2'

const root = mkdtempSync(join(tmpdir(), 'cli-test-'))
const folder = join(root, 'tiny')
writeTinyGPT2Folder(folder, createTinyGPT2({ seed: 3, contextLength: 64 }), { tokenizer: true })
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('script-buddy CLI', () => {
  it('prints usage on no command, unknown commands and bad arguments', async () => {
    expect((await cli()).code).toBe(2)
    const unknown = await cli('fly')
    expect(unknown.code).toBe(2)
    expect(unknown.error).toMatch(/Unknown command 'fly'[\s\S]*Usage: script-buddy/)
    expect((await cli('generate', '--bogus')).error).toMatch(/Unknown option '--bogus'/)
    expect((await cli('generate', '--model', folder)).error).toMatch(/generate needs --prompt/)
    expect((await cli('generate', '--prompt', 'x', '--n', 'lots')).error).toMatch(
      /--n lots is not a valid value/
    )
    expect((await cli('generate', '--help')).out).toMatch(/Usage/)
  })

  it('generates alternatives with a model folder', async () => {
    const result = await cli(
      'generate',
      '--model',
      folder,
      '--prompt',
      'INT. ',
      '--n',
      '2',
      '--max-tokens',
      '5',
      '--seed',
      '4',
      '--precision',
      'fp32',
      '--threads',
      '1'
    )
    expect(result.error).toBe('')
    expect(result.code).toBe(0)
    expect(result.out.match(/=== Alternative \d of 2 ===\nINT\. /g)).toHaveLength(2)
  })

  it('trains on the backend asked for, says which and why, and refuses one that is missing', async () => {
    expect((await cli('train', '--out', root, '--backend', 'tpu')).error).toMatch(
      /--backend must be one of auto, onnxruntime-cpu, tfjs-node-gpu, tfjs-cpu, got tpu/
    )
    const scripts = fileURLToPath(new URL('../../../fixtures/scripts/retrain', import.meta.url))
    const common = ['--model', folder, '--scripts', scripts, '--steps', '2', '--batch', '1']
    const missing = await cli(
      'train',
      ...common,
      '--out',
      join(root, 'gpu'),
      '--backend',
      'tfjs-node-gpu'
    )
    expect(missing.code).toBe(1)
    expect(missing.error).toMatch(
      /tfjs-node-gpu training backend is unavailable here: not installed/
    )
    const trained = await cli(
      'train',
      ...common,
      ...['--context', '32', '--no-cache', '--out', join(root, 'tfjs'), '--backend', 'tfjs-cpu']
    )
    expect(trained.error).toBe('')
    expect(trained.code).toBe(0)
    expect(trained.out).toMatch(
      /training on tfjs-cpu: asked for \(TensorFlow.js .* on backend 'cpu'\)/
    )
    expect(trained.out).toMatch(/step 2\/2 +loss/)
  }, 60_000)

  it('explains a bad model folder', async () => {
    const result = await cli('generate', '--model', join(root, 'missing'), '--prompt', 'x')
    expect(result.code).toBe(1)
    expect(result.error).toMatch(/does not exist/)
  })

  it('evaluates the scripts after --skip, converted as the model README says', async () => {
    // Three invented scripts in IMSDb layout (double spaces after a full stop, a hard wrap).
    const script = (name: string): string =>
      `INT. ${name} HOUSE - DAY\n\n     ${name} waits.  Rain taps the\n     window.\n\n` +
      `                    ${name}\n          Hello?  Anyone?\n`
    const corpus = join(root, 'corpus.jsonl.gz')
    const rows = ['ANNA', 'PIET', 'MARTA'].map((name) =>
      JSON.stringify({ slug: name.toLowerCase(), split: 'validation', text: script(name) })
    )
    writeFileSync(corpus, gzipSync(rows.join('\n') + '\n'))
    const common = ['--model', folder, '--data', corpus, '--precision', 'fp32', '--threads', '1']
    const result = await cli('eval', ...common, '--skip', '1', '--limit', '1')
    expect(result.code).toBe(0)
    expect(result.out).toMatch(/scripts: 1 \(validation, after the first 1\)/)
    const text = screenplayToModelText(imsdbToScreenplay(script('PIET'), { asWritten: true }), {
      literal: true
    })
    expect(text).toContain('PIET waits.  Rain taps the window.')
    const tokenizer = loadTokenizer(folder)
    if (!tokenizer.ok) throw new Error(tokenizer.error.message)
    const words = text.split(/\s+/).filter(Boolean).length
    expect(result.out).toContain(
      `tokens: ${tokenizer.value.encode(text).length - 1}  words: ${words}`
    )
    const none = await cli('eval', ...common, '--skip', '3')
    expect(none.code).toBe(1)
    expect(none.error).toMatch(/No scripts with split 'validation' .* after the first 3/)
  })
})
