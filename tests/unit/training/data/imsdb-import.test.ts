import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { imsdbToScreenplay } from '../../../../src/shared/formats/imsdb'
import {
  corpusSplit,
  importImsdb,
  politeDelay,
  slugify
} from '../../../../training/data/imsdb/import-imsdb'
import {
  parseFilmPage,
  parseListPage,
  parseScriptPage
} from '../../../../training/data/imsdb/imsdb-pages'
import { isAllowed, robotsRulesFor } from '../../../../training/data/imsdb/robots'
import {
  IMSDB_FIXTURES as FIXTURES,
  startImsdbFixtureServer,
  type FixtureServer
} from './imsdb-fixture-server'
const root = mkdtempSync(join(tmpdir(), 'sb-imsdb-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const servers: FixtureServer[] = []
async function fixtureServer(fault?: (path: string) => number | null): Promise<FixtureServer> {
  const server = await startImsdbFixtureServer(fault)
  servers.push(server)
  return server
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8')
const manifest = (dir: string) =>
  readFileSync(join(dir, 'manifest.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

describe('IMSDb pages', () => {
  it('reads the list, a film page and a script page in IMSDb shape', () => {
    const films = parseListPage(fixture('all-scripts.html'), 'http://site/all-scripts.html')
    expect(films.map((film) => film.title)).toEqual([
      'Harbour Lights',
      'Kettle, The',
      'Paper Moon Rising',
      'Scanned Only',
      'Embargoed Film'
    ])
    expect(films[0].url).toBe('http://site/Movie%20Scripts/Harbour%20Lights%20Script.html')

    const film = parseFilmPage(
      fixture('Movie Scripts/Paper Moon Rising Script.html'),
      films[2].url,
      films[2].title
    )
    expect(film).toEqual({
      title: 'Paper Moon Rising',
      genres: ['Drama', 'Sci-Fi'],
      scriptUrl: 'http://site/scripts/Paper-Moon-Rising.html'
    })
    const pdf = parseFilmPage(
      fixture('Movie Scripts/Scanned Only Script.html'),
      'http://site/x',
      'x'
    )
    expect(pdf.scriptUrl).toBeUndefined()
    expect(pdf.problem).toMatch(/not an HTML page/)

    const text = parseScriptPage(fixture('scripts/Harbour-Lights.html'))!
    expect(text).toContain("     INT. HARBOUR MASTER'S OFFICE - MORNING\n")
    expect(text).toContain('tide tables into neat stacks & drinks cold tea.')
    expect(text).toContain('The "Marianne" is late again.')
    expect(text).toContain('Fog on the point. She’ll come.')
    expect(text).not.toMatch(/<|window!= top|&#/)
    // A page without <pre>: <br> line breaks, the writers table after the text left out.
    expect(
      parseScriptPage(
        '<td class="scrtext"><b>INT. SHED - DAY</b><br>\n<br>\nRain.&nbsp;Lots of it.<br>\n<table><tr><td>Writers : X</td></tr></table></td>'
      )
    ).toBe('INT. SHED - DAY\n\nRain. Lots of it.\n')
    expect(parseScriptPage('<html><body>No script here</body></html>')).toBeUndefined()
    // The indent-based converter reads it as a screenplay.
    const elements = imsdbToScreenplay(text).elements
    expect(elements.filter((e) => e.type === 'character').map((e) => e.text)).toEqual([
      'JUNE',
      'TOBY',
      'JUNE'
    ])
    expect(elements.find((e) => e.type === 'parenthetical')?.text).toBe('(from the doorway)')
  })

  it('obeys robots.txt groups: our own group over *, longest match, Allow on a tie', () => {
    const text = fixture('robots.txt')
    const mine = robotsRulesFor(text, 'ScriptBuddy')
    expect(isAllowed(mine, '/scripts/Embargoed-Film.html')).toBe(false)
    expect(isAllowed(mine, '/private/x')).toBe(true) // our group replaces the * group
    const others = robotsRulesFor(text, 'OtherBot')
    expect(isAllowed(others, '/private/x')).toBe(false)
    expect(isAllowed(others, '/scripts/Embargoed-Film.html')).toBe(true)
    const rules = robotsRulesFor(
      'User-agent: *\nDisallow: /Movie Scripts/\nAllow: /Movie Scripts/Open*\nDisallow: /*.pdf$\nCrawl-delay: 5\n',
      'ScriptBuddy'
    )
    expect(isAllowed(rules, '/Movie%20Scripts/Closed%20Script.html')).toBe(false)
    expect(isAllowed(rules, '/Movie%20Scripts/Open%20Script.html')).toBe(true)
    expect(isAllowed(rules, '/scripts/a.pdf')).toBe(false)
    expect(isAllowed(rules, '/scripts/a.pdf.html')).toBe(true)
    expect(rules.crawlDelay).toBe(5)
  })

  it('names, splits and rate-limits like the shared corpus', () => {
    expect(slugify('Kettle, The')).toBe('kettle-the')
    expect(slugify('Amélie & Me')).toBe('amelie-and-me')
    expect(['train', 'validation']).toContain(corpusSplit('kettle-the'))
    // Bulk of the corpus's own split rule: about one in ten is validation.
    const share =
      Array.from({ length: 1000 }, (_, i) => corpusSplit(`film-${i}`)).filter(
        (s) => s === 'validation'
      ).length / 1000
    expect(share).toBeGreaterThan(0.06)
    expect(share).toBeLessThan(0.14)
    expect(politeDelay('https://imsdb.com', 50)).toBe(1000)
    expect(politeDelay('https://imsdb.com', undefined)).toBe(1500)
    expect(politeDelay('http://127.0.0.1:8080', 50)).toBe(50)
  })
})

describe('IMSDb importer against a local server', () => {
  it('fetches robots.txt first, identifies itself, waits between requests and saves text + manifest', async () => {
    const { baseUrl, hits } = await fixtureServer()
    const outDir = join(root, 'full')
    const summary = await importImsdb({ outDir, baseUrl, delayMs: 50, retries: 0 })
    expect(summary).toMatchObject({ listed: 5, saved: 3, failed: 2, alreadyDone: 0 })

    expect(hits[0].path).toBe('/robots.txt')
    expect(hits.filter((hit) => hit.path === '/robots.txt')).toHaveLength(1)
    expect(hits.every((hit) => /^ScriptBuddy\/\S+ \(/.test(hit.userAgent))).toBe(true)
    // robots.txt disallows the embargoed script for our user agent: never requested.
    expect(hits.some((hit) => hit.path === '/scripts/Embargoed-Film.html')).toBe(false)
    // The PDF-only film's script is not fetched either.
    expect(hits.some((hit) => hit.path.endsWith('.pdf'))).toBe(false)
    // 1 robots + 1 list + 5 film pages + 3 script pages.
    expect(hits).toHaveLength(10)
    expect(summary.requests).toBe(10)
    const gaps = hits.slice(1).map((hit, index) => hit.at - hits[index].at)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50)

    const lines = manifest(outDir)
    expect(lines.map((line) => [line.slug, line.title, line.genres, line.file])).toEqual([
      ['harbour-lights', 'Harbour Lights', ['Drama', 'Romance'], 'harbour-lights.txt'],
      ['the-kettle', 'The Kettle', ['Comedy'], 'the-kettle.txt'],
      ['paper-moon-rising', 'Paper Moon Rising', ['Drama', 'Sci-Fi'], 'paper-moon-rising.txt']
    ])
    expect(lines[1].source_url).toBe(`${baseUrl}/scripts/Kettle,-The.html`)
    expect(lines.every((line) => line.split === corpusSplit(String(line.slug)))).toBe(true)
    expect(readFileSync(join(outDir, 'the-kettle.txt'), 'utf8')).toContain(
      '                              BERNARD\n                    I know you are there.'
    )
    const state = JSON.parse(readFileSync(join(outDir, 'imsdb-state.json'), 'utf8'))
    expect(Object.values(state.failed).map((f) => (f as { reason: string }).reason)).toEqual([
      expect.stringMatching(/not an HTML page/),
      'robots.txt disallows /scripts/Embargoed-Film.html'
    ])
  })

  it('retries 5xx with backoff, and a rerun after the failure fetches only what is missing', async () => {
    const outDir = join(root, 'resume')
    // The server breaks down for one film: every request about Paper Moon Rising answers 503.
    const broken = await fixtureServer((path) => (path.includes('Paper Moon') ? 503 : null))
    const first = await importImsdb({
      outDir,
      baseUrl: broken.baseUrl,
      delayMs: 20,
      retries: 2,
      backoffMs: 30
    })
    expect(first).toMatchObject({ saved: 2, failed: 3 })
    const failedTries = broken.hits.filter((hit) => hit.status === 503)
    expect(failedTries).toHaveLength(3) // the first try and two retries
    // Backoff: 30 ms, then 60 ms (at least) before the retries.
    expect(failedTries[1].at - failedTries[0].at).toBeGreaterThanOrEqual(30)
    expect(failedTries[2].at - failedTries[1].at).toBeGreaterThanOrEqual(60)

    const healthy = await fixtureServer()
    const second = await importImsdb({ outDir, baseUrl: healthy.baseUrl, delayMs: 20 })
    // The rerun's URLs are on a new port, so state is keyed by path: see below.
    expect(second).toMatchObject({ saved: 1, alreadyDone: 2, skipped: 2, failed: 0 })
    expect(healthy.hits.map((hit) => hit.path)).toEqual([
      '/robots.txt',
      '/all-scripts.html',
      '/Movie Scripts/Paper Moon Rising Script.html',
      '/scripts/Paper-Moon-Rising.html'
    ])
    expect(manifest(outDir).map((line) => line.slug)).toEqual([
      'harbour-lights',
      'the-kettle',
      'paper-moon-rising'
    ])
  })

  it('leaves a site alone when its robots.txt cannot be read', async () => {
    const { baseUrl, hits } = await fixtureServer((path) => (path === '/robots.txt' ? 500 : null))
    await expect(
      importImsdb({
        outDir: join(root, 'no-robots'),
        baseUrl,
        delayMs: 10,
        retries: 1,
        backoffMs: 10
      })
    ).rejects.toThrow(/robots.txt .* could not be read .*left alone/)
    expect(hits.map((hit) => hit.path)).toEqual(['/robots.txt', '/robots.txt'])
  })
})
