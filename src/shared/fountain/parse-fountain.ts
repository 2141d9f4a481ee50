/// Fountain parser (fountain.io/syntax): text → title page + screenplay elements, each with its
/// source range. One pass over the lines, no backtracking beyond one line of look-ahead, so a
/// 150-page script parses in a few milliseconds and a paragraph can be re-parsed on its own.

import type { ScreenplayElement, Screenplay, TitlePageEntry, ElementType } from './elements'
import {
  hasSceneHeadingPrefix,
  isBlankLine,
  isCentered,
  isCueText,
  isDialogueSpacer,
  isForcedSceneHeading,
  isPageBreak,
  isParentheticalText,
  isTransitionText,
  matchTitleKey,
  splitCue,
  splitSceneNumber
} from './line-patterns'

/// Parses a whole Fountain document. Accepts `\n` and `\r\n` line breaks; offsets are UTF-16
/// positions in `source`.
export function parseFountain(source: string): Screenplay {
  return parseFountainRange(source, 0, source.length, true)
}

/// Parses `source[from, to)`, where `from` must be the start of a line that follows a blank line
/// (or the start of the text) and `to` the end of a line followed by a blank line (or the end).
/// Offsets in the result are positions in `source`. The editor uses this to re-parse one paragraph.
export function parseFountainRange(
  source: string,
  from: number,
  to: number,
  titlePageAllowed = false
): Screenplay {
  return new RangeParser(source, from, to).parse(titlePageAllowed)
}

class RangeParser {
  private readonly lines: string[] = []
  private readonly starts: number[] = []
  private readonly ends: number[] = []
  private readonly elements: ScreenplayElement[] = []
  private readonly titlePage: TitlePageEntry[] = []

  constructor(
    private readonly source: string,
    from: number,
    private readonly to: number
  ) {
    let start = from
    for (;;) {
      const newline = source.indexOf('\n', start)
      const lineEnd = newline < 0 || newline >= to ? to : newline
      const contentEnd =
        lineEnd > start && source.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd
      this.lines.push(source.slice(start, contentEnd))
      this.starts.push(start)
      this.ends.push(contentEnd)
      if (lineEnd >= to) break
      start = lineEnd + 1
    }
  }

  parse(titlePageAllowed: boolean): Screenplay {
    let titleAllowed = titlePageAllowed
    let afterBlank = true
    let index = 0
    while (index < this.lines.length) {
      const raw = this.lines[index]
      if (isBlankLine(raw)) {
        afterBlank = true
        index++
        continue
      }
      if (titleAllowed && matchTitleKey(raw, true)) {
        index = this.titlePageAt(index)
        titleAllowed = false
        continue
      }
      const count = this.elements.length
      index = this.blockAt(index, afterBlank)
      const last = this.elements[this.elements.length - 1]
      const hidden = this.elements.length === count + 1 && isHidden(last.type)
      if (!hidden) titleAllowed = false
      // A note or boneyard on its own lines is invisible: the line after it counts as after a blank.
      afterBlank = hidden
    }
    return { titlePage: this.titlePage, elements: this.elements }
  }

  private isBlankAt(index: number): boolean {
    return index >= this.lines.length || isBlankLine(this.lines[index])
  }

  private push(type: ElementType, first: number, last: number, text: string, extra?: object): void {
    const element = { type, from: this.starts[first], to: this.ends[last], text, ...extra }
    this.elements.push(element as ScreenplayElement)
  }

  private titlePageAt(first: number): number {
    let index = first
    let entry: TitlePageEntry | undefined
    while (index < this.lines.length && !isBlankLine(this.lines[index])) {
      const raw = this.lines[index]
      const key = matchTitleKey(raw, false)
      if (key) {
        const value = key[1].trim()
        entry = { key: key[0], lines: value ? [value] : [], from: this.starts[index], to: 0 }
        this.titlePage.push(entry)
      } else if (entry) {
        entry.lines.push(raw.trim())
      }
      if (entry) entry.to = this.ends[index]
      index++
    }
    return index
  }

  // Parses the block starting at a non-blank line; returns the index of the first line after it.
  private blockAt(index: number, afterBlank: boolean): number {
    const raw = this.lines[index]
    const trimmed = raw.trim()
    const first = trimmed[0]
    if (trimmed.startsWith('/*')) {
      const end = this.boneyardAt(index)
      if (end >= 0) return end
    }
    if (trimmed.startsWith('[[')) {
      const end = this.noteAt(index)
      if (end >= 0) return end
    }
    if (isPageBreak(trimmed)) {
      this.push('page-break', index, index, '')
      return index + 1
    }
    if (first === '#') {
      const depth = /^#+/.exec(trimmed)![0].length
      this.push('section', index, index, trimmed.slice(depth).trim(), { depth })
      return index + 1
    }
    if (first === '=') {
      this.push('synopsis', index, index, trimmed.slice(1).trim())
      return index + 1
    }
    if (isCentered(trimmed)) {
      this.push('centered', index, index, trimmed.slice(1, -1).trim())
      return index + 1
    }
    if (first === '>') {
      this.push('transition', index, index, trimmed.slice(1).trim(), { forced: true })
      return index + 1
    }
    if (first === '~') return this.lyricsAt(index)
    if (afterBlank && first !== '!') {
      const forcedHeading = isForcedSceneHeading(trimmed)
      // The spec wants a blank line after a heading; only the forced form may do without.
      const naturalHeading = hasSceneHeadingPrefix(trimmed) && this.isBlankAt(index + 1)
      if (forcedHeading || naturalHeading) {
        const [heading, sceneNumber] = splitSceneNumber(forcedHeading ? trimmed.slice(1) : trimmed)
        const extra = {
          ...(sceneNumber ? { sceneNumber } : {}),
          ...(forcedHeading ? { forced: true } : {})
        }
        this.push('scene-heading', index, index, heading.trim(), extra)
        return index + 1
      }
      // Trailing spaces keep a `TO:` line from being a transition (the reference parser's rule).
      const bare = raw.trimEnd() === raw
      if (bare && isTransitionText(trimmed) && this.isBlankAt(index + 1)) {
        this.push('transition', index, index, trimmed)
        return index + 1
      }
      if (first === '@' || (isCueText(trimmed) && !this.isBlankAt(index + 1))) {
        return this.dialogueBlockAt(index, first === '@')
      }
    }
    return this.actionAt(index)
  }

