/// Final Draft title pages are free paragraphs with an alignment; Fountain's are `Key: value`
/// entries. This maps between them by position (written centered, then left, then right):
/// centered groups are Title, Credit, Author and Source; left-aligned groups are Contact, then
/// Notes (or Copyright when the text says so); right-aligned groups are Draft date then Revision.
/// Blank paragraphs separate groups.
import type { TitlePageEntry } from '../fountain/elements'

export interface TitleParagraph {
  text: string
  alignment: 'left' | 'center' | 'right'
}

const centeredOrder = ['title', 'credit', 'author', 'authors', 'source']
const rightOrder = ['draft date', 'date', 'revision']
const leftOrder = ['contact', 'notes', 'copyright']

function alignmentOf(key: string): TitleParagraph['alignment'] {
  const name = key.trim().toLowerCase()
  if (centeredOrder.includes(name)) return 'center'
  if (rightOrder.includes(name)) return 'right'
  return 'left'
}

/// Entries → paragraphs (groups separated by one blank paragraph).
export function titleParagraphs(entries: TitlePageEntry[]): TitleParagraph[] {
  const order = (entry: TitlePageEntry): number => {
    const name = entry.key.trim().toLowerCase()
    const lists = [centeredOrder, leftOrder, rightOrder]
    for (const [rank, list] of lists.entries()) {
      if (list.includes(name)) return rank * 10 + list.indexOf(name)
    }
    return 30
  }
  const sorted = [...entries].sort((a, b) => order(a) - order(b))
  const paragraphs: TitleParagraph[] = []
  for (const entry of sorted) {
    const alignment = alignmentOf(entry.key)
    if (paragraphs.length > 0) paragraphs.push({ text: '', alignment })
    for (const line of entry.lines) paragraphs.push({ text: line, alignment })
  }
  return paragraphs
}

function keyFor(
  group: string[],
  alignment: TitleParagraph['alignment'],
  used: Set<string>
): string {
  const text = group.join(' ')
  const free = (key: string): boolean => !used.has(key)
  if (alignment === 'center') {
    if (/^(written|screenplay|story|teleplay)?\s*by\b/i.test(text) && free('Credit')) {
      return 'Credit'
    }
    if (/^(based on|from)\b/i.test(text) && free('Source')) return 'Source'
    if (free('Title')) return 'Title'
    if (used.has('Credit') && free('Author')) return 'Author'
    return free('Source') ? 'Source' : 'Notes'
  }
  if (alignment === 'right') return free('Draft date') ? 'Draft date' : 'Revision'
  if (/copyright|©/i.test(text) && free('Copyright')) return 'Copyright'
  return free('Contact') ? 'Contact' : 'Notes'
}

/// Paragraphs → entries. Source ranges are the paragraphs' offsets in the file.
export function titleEntries(
  paragraphs: Array<TitleParagraph & { from: number; to: number }>
): TitlePageEntry[] {
  const entries: TitlePageEntry[] = []
  const used = new Set<string>()
  let group: Array<TitleParagraph & { from: number; to: number }> = []
  const flush = (): void => {
    if (group.length === 0) return
    const lines = group.map((paragraph) => paragraph.text.trim())
    const key = keyFor(lines, group[0].alignment, used)
    used.add(key)
    entries.push({ key, lines, from: group[0].from, to: group[group.length - 1].to })
    group = []
  }
  for (const paragraph of paragraphs) {
    if (paragraph.text.trim() === '' || (group[0] && group[0].alignment !== paragraph.alignment)) {
      flush()
    }
    if (paragraph.text.trim() !== '') group.push(paragraph)
  }
  flush()
  return entries
}
