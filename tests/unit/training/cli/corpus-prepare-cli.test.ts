import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { cli } from './cli-harness'
import { createTinyGPT2, writeTinyGPT2Folder } from '../../../fixtures/models/tiny-gpt2'
import { startImsdbFixtureServer } from '../data/imsdb-fixture-server'

const MODEL = fileURLToPath(
  new URL('../../../../resources/models/screenplay-gpt2-30m', import.meta.url)
)
const root = mkdtempSync(join(tmpdir(), 'sb-corpus-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('script-buddy corpus imsdb → prepare --genre', () => {
  it('builds a corpus folder from a site in IMSDb shape, resumes, and prepares one genre from it', async () => {
    const server = await startImsdbFixtureServer()
    const out = join(root, 'imsdb')
    try {
      const built = await cli(
        'corpus',
        'imsdb',
        '--out',
        out,
        '--base-url',
        server.baseUrl,
        '--delay-ms',
        '10',
        '--limit',
        '2'
      )
      expect(built.error).toBe('')
      expect(built.code).toBe(0)
      expect(built.out).toMatch(/saved {4}Harbour Lights: harbour-lights.txt/)
      expect(built.out).toMatch(/5 films listed; 2 saved, 0 already saved/)
      const resumed = await cli(
        'corpus',
        'imsdb',
        '--out',
        out,
        '--base-url',
        server.baseUrl,
        '--delay-ms',
        '10'
      )
      expect(resumed.out).toMatch(/1 saved, 2 already saved, 0 skipped, 2 failed/)
    } finally {
      await server.close()
    }
    expect(readFileSync(join(out, 'manifest.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3)

    const cache = join(root, 'cache')
    const args = [
      'prepare',
      '--model',
      MODEL,
      '--scripts',
      out,
      '--genre',
      'Drama',
      '--cache-dir',
      cache,
      '--context',
      '64'
    ]
    const first = await cli(...args)
    expect(first.error).toBe('')
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/harbour-lights\.txt {2}\(imsdb, Drama\|Romance, tokenized\)/)
    expect(first.out).toMatch(/paper-moon-rising\.txt {2}\(imsdb, Drama\|Sci-Fi, tokenized\)/)
    expect(first.out).toMatch(
      /skipped {4}\S*the-kettle\.txt: its genres \(Comedy\) are not among Drama/
    )
    expect(first.out).toMatch(/cache: 0 read from cache, 2 tokenized/)
    expect(first.out).toMatch(/genres found: Comedy, Drama, Romance, Sci-Fi/)
    expect(first.out).toMatch(
      /--- sample of the converted text ---\nHARBOUR LIGHTS\n\nINT\. HARBOUR MASTER'S OFFICE - MORNING\n/
    )
    const second = await cli(...args)
    expect(second.out).toMatch(/cache: 2 read from cache, 0 tokenized/)
    expect(second.out).toMatch(/harbour-lights\.txt {2}\(imsdb, Drama\|Romance, cached\)/)

    const usage = await cli('corpus', 'imdb', '--out', out)
    expect(usage.code).toBe(2)
    expect(usage.error).toMatch(/Unknown corpus source 'imdb'/)
  })
})

describe('script-buddy eval --genre', () => {
  it('scores only the corpus scripts of the asked genres', async () => {
    const model = join(root, 'tiny')
    writeTinyGPT2Folder(model, createTinyGPT2({ seed: 3, contextLength: 64 }), { tokenizer: true })
    const data = join(root, 'corpus.jsonl.gz')
    const script = (slug: string, genres: string[]) =>
      JSON.stringify({
        slug,
        title: slug,
        genres,
        split: 'validation',
        text: 'INT. ROOM - DAY\n\nA door opens.\n\n                    ANNA\n          Who is there?\n'
      })
    writeFileSync(data, gzipSync(`${script('a', ['Horror'])}\n${script('b', ['Comedy'])}\n`))
    const common = ['--model', model, '--data', data, '--precision', 'fp32', '--threads', '1']
    const horror = await cli('eval', ...common, '--genre', 'horror')
    expect(horror.code).toBe(0)
    expect(horror.out).toMatch(/scripts: 1 \(validation\)/)
    const both = await cli('eval', ...common, '--genre', 'Horror,Comedy')
    expect(both.out).toMatch(/scripts: 2 \(validation\)/)
    const none = await cli('eval', ...common, '--genre', 'Western')
    expect(none.code).toBe(1)
    expect(none.error).toMatch(/No scripts with split 'validation' and genre Western/)
  })
})