  private boneyardAt(index: number): number {
    const open = this.starts[index] + this.lines[index].indexOf('/*')
    let depth = 1
    let position = open + 2
    while (depth > 0) {
      const nextOpen = this.source.indexOf('/*', position)
      const nextClose = this.source.indexOf('*/', position)
      if (nextClose < 0 || nextClose + 2 > this.to) return -1
      if (nextOpen >= 0 && nextOpen < nextClose) {
        depth++
        position = nextOpen + 2
      } else {
        depth--
        position = nextClose + 2
      }
    }
    const last = this.lineOf(position - 1, index)
    this.push('boneyard', index, last, withoutReturns(this.source.slice(open + 2, position - 2)))
    return last + 1
  }

  private noteAt(index: number): number {
    const open = this.starts[index] + this.lines[index].indexOf('[[')
    const close = this.source.indexOf(']]', open + 2)
    if (close < 0 || close + 2 > this.to) return -1
    const nextOpen = this.source.indexOf('[[', open + 2)
    if (nextOpen >= 0 && nextOpen < close) return -1
    const last = this.lineOf(close, index)
    if (this.source.slice(close + 2, this.ends[last]).trim() !== '') return -1
    this.push('note', index, last, withoutReturns(this.source.slice(open + 2, close)))
    return last + 1
  }

  // The index of the line holding `position`, searching forward from line `from`.
  private lineOf(position: number, from: number): number {
    let index = from
    while (index + 1 < this.lines.length && this.starts[index + 1] <= position) index++
    return index
  }

  private lyricsAt(index: number): number {
    let last = index
    while (last + 1 < this.lines.length && this.lines[last + 1].trim().startsWith('~')) last++
    this.push('lyrics', index, last, this.lyricsText(index, last))
    return last + 1
  }

  private lyricsText(first: number, last: number): string {
    const parts: string[] = []
    for (let index = first; index <= last; index++) {
      parts.push(this.lines[index].trim().slice(1).trim())
    }
    return parts.join('\n')
  }

  private dialogueBlockAt(index: number, forced: boolean): number {
    const cue = forced ? this.lines[index].trim().slice(1) : this.lines[index].trim()
    const { name, extensions, dual } = splitCue(cue)
    const text = dual ? cue.trim().slice(0, -1).trim() : cue.trim()
    this.push('character', index, index, text, {
      name,
      extensions,
      ...(dual ? { dual: true } : {}),
      ...(forced ? { forced: true } : {})
    })
    let line = index + 1
    let dialogueStart = -1
    const flushDialogue = (end: number): void => {
      if (dialogueStart < 0) return
      const parts: string[] = []
      for (let at = dialogueStart; at <= end; at++) parts.push(this.lines[at].trim())
      this.push('dialogue', dialogueStart, end, parts.join('\n'))
      dialogueStart = -1
    }
    while (line < this.lines.length) {
      const raw = this.lines[line]
      if (isBlankLine(raw) && !isDialogueSpacer(raw)) break
      const trimmed = raw.trim()
      if (isParentheticalText(trimmed)) {
        flushDialogue(line - 1)
        this.push('parenthetical', line, line, trimmed)
      } else if (trimmed.startsWith('~')) {
        flushDialogue(line - 1)
        let last = line
        while (last + 1 < this.lines.length && this.lines[last + 1].trim().startsWith('~')) last++
        this.push('lyrics', line, last, this.lyricsText(line, last))
        line = last
      } else if (dialogueStart < 0) {
        dialogueStart = line
      }
      line++
    }
    flushDialogue(line - 1)
    return line
  }

  private actionAt(index: number): number {
    const parts: string[] = []
    let forced = false
    let line = index
    while (line < this.lines.length) {
      const raw = this.lines[line]
      if (isBlankLine(raw)) break
      const trimmed = raw.trim()
      if (line > index && breaksAction(trimmed)) break
      let text = raw.trimEnd()
      if (trimmed[0] === '!') {
        text = text.replace('!', '')
        if (line === index) forced = true
      }
      parts.push(text)
      line++
    }
    this.push('action', index, line - 1, parts.join('\n'), forced ? { forced: true } : undefined)
    return line
  }
}

// Lines that start a new element even in the middle of an action paragraph.
function breaksAction(trimmed: string): boolean {
  return isPageBreak(trimmed) || trimmed[0] === '#' || trimmed[0] === '='
}

function isHidden(type: ElementType): boolean {
  return type === 'note' || type === 'boneyard'
}

function withoutReturns(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n/g, '\n') : text
}
