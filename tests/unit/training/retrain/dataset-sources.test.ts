import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { parseFountain } from '../../../../src/shared/fountain'
import { LETTER } from '../../../../src/shared/pagination'
import { unwrap } from '../../../../src/shared/result'
import { exportPdf } from '../../../../training/data/export-pdf'
import { listScriptFiles } from '../../../../training/data/script-files'
import { manifestEntryFor, readFolderManifest } from '../../../../training/data/script-manifest'
import { loadTokenizer, type Tokenizer } from '../../../../training/inference/tokenizer'
import { cutIntoBlocks, prepareDataset } from '../../../../training/retrain/dataset'

const MODEL = fileURLToPath(
  new URL('../../../../resources/models/screenplay-gpt2-30m', import.meta.url)
)
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/scripts/${name}`, import.meta.url))
const SHARED_CORPUS = fileURLToPath(
  new URL('../../../../../shared/data/screenplays', import.meta.url)
)
if (!existsSync(join(SHARED_CORPUS, 'MANIFEST.tsv'))) {
  console.warn(`[unit] shared corpus manifest test skipped: ${SHARED_CORPUS} is missing`)
}
const root = mkdtempSync(join(tmpdir(), 'sb-dataset-sources-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

// The real tokenizer, with a count of the texts it was asked to encode.
function countingTokenizer(): { tokenizer: Tokenizer; encoded: () => number } {
  const real = unwrap(loadTokenizer(MODEL))
  let calls = 0
  const tokenizer = Object.create(real) as Tokenizer
  tokenizer.encode = (text: string) => {
    calls += 1
    return real.encode(text)
  }
  return { tokenizer, encoded: () => calls }
}

// A folder of the writer's scripts: two Fountain files, a PDF, and a manifest naming genres for
// two of them.
async function writersFolder(): Promise<string> {
  const folder = mkdtempSync(join(root, 'writer-'))
  copyFileSync(fixture('retrain/harbour.fountain'), join(folder, 'harbour.fountain'))
  copyFileSync(fixture('retrain/rock.fountain'), join(folder, 'rock.fountain'))
  const ferry = parseFountain(readFileSync(fixture('pdf/ferry.fountain'), 'utf8'))
  unwrap(await exportPdf(ferry, LETTER, join(folder, 'ferry.pdf')))
  writeFileSync(
    join(folder, 'manifest.jsonl'),
    [
      { slug: 'harbour', title: 'Harbour', genres: ['Drama'], file: 'harbour.fountain' },
      { slug: 'ferry', title: 'The Night Ferry', genres: ['Comedy', 'Drama'] }
    ]
      .map((line) => JSON.stringify(line))
      .join('\n')
  )
  return folder
}

describe('dataset sources, genre filter and cache', () => {
  it('lists PDFs and corpus files in folders, but not manifests', async () => {
    const folder = await writersFolder()
    writeFileSync(join(folder, 'notes.md'), 'not a script')
    expect(listScriptFiles([folder]).map((file) => file.split('/').pop())).toEqual([
      'ferry.pdf',
      'harbour.fountain',
      'rock.fountain'
    ])
  })

  it('keeps scripts whose manifest genres meet the filter and says why the others were skipped', async () => {
    const folder = await writersFolder()
    const { tokenizer } = countingTokenizer()
    const dataset = await prepareDataset(listScriptFiles([folder]), tokenizer, {
      genres: ['comedy']
    })
    expect(dataset.scripts.map((script) => [script.name, script.format, script.genres])).toEqual([
      ['ferry.pdf', 'pdf', ['Comedy', 'Drama']]
    ])
    expect(dataset.skipped.map((skip) => [skip.path.split('/').pop(), skip.reason])).toEqual([
      ['harbour.fountain', 'its genres (Drama) are not among comedy'],
      ['rock.fountain', expect.stringMatching(/^no genres are known for it.*manifest/)]
    ])
    expect(dataset.genresFound).toEqual(['Comedy', 'Drama'])
    // The PDF's text in the model's format: no page numbers, no (MORE), no indentation.
    expect(dataset.sample.startsWith('INT. FERRY TERMINAL - NIGHT\n\nFluorescent tubes')).toBe(true)
    expect(dataset.sample).not.toMatch(/\(MORE\)|^ +\S/m)

    const both = await prepareDataset(listScriptFiles([folder]), tokenizer, {
      genres: ['Drama', 'Horror']
    })
    expect(both.scripts.map((script) => script.name)).toEqual(['ferry.pdf', 'harbour.fountain'])
  })

  it('reads a corpus file of whole scripts (the shared corpus shape) with its genres', async () => {
    const corpus = join(root, 'scripts.jsonl.gz')
    const lines = ['harbour', 'rock'].map((slug, index) =>
      JSON.stringify({
        slug,
        title: slug.toUpperCase(),
        genres: index === 0 ? ['Horror'] : ['Western'],
        split: 'train',
        text: readFileSync(fixture(`retrain/${slug}.fountain`), 'utf8')
      })
    )
    writeFileSync(corpus, gzipSync(`${lines.join('\n')}\n{"slug": "empty"}\n`))
    const { tokenizer } = countingTokenizer()
    const dataset = await prepareDataset([corpus], tokenizer, { genres: ['Horror'] })
    expect(dataset.scripts.map((script) => [script.name, script.format, script.genres])).toEqual([
      ['HARBOUR', 'corpus', ['Horror']]
    ])
    expect(dataset.skipped.map((skip) => [skip.path.split('#').pop(), skip.reason])).toEqual([
      ['rock', 'its genres (Western) are not among Horror'],
      ['empty', 'line 3 has no "text" field']
    ])
  })

  it('a second prepare of the same files reads the cache instead of tokenizing; a changed file misses', async () => {
    const folder = await writersFolder()
    const cacheDir = join(root, 'cache')
    const files = listScriptFiles([folder])
    const first = countingTokenizer()
    const before = await prepareDataset(files, first.tokenizer, { cacheDir, contextLength: 256 })
    expect(before.cache).toEqual({ hits: 0, misses: 3 })
    const firstCalls = first.encoded()
    expect(firstCalls).toBeGreaterThanOrEqual(3)
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.json'))).toHaveLength(3)

    const second = countingTokenizer()
    const after = await prepareDataset(files, second.tokenizer, { cacheDir, contextLength: 256 })
    expect(after.cache).toEqual({ hits: 3, misses: 0 })
    // Only the tokenizer fingerprint's probe was encoded: no script text.
    expect(second.encoded()).toBe(1)
    expect(after.scripts.every((script) => script.cached)).toBe(true)
    expect(after.scripts.find((script) => script.name === 'ferry.pdf')?.format).toBe('pdf')
    expect([...after.trainTokens]).toEqual([...before.trainTokens])
    expect(after.sample).toBe(before.sample)

    // Another context length, or an edited script, is a different key.
    const other = countingTokenizer()
    const longer = await prepareDataset(files, other.tokenizer, { cacheDir, contextLength: 512 })
    expect(longer.cache).toEqual({ hits: 0, misses: 3 })
    writeFileSync(
      join(folder, 'rock.fountain'),
      `${readFileSync(join(folder, 'rock.fountain'), 'utf8')}\nThe end, rewritten.\n`
    )
    const edited = await prepareDataset(files, countingTokenizer().tokenizer, {
      cacheDir,
      contextLength: 256
    })
    expect(edited.cache).toEqual({ hits: 2, misses: 1 })
    expect(edited.scripts.find((script) => script.name === 'rock.fountain')?.cached).toBe(false)
  })

  it('cuts the token stream into whole blocks of the context length', () => {
    const tokens = Int32Array.from({ length: 10 }, (_, index) => index)
    expect(cutIntoBlocks(tokens, 4).map((block) => [...block])).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7]
    ])
  })
})

describe('manifests in the shared corpus shape', () => {
  it('reads MANIFEST.tsv genres (Comedy|Drama) by local_path file name and by slug', () => {
    const folder = mkdtempSync(join(root, 'tsv-'))
    writeFileSync(
      join(folder, 'MANIFEST.tsv'),
      [
        'slug\ttitle\tsource_repo\tsource_path\tbytes\twords\tformat\tgenre\tsource_commit\tlocal_path',
        'harbour\tHarbour\trepo\tscripts/Harbour.txt\t1\t1\timsdb-plain\tComedy|Drama\tabc\traw/x/harbour.txt',
        'rock\tRock\trepo\tscripts/Rock.txt\t1\t1\timsdb-plain\tHorror\tabc\traw/x/rock-draft.txt'
      ].join('\n')
    )
    const manifest = readFolderManifest(folder)
    expect(manifestEntryFor(manifest, join(folder, 'harbour.txt'))?.genres).toEqual([
      'Comedy',
      'Drama'
    ])
    // No file called rock-draft here, but the slug matches rock.fountain.
    expect(manifestEntryFor(manifest, join(folder, 'rock.fountain'))?.title).toBe('Rock')
    expect(manifestEntryFor(manifest, join(folder, 'other.txt'))).toBeUndefined()
  })

  it.skipIf(!existsSync(join(SHARED_CORPUS, 'MANIFEST.tsv')))(
    'reads the genres of the real shared corpus manifest',
    () => {
      const manifest = readFolderManifest(SHARED_CORPUS)
      const genres = new Set([...manifest.values()].flatMap((entry) => entry.genres))
      expect(genres.has('Drama')).toBe(true)
      expect(genres.has('Film-Noir')).toBe(true)
      expect([...manifest.values()].every((entry) => entry.genres.length > 0)).toBe(true)
    }
  )

  it('skips a damaged PDF and a damaged manifest with clear reasons and keeps the rest', async () => {
    const folder = mkdtempSync(join(root, 'damaged-'))
    copyFileSync(fixture('retrain/harbour.fountain'), join(folder, 'harbour.fountain'))
    writeFileSync(join(folder, 'draft.pdf'), '%PDF-1.7\nnot really a pdf')
    writeFileSync(join(folder, 'manifest.jsonl.gz'), 'not gzip')
    const dataset = await prepareDataset(listScriptFiles([folder]), countingTokenizer().tokenizer)
    expect(dataset.scripts.map((script) => script.name)).toEqual(['harbour.fountain'])
    expect(dataset.skipped).toEqual([
      {
        path: join(folder, 'manifest.jsonl.gz'),
        reason: expect.stringMatching(
          /could not be read .*genres in it are unknown; check that it is gzip JSON Lines/
        )
      },
      {
        path: join(folder, 'draft.pdf'),
        reason: expect.stringMatching(/draft\.pdf is not a readable PDF .*Export the script again/)
      }
    ])
  })
})
