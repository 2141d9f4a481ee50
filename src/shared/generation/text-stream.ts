/// Follows one alternative's text as its tokens arrive: decodes, asks the text stops where to cut,
/// and hands out only text that can no longer change. Byte-level BPE splits multi-byte characters
/// across tokens, so a decode can end in U+FFFD until the rest of the character arrives; that tail
/// is held back, and so is any tail a stop may still cut away (`TextStop.holdBack`).
import type { TokenDecoder } from './model'
import { findTextStop, heldBackLength, type TextStop } from './stopping'

const REPLACEMENT = '\uFFFD'

export class TextStream {
  private readonly decoder: TokenDecoder
  private readonly stops: readonly TextStop[]
  private readonly ids: number[] = []
  private decoded = ''
  private shown = 0

  constructor(decoder: TokenDecoder, stops: readonly TextStop[]) {
    this.decoder = decoder
    this.stops = stops
  }

  /// Everything decoded so far (uncut).
  get text(): string {
    return this.decoded
  }

  /// Appends one token and decodes the whole output again (a decode of the tail alone can differ
  /// at token boundaries); returns the index a stop cuts the text at, or null.
  push(tokenId: number): number | null {
    this.ids.push(tokenId)
    this.decoded = this.decoder.decode(this.ids)
    return findTextStop(this.stops, this.decoded)
  }

  /// The text that became safe to show since the last call ('' when nothing did).
  takeStable(): string {
    let end = this.decoded.length
    while (end > 0 && this.decoded[end - 1] === REPLACEMENT) end--
    // Ask the stops about the text before the unfinished character: a stop string may begin in
    // what is already decoded and go on through that character ("I" + half of "’" in "I’d").
    end -= heldBackLength(this.stops, this.decoded.slice(0, end))
    return this.take(end)
  }

  /// Ends the stream: the final text (cut at `cut` when a stop fired) and the part of it that was
  /// never handed out.
  finish(cut: number | null): { text: string; rest: string } {
    const text = cut === null ? this.decoded : this.decoded.slice(0, cut)
    return { text, rest: this.take(text.length) }
  }

  private take(end: number): string {
    if (end <= this.shown) return ''
    const piece = this.decoded.slice(this.shown, end)
    this.shown = end
    return piece
  }
}
