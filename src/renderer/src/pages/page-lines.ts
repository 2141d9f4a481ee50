/// Where each piece of text sits on a printed sheet, in inches from the paper's top-left corner.
/// The DOM page view and the PNG export both draw from these, so they show the same page.
import type { PageProfile } from '../../../shared/pagination/profile'
import type { LineType, Page, Pagination, TitlePageLine } from '../../../shared/pagination/types'

/// What a piece of text on the sheet is.
export type PlacedKind = LineType | 'page-number' | 'scene-number' | 'title-page'

/// One run of text on a sheet. `y` is the top of its row.
export interface PlacedText {
  text: string
  kind: PlacedKind
  /// Inches from the paper's left edge.
  x: number
  /// Inches from the paper's top edge to the top of the row.
  y: number
}

/// One sheet of paper: the title page or a numbered page.
export interface Sheet {
  /// 0 for the title page, else the page number.
  number: number
  /// 'Title page' or 'Page 3', for menus and accessible names.
  name: string
  texts: PlacedText[]
}

// Scene numbers sit this far outside the text column (inches).
const SCENE_NUMBER_GAP = 0.4

function columnX(profile: PageProfile, indent: number): number {
  return profile.marginLeft + indent / profile.charactersPerInch
}

function rowY(profile: PageProfile, row: number): number {
  return profile.marginTop + row / profile.linesPerInch
}

/// The texts of a numbered page: its rows at their indents, the page number top right ("2.",
/// none on page 1), scene numbers in both margins, and dual dialogue's right column.
export function placePage(page: Page, profile: PageProfile): PlacedText[] {
  const texts: PlacedText[] = []
  const inch = profile.charactersPerInch
  const rightEdge = profile.pageWidth - profile.marginRight
  if (page.label) {
    texts.push({
      text: page.label,
      kind: 'page-number',
      x: rightEdge - page.label.length / inch,
      y: profile.pageNumberTop
    })
  }
  page.lines.forEach((line, row) => {
    const y = rowY(profile, row)
    if (line.text !== '') {
      texts.push({ text: line.text, kind: line.type, x: columnX(profile, line.indent), y })
    }
    if (line.right && line.right.text !== '') {
      texts.push({
        text: line.right.text,
        kind: line.right.type,
        x: columnX(profile, line.right.indent),
        y
      })
    }
    if (line.sceneNumber) {
      const number = line.sceneNumber
      texts.push({
        text: number,
        kind: 'scene-number',
        x: profile.marginLeft - SCENE_NUMBER_GAP - number.length / inch,
        y
      })
      texts.push({
        text: number,
        kind: 'scene-number',
        x: profile.marginLeft + profile.bodyWidth / inch + SCENE_NUMBER_GAP,
        y
      })
    }
  })
  return texts
}

/// The texts of the title page.
export function placeTitlePage(lines: TitlePageLine[], profile: PageProfile): PlacedText[] {
  return lines.map((line) => ({
    text: line.text,
    kind: 'title-page' as const,
    x: columnX(profile, line.indent),
    y: rowY(profile, line.row)
  }))
}

/// Every sheet of a paginated script: the title page first (when it has one), then the pages.
export function sheetsOf(pagination: Pagination): Sheet[] {
  const sheets: Sheet[] = []
  if (pagination.titlePage) {
    sheets.push({
      number: 0,
      name: 'Title page',
      texts: placeTitlePage(pagination.titlePage, pagination.profile)
    })
  }
  for (const page of pagination.pages) {
    sheets.push({
      number: page.number,
      name: `Page ${page.number}`,
      texts: placePage(page, pagination.profile)
    })
  }
  return sheets
}
