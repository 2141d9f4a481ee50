/// IMSDb's three kinds of page, read the way scrapers of the site do:
/// - the list (`/all-scripts.html`, also `/alphabetical/A`, `/genre/Drama`): one
///   `<a href="/Movie Scripts/<Title> Script.html" title="<Title> Script">` per film;
/// - a film's page: `<table class="script-details">` with `<a href="/genre/<Genre>">` links and
///   `<a href="/scripts/<Name>.html">Read "<Title>" Script</a>`;
/// - the script page: the text in `<td class="scrtext"><pre>…</pre>`, cues and headings in `<b>`.
import { htmlToText, links } from './html-text'

export interface ListedFilm {
  title: string
  /// Absolute URL of the film's page.
  url: string
}

export interface FilmDetails {
  title: string
  genres: string[]
  /// Absolute URL of the HTML script page, or undefined when the film has none (a PDF, or no
  /// script online).
  scriptUrl?: string
  /// Why there is no script URL.
  problem?: string
}

/// The films on a list page, in page order, without duplicates.
export function parseListPage(html: string, pageUrl: string): ListedFilm[] {
  const seen = new Set<string>()
  const films: ListedFilm[] = []
  for (const link of links(html)) {
    if (
      !link.href ||
      !/^\/?Movie Scripts\//i.test(decodeURI(link.href).replace(/^https?:\/\/[^/]+/, ''))
    ) {
      continue
    }
    const url = new URL(link.href, pageUrl).href
    if (seen.has(url)) continue
    seen.add(url)
    const title = link.text || (link.title ?? '').replace(/\s+Script$/i, '')
    films.push({ title, url })
  }
  return films
}

/// Title, genres and script link from a film's page.
export function parseFilmPage(html: string, pageUrl: string, fallbackTitle: string): FilmDetails {
  const table = /<table[^>]*class\s*=\s*["']?script-details["']?[^>]*>([\s\S]*?)<\/table>/i.exec(
    html
  )
  if (!table) {
    return {
      title: fallbackTitle,
      genres: [],
      problem: 'the film page has no script-details table'
    }
  }
  const found = links(table[1])
  const genres = found
    .filter((link) => link.href && /\/genre\//i.test(link.href))
    .map((link) => link.text || decodeURIComponent(link.href!.replace(/^.*\/genre\//i, '')))
  const read = found.find((link) => /^Read\b/i.test(link.text) && link.href)
  const titleMatch = read ? /Read\s+"(.+)"\s+Script/i.exec(read.text) : null
  const title = titleMatch?.[1] ?? fallbackTitle
  if (!read?.href) return { title, genres, problem: 'no script is online for this film' }
  const scriptUrl = new URL(read.href, pageUrl).href
  if (!/\/scripts\/[^?#]+\.html?$/i.test(new URL(scriptUrl).pathname)) {
    return { title, genres, problem: `the script is not an HTML page (${scriptUrl})` }
  }
  return { title, genres, scriptUrl }
}

/// The script text of a script page (tags removed, entities decoded, `\r\n` → `\n`), or
/// undefined when the page has no `<td class="scrtext">`. Most pages keep the text in a `<pre>`;
/// a few put it straight in the cell with `<br>` line breaks, up to the writers/genres table.
export function parseScriptPage(html: string): string | undefined {
  const cell = /<td[^>]*class\s*=\s*["']?scrtext["']?[^>]*>([\s\S]*)/i.exec(html)
  if (!cell) return undefined
  const pre = /<pre[^>]*>([\s\S]*?)(<\/pre>|$)/i.exec(cell[1])
  const body = pre ? pre[1] : cell[1].split(/<table\b/i)[0]
  // Without <pre>, source line breaks are not text: only <br> breaks lines.
  const source = pre ? body : body.replace(/[\r\n]+/g, '')
  const text = htmlToText(source)
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
  return `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+/, '')
    .trimEnd()}\n`
}
