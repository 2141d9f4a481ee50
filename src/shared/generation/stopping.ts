/// Stopping rules. Token rules look at one alternative's generated ids (budget, EOS, cancellation);
/// text stops look at its generated text and say where to cut it (stop strings, and Fountain
/// element or scene boundaries found with regexes, without the parser).
import { couldStartSceneHeading, opensSceneHeading } from '../fountain/line-patterns'
import type { StopAt } from './config'

/// Why an alternative ended: its token budget or the context ran out ('length'), it produced the
/// end-of-sequence token ('eos'), a text stop fired ('stop'), or the request was cancelled.
export type FinishReason = 'length' | 'eos' | 'stop' | 'cancelled'

/// A rule on one alternative's generated token ids: the reason it ends now, or null to go on.
export type TokenStop = (generatedIds: readonly number[]) => FinishReason | null

/// Ends an alternative once it has `limit` tokens.
export function maxTokens(limit: number): TokenStop {
  return (generatedIds) => (generatedIds.length >= limit ? 'length' : null)
}

/// Ends an alternative when its last token is `eosTokenId` (null: never).
export function endOfSequence(eosTokenId: number | null): TokenStop {
  return (generatedIds) =>
    eosTokenId !== null &&
    generatedIds.length > 0 &&
    generatedIds[generatedIds.length - 1] === eosTokenId
      ? 'eos'
      : null
}

/// Cancellation as a rule (transformers.js' InterruptableStoppingCriteria): 'cancelled' once the
/// signal has fired, whatever the tokens.
export function aborted(signal: AbortSignal | undefined): TokenStop {
  return () => (signal?.aborted ? 'cancelled' : null)
}

/// A text stop: given the text generated so far, returns the index to cut it at (the output keeps
/// `generatedText.slice(0, index)`), or null to go on. Any plain function of that shape works.
/// `holdBack`, when present, says how many trailing characters a later token could still turn into
/// a cut; streaming holds them back so that streamed text is never taken back. Without it, streamed
/// text can run past the final cut (the result's text is always exact).
export interface TextStop {
  (generatedText: string): number | null
  holdBack?: (generatedText: string) => number
}

function textStop(
  find: (generatedText: string) => number | null,
  holdBack: (generatedText: string) => number
): TextStop {
  return Object.assign((generatedText: string) => find(generatedText), { holdBack })
}

/// Stops at the first occurrence of any of `strings`, cutting before it; finds a stop string that
/// spans several tokens, and holds back a suffix that may be the start of one.
export function stopStrings(strings: readonly string[]): TextStop {
  const wanted = strings.filter((text) => text.length > 0)
  return textStop(
    (generatedText) => {
      let cut: number | null = null
      for (const text of wanted) {
        const index = generatedText.indexOf(text)
        if (index >= 0 && (cut === null || index < cut)) cut = index
      }
      return cut
    },
    (generatedText) => {
      let longest = 0
      for (const text of wanted) {
        for (
          let length = Math.min(text.length - 1, generatedText.length);
          length > longest;
          length--
        ) {
          if (generatedText.endsWith(text.slice(0, length))) {
            longest = length
            break
          }
        }
      }
      return longest
    }
  )
}

function firstNonBlank(text: string): number {
  return text.search(/\S/)
}

// Start of the whitespace run that ends at `end`.
function whitespaceStart(text: string, end: number): number {
  let start = end
  while (start > 0 && /\s/.test(text[start - 1])) start--
  return start
}

/// Fountain element boundary: cuts at the first blank line that follows some non-blank text
/// ("\n\n", spaces allowed), dropping the whitespace before it. Leading blank lines do not count,
/// so a completion that starts on a fresh line still gets its element.
export const endOfElement: TextStop = textStop(
  (generatedText) => {
    const first = firstNonBlank(generatedText)
    if (first < 0) return null
    const blankLine = /[ \t]*\r?\n[ \t]*\r?\n/g
    blankLine.lastIndex = first
    const match = blankLine.exec(generatedText)
    return match ? match.index : null
  },
  (generatedText) => {
    if (firstNonBlank(generatedText) < 0) return 0
    return generatedText.length - whitespaceStart(generatedText, generatedText.length)
  }
)

/// Fountain scene boundary: cuts before the first line, after some non-blank text, that opens a
/// scene heading as the parser reads one (`INT.`, `EXT.`, `INT./EXT.`, `EXT/INT`, `EST.`, `I/E`,
/// `I./E`, any case, or a forced `.HEADING`), dropping the blank lines before it. A heading on the
/// first line is the scene's own and does not stop.
export const endOfScene: TextStop = textStop(
  (generatedText) => {
    const first = firstNonBlank(generatedText)
    if (first < 0) return null
    // Each line after the first non-blank one, read by the parser's own rule.
    for (let end = generatedText.indexOf('\n', first); end >= 0;) {
      const next = generatedText.indexOf('\n', end + 1)
      const line = generatedText.slice(end + 1, next < 0 ? undefined : next)
      if (opensSceneHeading(line.replace(/^[ \t]+/, ''))) return whitespaceStart(generatedText, end)
      end = next
    }
    return null
  },
  (generatedText) => {
    const first = firstNonBlank(generatedText)
    if (first < 0) return 0
    const lineStart = generatedText.lastIndexOf('\n') + 1
    if (lineStart > first && couldStartSceneHeading(generatedText.slice(lineStart))) {
      return generatedText.length - whitespaceStart(generatedText, lineStart)
    }
    return generatedText.length - whitespaceStart(generatedText, generatedText.length)
  }
)

/// The boundary stop a config's `stopAt` asks for, or null for 'none'.
export function boundaryStop(stopAt: StopAt): TextStop | null {
  if (stopAt === 'element') return endOfElement
  if (stopAt === 'scene') return endOfScene
  return null
}

/// The earliest cut any of `stops` asks for in `generatedText`, or null.
export function findTextStop(stops: readonly TextStop[], generatedText: string): number | null {
  let cut: number | null = null
  for (const stop of stops) {
    const index = stop(generatedText)
    if (index !== null && (cut === null || index < cut)) cut = index
  }
  return cut
}

/// How many trailing characters of `generatedText` a later token could still cut away.
export function heldBackLength(stops: readonly TextStop[], generatedText: string): number {
  let longest = 0
  for (const stop of stops) {
    if (stop.holdBack) longest = Math.max(longest, stop.holdBack(generatedText))
  }
  return longest
}
