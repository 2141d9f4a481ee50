/// HTTP GET for crawling someone else's site politely: a User-Agent that names Script Buddy,
/// robots.txt fetched first and obeyed, a pause between requests (counted from the end of the last
/// response, so the server never sees two requests closer than the pause), and retries with
/// exponential backoff on 5xx, 429 and network errors (a Retry-After is honoured).
import { isAllowed, robotsRulesFor, type RobotsRules } from './robots'

export const USER_AGENT_TOKEN = 'ScriptBuddy'
export const DEFAULT_USER_AGENT = `${USER_AGENT_TOKEN}/0.1 (desktop screenwriting assistant; screenplay corpus builder; polite: robots.txt, 1 request at a time)`

export interface PoliteFetcherOptions {
  /// Milliseconds between the end of one response and the next request.
  delayMs: number
  userAgent?: string
  /// Attempts after the first, on 5xx / 429 / network errors.
  retries?: number
  /// First backoff; doubled each retry (default 2 × delayMs).
  backoffMs?: number
  /// Longest wait a Retry-After or Crawl-delay may impose (default 60 s).
  maxWaitMs?: number
  signal?: AbortSignal
  /// Called for every request sent (for logs and tests).
  onRequest?: (url: string) => void
}

export type FetchOutcome =
  | { ok: true; status: number; text: string }
  | { ok: false; status?: number; reason: string; disallowed?: boolean }

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve()
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true }
    )
  })

export class PoliteFetcher {
  private lastResponseAt = 0
  private readonly robots = new Map<string, RobotsRules | string>()
  private readonly userAgent: string
  /// The pause in force: the option, raised by a robots.txt Crawl-delay.
  private delayMs: number

  constructor(private readonly options: PoliteFetcherOptions) {
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT
    this.delayMs = options.delayMs
  }

  /// Requests sent so far.
  requests = 0

  private async waitTurn(extraMs = 0): Promise<void> {
    const due = this.lastResponseAt + Math.max(this.delayMs, extraMs)
    await sleep(due - Date.now(), this.options.signal)
  }

  // One GET, with retries; every attempt waits its turn.
  private async get(url: string): Promise<FetchOutcome> {
    const retries = this.options.retries ?? 3
    const maxWait = this.options.maxWaitMs ?? 60_000
    let backoff = this.options.backoffMs ?? this.options.delayMs * 2
    let waitExtra = 0
    let last: FetchOutcome = { ok: false, reason: 'not tried' }
    for (let attempt = 0; attempt <= retries; attempt += 1) {
      await this.waitTurn(waitExtra)
      this.options.signal?.throwIfAborted()
      this.requests += 1
      this.options.onRequest?.(url)
      try {
        const response = await fetch(url, {
          headers: { 'User-Agent': this.userAgent, Accept: 'text/html,text/plain;q=0.9' },
          redirect: 'follow',
          signal: this.options.signal
        })
        const text = await response.text()
        this.lastResponseAt = Date.now()
        if (response.ok) return { ok: true, status: response.status, text }
        last = { ok: false, status: response.status, reason: `HTTP ${response.status}` }
        if (response.status !== 429 && response.status < 500) return last
        const retryAfter = Number(response.headers.get('retry-after'))
        waitExtra = Math.min(
          maxWait,
          Math.max(backoff, Number.isFinite(retryAfter) ? retryAfter * 1000 : 0)
        )
      } catch (exception) {
        this.lastResponseAt = Date.now()
        if (this.options.signal?.aborted) throw exception
        last = { ok: false, reason: `network error: ${(exception as Error).message}` }
        waitExtra = Math.min(maxWait, backoff)
      }
      backoff *= 2
    }
    return last
  }

  // robots.txt of the URL's origin, fetched once. 4xx = no rules; 5xx or unreachable after the
  // retries = stay away (RFC 9309 §2.3.1.4: assume complete disallow).
  private async rulesFor(url: URL): Promise<RobotsRules | string> {
    const cached = this.robots.get(url.origin)
    if (cached !== undefined) return cached
    const robots = await this.get(`${url.origin}/robots.txt`)
    let rules: RobotsRules | string
    if (robots.ok) rules = robotsRulesFor(robots.text, USER_AGENT_TOKEN)
    else if (robots.status !== undefined && robots.status >= 400 && robots.status < 500) {
      rules = { allow: [], disallow: [] }
    } else {
      rules = `robots.txt of ${url.origin} could not be read (${robots.reason}), so the site is left alone`
    }
    if (typeof rules !== 'string' && rules.crawlDelay !== undefined) {
      const maxWait = this.options.maxWaitMs ?? 60_000
      this.delayMs = Math.max(this.delayMs, Math.min(maxWait, rules.crawlDelay * 1000))
    }
    this.robots.set(url.origin, rules)
    return rules
  }

  /// Fetches a page if robots.txt allows it.
  async fetchText(address: string): Promise<FetchOutcome> {
    const url = new URL(address)
    const rules = await this.rulesFor(url)
    if (typeof rules === 'string') return { ok: false, reason: rules, disallowed: true }
    if (!isAllowed(rules, url.pathname + url.search)) {
      return { ok: false, reason: `robots.txt disallows ${url.pathname}`, disallowed: true }
    }
    return this.get(url.href)
  }
}
