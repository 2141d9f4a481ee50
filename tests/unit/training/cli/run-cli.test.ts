import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../../training/cli/run-cli'
import { createTinyGPT2, writeTinyGPT2Folder } from '../../../fixtures/models/tiny-gpt2'

const root = mkdtempSync(join(tmpdir(), 'cli-test-'))
const folder = join(root, 'tiny')
writeTinyGPT2Folder(folder, createTinyGPT2({ seed: 3, contextLength: 64 }), { tokenizer: true })
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function cli(...argv: string[]): Promise<{ code: number; out: string; error: string }> {
  let out = ''
  let error = ''
  const code = await runCli(argv, {
    out: (text) => (out += text),
    error: (text) => (error += text)
  })
  return { code, out, error }
}

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

  it('explains a bad model folder', async () => {
    const result = await cli('generate', '--model', join(root, 'missing'), '--prompt', 'x')
    expect(result.code).toBe(1)
    expect(result.error).toMatch(/does not exist/)
  })
})
