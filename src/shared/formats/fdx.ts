/// Final Draft (.fdx) import and export. Paragraph types map to elements (Shot becomes a forced
/// scene heading, General a forced action, Cast List and unknown types action); Text runs with
/// Style="Bold+Italic+Underline" map to Fountain emphasis markup; DualDialogue blocks map to a `^`
/// (dual) second cue; the Number attribute is the scene number; StartsNewPage is a page break.
import type {
  CharacterCue,
  Screenplay,
  ScreenplayElement,
  TitlePageEntry
} from '../fountain/elements'
import { err, ok, type Result } from '../result'
import { formatEmphasis, parseEmphasis, plainText, type StyledRun } from './emphasis'
import { titleEntries, titleParagraphs, type TitleParagraph } from './fdx-title-page'
import { childElements, escapeXmlAttribute, escapeXmlText, parseXml, type XmlElement } from './xml'

type Draft = Omit<ScreenplayElement, 'from' | 'to'> & Record<string, unknown>

function textRuns(paragraph: XmlElement): StyledRun[] {
  return childElements(paragraph, 'Text').map((text) => {
    const styles = (text.attributes.Style ?? '').split('+').map((style) => style.trim())
    const run: StyledRun = {
      text: text.children.filter((child) => typeof child === 'string').join('')
    }
    if (styles.includes('Bold')) run.bold = true
    if (styles.includes('Italic')) run.italic = true
    if (styles.includes('Underline')) run.underline = true
    return run
  })
}

function paragraphText(paragraph: XmlElement): string {
  const merged: StyledRun[] = []
  for (const run of textRuns(paragraph)) {
    const last = merged[merged.length - 1]
    const same =
      last &&
      !!last.bold === !!run.bold &&
      !!last.italic === !!run.italic &&
      !!last.underline === !!run.underline
    if (same) last.text += run.text
    else if (run.text !== '') merged.push({ ...run })
  }
  return formatEmphasis(merged)
}

/// `JOHN (V.O.) (CONT'D)` → name 'JOHN', extensions ['V.O.', "CONT'D"].
export function splitCue(text: string): { name: string; extensions: string[] } {
  const plain = plainText(text).trim()
  const open = plain.indexOf('(')
  const name = (open >= 0 ? plain.slice(0, open) : plain).trim()
  const extensions = [...plain.matchAll(/\(([^)]*)\)/g)].map((match) => match[1].trim())
  return { name, extensions }
}

function sceneNumber(paragraph: XmlElement): string | undefined {
  const properties = childElements(paragraph, 'SceneProperties')[0]
  const number = paragraph.attributes.Number ?? properties?.attributes.Number
  return number && number.trim() !== '' ? number.trim() : undefined
}

function draftFor(paragraph: XmlElement, text: string): Draft {
  const type = paragraph.attributes.Type ?? 'Action'
  switch (type) {
    case 'Scene Heading':
    case 'Shot': {
      const draft: Draft = { type: 'scene-heading', text }
      const number = sceneNumber(paragraph)
      if (number) draft.sceneNumber = number
      if (!/^(INT|EXT|EST|I\/E|INT\.?\/EXT)[\s./]/i.test(plainText(text))) draft.forced = true
      return draft
    }
    case 'Character':
      return { type: 'character', text, ...splitCue(text) }
    case 'Parenthetical':
      return { type: 'parenthetical', text }
    case 'Dialogue':
      return { type: 'dialogue', text }
    case 'Transition':
      return { type: 'transition', text }
    case 'Lyrics':
      return { type: 'lyrics', text }
    case 'General':
      return { type: 'action', text, forced: true }
    default:
      if (paragraph.attributes.Alignment === 'Center') return { type: 'centered', text }
      return { type: 'action', text }
  }
}

/// Reads a Final Draft file. Malformed XML or a file that is not Final Draft gives a `bad-input`
/// error that says where and what to do.
export function importFdx(source: string): Result<Screenplay> {
  const parsed = parseXml(source)
  if (!parsed.ok) return parsed
  const root = parsed.value
  if (root.name !== 'FinalDraft') {
    return err(
      'bad-input',
      `This XML file is not a Final Draft script: its root element is <${root.name}>, not ` +
        '<FinalDraft>. Export the script from Final Draft as .fdx and try again.'
    )
  }
  const content = childElements(root, 'Content')[0]
  if (!content) {
    return err(
      'bad-input',
      'This Final Draft file has no <Content> section, so it holds no script.'
    )
  }
  const elements: ScreenplayElement[] = []
  const add = (paragraph: XmlElement, dual: boolean): void => {
    const text = paragraphText(paragraph)
    if (paragraph.attributes.StartsNewPage === 'Yes' && elements.length > 0) {
      elements.push({ type: 'page-break', text: '', from: paragraph.from, to: paragraph.from })
    }
    if (plainText(text).trim() === '') return
    const draft = draftFor(paragraph, text)
    if (dual && draft.type === 'character') draft.dual = true
    elements.push({ ...draft, from: paragraph.from, to: paragraph.to } as ScreenplayElement)
  }
  for (const paragraph of childElements(content, 'Paragraph')) {
    const dualBlock = childElements(paragraph, 'DualDialogue')[0]
    if (!dualBlock) {
      add(paragraph, false)
      continue
    }
    if (paragraph.attributes.StartsNewPage === 'Yes' && elements.length > 0) {
      elements.push({ type: 'page-break', text: '', from: paragraph.from, to: paragraph.from })
    }
    let cues = 0
    for (const inner of childElements(dualBlock, 'Paragraph')) {
      if (inner.attributes.Type === 'Character') cues += 1
      add(inner, cues >= 2 && inner.attributes.Type === 'Character')
    }
  }
  return ok({ titlePage: readTitlePage(root), elements })
}

