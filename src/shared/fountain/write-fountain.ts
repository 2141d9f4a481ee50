/// Fountain writer: elements → canonical Fountain text. One blank line between blocks, none inside
/// a dialogue block, and force markers (`!`, `.`, `@`, `>`) only where the plain text would be read
/// as another element, so `parseFountain(writeFountain(s))` gives back the same types and texts.

import type { Screenplay, ScreenplayElement, TitlePageEntry } from './elements'
import { hasSceneHeadingPrefix, isCueText, isPageBreak, isTransitionText } from './line-patterns'

const titleValueIndent = '    '

/// Writes a screenplay as Fountain text ending in a newline.
export function writeFountain(screenplay: Screenplay): string {
  const parts: string[] = []
  if (screenplay.titlePage.length > 0) {
    parts.push(screenplay.titlePage.map(writeTitleEntry).join('\n'))
    parts.push('\n\n')
  }
  const { elements } = screenplay
  let inDialogue = false
  elements.forEach((element, index) => {
    const continuesDialogue = inDialogue && isDialoguePart(element)
    if (index > 0) parts.push(continuesDialogue ? '\n' : '\n\n')
    parts.push(writeElement(element, elements[index + 1]))
    inDialogue = element.type === 'character' || continuesDialogue
  })
  if (elements.length > 0) parts.push('\n')
  return parts.join('')
}

function writeTitleEntry(entry: TitlePageEntry): string {
  if (entry.lines.length === 0) return `${entry.key}:`
  if (entry.lines.length === 1) return `${entry.key}: ${entry.lines[0]}`
  return [`${entry.key}:`, ...entry.lines.map((line) => titleValueIndent + line)].join('\n')
}

function isDialoguePart(element: ScreenplayElement): boolean {
  return (
    element.type === 'dialogue' || element.type === 'parenthetical' || element.type === 'lyrics'
  )
}

/// Writes one element on its own, as it would appear after a blank line. `next` is the element
/// that follows it (a cue needs to know whether dialogue follows).
export function writeElement(element: ScreenplayElement, next?: ScreenplayElement): string {
  switch (element.type) {
    case 'scene-heading': {
      const number = element.sceneNumber ? ` #${element.sceneNumber}#` : ''
      const force = hasSceneHeadingPrefix(element.text) ? '' : '.'
      return `${force}${element.text}${number}`
    }
    case 'action':
      return writeAction(element.text)
    case 'character': {
      const dialogueFollows = next !== undefined && isDialoguePart(next)
      const force = dialogueFollows && isCueText(element.text) ? '' : '@'
      return `${force}${element.text}${element.dual ? ' ^' : ''}`
    }
    case 'dialogue':
      return element.text
        .split('\n')
        .map((line) => (line === '' ? '  ' : line))
        .join('\n')
    case 'parenthetical':
      return element.text
    case 'lyrics':
      return element.text
        .split('\n')
        .map((line) => `~${line}`)
        .join('\n')
    case 'transition':
      return isTransitionText(element.text) ? element.text : `> ${element.text}`
    case 'centered':
      return `> ${element.text} <`
    case 'page-break':
      return '==='
    case 'section':
      return `${'#'.repeat(Math.max(1, element.depth))} ${element.text}`
    case 'synopsis':
      return `= ${element.text}`
    case 'note':
      return `[[${element.text}]]`
    case 'boneyard':
      return `/*${element.text}*/`
  }
}

function writeAction(text: string): string {
  const lines = text.split('\n')
  return lines
    .map((line, index) => {
      const force = index === 0 ? actionStartNeedsForce(lines) : actionLineNeedsForce(line)
      return force ? `!${line}` : line
    })
    .join('\n')
}

// Would the first line of this paragraph, after a blank line, be read as something else?
function actionStartNeedsForce(lines: string[]): boolean {
  const first = lines[0].trim()
  if (first === '' || '!@.>~=#'.includes(first[0])) return true
  if (first.startsWith('[[') || first.startsWith('/*')) return true
  // Headings and transitions need a blank line after them, cues need a line of dialogue.
  if (lines.length === 1) return hasSceneHeadingPrefix(first) || isTransitionText(first)
  return isCueText(first)
}

// Would this line, inside an action paragraph, start another element?
function actionLineNeedsForce(line: string): boolean {
  const trimmed = line.trim()
  return trimmed[0] === '!' || trimmed[0] === '#' || trimmed[0] === '=' || isPageBreak(trimmed)
}
