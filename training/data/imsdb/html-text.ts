/// Just enough HTML for IMSDb's pages: tags stripped, entities decoded, attributes read.

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  iacute: 'í',
  oacute: 'ó',
  ouml: 'ö',
  uuml: 'ü',
  auml: 'ä',
  ntilde: 'ñ',
  ccedil: 'ç',
  szlig: 'ß',
  copy: '©',
  reg: '®',
  deg: '°'
}

/// `&amp;`, `&#39;`, `&#x2019;`, `&eacute;` → characters; unknown names are left as they are.
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1))
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole
    }
    const named = NAMED[body.toLowerCase()]
    return named ?? whole
  })
}

/// Removes tags and comments, then decodes entities (line breaks inside `<pre>` are kept).
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, '')
  )
}

/// The value of one attribute in a tag's source (`href="..."` or `href='...'`), decoded.
export function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)
  if (!match) return undefined
  return decodeEntities(match[2] ?? match[3] ?? match[4] ?? '')
}

/// Every `<a ...>text</a>` in the HTML: its attributes' source and its text.
export function links(
  html: string
): { tag: string; href?: string; title?: string; text: string }[] {
  const found: { tag: string; href?: string; title?: string; text: string }[] = []
  for (const match of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)) {
    const tag = match[1]
    found.push({
      tag,
      href: attribute(` ${tag}`, 'href'),
      title: attribute(` ${tag}`, 'title'),
      text: htmlToText(match[2]).replace(/\s+/g, ' ').trim()
    })
  }
  return found
}