function readTitlePage(root: XmlElement): TitlePageEntry[] {
  const page = childElements(root, 'TitlePage')[0]
  const content = page && childElements(page, 'Content')[0]
  if (!content) return []
  const paragraphs = childElements(content, 'Paragraph').map((paragraph) => {
    const alignment = paragraph.attributes.Alignment
    return {
      text: plainText(paragraphText(paragraph)),
      alignment: (alignment === 'Center' ? 'center' : alignment === 'Right' ? 'right' : 'left') as
        'left' | 'center' | 'right',
      from: paragraph.from,
      to: paragraph.to
    }
  })
  return titleEntries(paragraphs)
}

function textXml(text: string): string {
  const runs = parseEmphasis(text)
  if (runs.length === 0) return '<Text></Text>'
  return runs
    .map((run) => {
      const styles = [run.bold && 'Bold', run.italic && 'Italic', run.underline && 'Underline']
      const style = styles.filter(Boolean).join('+')
      const attribute = style ? ` Style="${style}"` : ''
      return `<Text${attribute}>${escapeXmlText(run.text)}</Text>`
    })
    .join('')
}

function paragraphXml(
  type: string,
  text: string,
  attributes: Record<string, string | undefined> = {}
): string {
  const extra = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(value!)}"`)
    .join('')
  return `    <Paragraph Type="${type}"${extra}>\n      ${textXml(text)}\n    </Paragraph>`
}

const fdxTypes: Partial<Record<ScreenplayElement['type'], string>> = {
  'scene-heading': 'Scene Heading',
  action: 'Action',
  character: 'Character',
  parenthetical: 'Parenthetical',
  dialogue: 'Dialogue',
  transition: 'Transition',
  lyrics: 'Lyrics',
  centered: 'Action'
}

function elementXml(element: ScreenplayElement, newPage: boolean): string | null {
  let type = fdxTypes[element.type]
  if (!type) return null
  if (element.type === 'action' && element.forced) type = 'General'
  const attributes: Record<string, string | undefined> = {
    Alignment: element.type === 'centered' ? 'Center' : undefined,
    Number: element.type === 'scene-heading' ? element.sceneNumber : undefined,
    StartsNewPage: newPage ? 'Yes' : undefined
  }
  return paragraphXml(type, element.text, attributes)
}

/// Writes a Final Draft file. Sections, synopses, notes and boneyard have no FDX paragraph and
/// are left out.
export function exportFdx(screenplay: Screenplay): string {
  const out: string[] = []
  const elements = screenplay.elements
  let newPage = false
  let index = 0
  const blockEnd = (cueIndex: number): number => {
    let end = cueIndex + 1
    while (
      end < elements.length &&
      ['parenthetical', 'dialogue', 'lyrics'].includes(elements[end].type)
    ) {
      end += 1
    }
    return end
  }
  while (index < elements.length) {
    const element = elements[index]
    if (element.type === 'page-break') {
      newPage = out.length > 0
      index += 1
      continue
    }
    if (element.type === 'character') {
      const end = blockEnd(index)
      const second = elements[end] as CharacterCue | undefined
      if (second?.type === 'character' && second.dual) {
        const secondEnd = blockEnd(end)
        const inner = elements
          .slice(index, secondEnd)
          .map((part) => elementXml(part, false))
          .filter((xml): xml is string => xml !== null)
          .map((xml) => xml.replace(/^ {4}/gm, '        '))
        const pageAttribute = newPage ? ' StartsNewPage="Yes"' : ''
        out.push(
          `    <Paragraph${pageAttribute}>\n      <DualDialogue>\n${inner.join('\n')}\n      </DualDialogue>\n    </Paragraph>`
        )
        newPage = false
        index = secondEnd
        continue
      }
    }
    const xml = elementXml(element, newPage)
    if (xml) {
      out.push(xml)
      newPage = false
    }
    index += 1
  }
  const title = titleParagraphs(screenplay.titlePage).map((paragraph: TitleParagraph) => {
    const alignment = { left: 'Left', center: 'Center', right: 'Right' }[paragraph.alignment]
    return `      <Paragraph Alignment="${alignment}" Type="Action">\n        ${textXml(paragraph.text)}\n      </Paragraph>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>',
    '<FinalDraft DocumentType="Script" Template="No" Version="5">',
    '  <Content>',
    ...out,
    '  </Content>',
    '  <TitlePage>',
    '    <Content>',
    ...title,
    '    </Content>',
    '  </TitlePage>',
    '</FinalDraft>',
    ''
  ].join('\n')
}
