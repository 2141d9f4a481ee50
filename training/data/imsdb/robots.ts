/// robots.txt (RFC 9309): the rules of the group for our product token, or of `*` when no group
/// names us; the longest matching rule wins and Allow wins a tie; `*` and a final `$` work as in
/// the RFC. Crawl-delay, which many sites still set, is read too.
export interface RobotsRules {
  allow: string[]
  disallow: string[]
  /// Seconds, when the group sets one.
  crawlDelay?: number
}

interface Group {
  agents: string[]
  rules: RobotsRules
}

function parseGroups(text: string): Group[] {
  const groups: Group[] = []
  let current: Group | null = null
  let lastWasAgent = false
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim()
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const field = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (field === 'user-agent') {
      // Consecutive User-agent lines share one group.
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: { allow: [], disallow: [] } }
        groups.push(current)
      }
      current.agents.push(value.toLowerCase())
      lastWasAgent = true
      continue
    }
    lastWasAgent = false
    if (!current) continue
    if (field === 'allow' && value) current.rules.allow.push(value)
    else if (field === 'disallow' && value) current.rules.disallow.push(value)
    else if (field === 'crawl-delay' && Number.isFinite(Number(value))) {
      current.rules.crawlDelay = Number(value)
    }
  }
  return groups
}

/// The rules that apply to `productToken` (e.g. 'ScriptBuddy'); none when nothing applies.
export function robotsRulesFor(text: string, productToken: string): RobotsRules {
  const groups = parseGroups(text)
  const token = productToken.toLowerCase()
  const mine = groups.filter((group) =>
    group.agents.some((agent) => agent !== '*' && token.startsWith(agent))
  )
  const chosen = mine.length > 0 ? mine : groups.filter((group) => group.agents.includes('*'))
  const rules: RobotsRules = { allow: [], disallow: [] }
  for (const group of chosen) {
    rules.allow.push(...group.rules.allow)
    rules.disallow.push(...group.rules.disallow)
    if (group.rules.crawlDelay !== undefined) rules.crawlDelay = group.rules.crawlDelay
  }
  return rules
}

function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$')
  const body = anchored ? pattern.slice(0, -1) : pattern
  const regex = body
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${regex}${anchored ? '$' : ''}`).test(path)
}

// Compares paths as sites write them: percent-decoded, so `/Movie Scripts/` and
// `/Movie%20Scripts/` are the same path.
function normalise(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/// Whether the path (with its query) may be fetched.
export function isAllowed(rules: RobotsRules, pathAndQuery: string): boolean {
  const path = normalise(pathAndQuery)
  const longest = (patterns: string[]) =>
    Math.max(-1, ...patterns.filter((p) => patternMatches(normalise(p), path)).map((p) => p.length))
  const allow = longest(rules.allow)
  const disallow = longest(rules.disallow)
  return disallow < 0 || allow >= disallow
}
