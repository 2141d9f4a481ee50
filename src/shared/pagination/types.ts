/// What the pagination engine produces: pages of laid-out lines that the page view, the page count
/// and the PDF writer all read.
import type { PageProfile } from './profile'

/// What a line shows. Element kinds that print, plus layout-only lines.
export type LineType =
  | 'scene-heading'
  | 'action'
  | 'character'
  | 'parenthetical'
  | 'dialogue'
  | 'lyrics'
  | 'transition'
  | 'centered'
  /// An empty row between elements.
  | 'blank'
  /// `(MORE)` under dialogue that continues on the next page.
  | 'more'

/// Emphasis on part of a row: offsets into the row's `text`, half-open.
export interface StyleSpan {
  from: number
  to: number
  bold?: boolean
  italic?: boolean
  underline?: boolean
}

/// One run of text on a row.
export interface LineSegment {
  /// Printed text (emphasis markers and inline notes removed).
  text: string
  type: LineType
  /// Characters from the left margin.
  indent: number
  /// Index into `Screenplay.elements`; -1 for blank rows.
  elementIndex: number
  /// Bold, italic and underlined stretches from the element's Fountain emphasis markup.
  styles?: StyleSpan[]
}

/// One row of a page.
export interface LaidOutLine extends LineSegment {
  /// The `(MORE)` row at the bottom of a page.
  more?: boolean
  /// A character cue repeated at the top of a page with `(CONT'D)`.
  contd?: boolean
  /// The last row before a break that had to ignore the rules, because the block was taller than a
  /// page and had no sentence end to break at.
  forcedSplit?: boolean
  /// The scene number printed in both margins of a scene heading's first row.
  sceneNumber?: string
  /// Dual dialogue: the right column's text on the same row (this segment is the left column).
  right?: LineSegment
}

export interface Page {
  /// 1-based; the title page is not counted.
  number: number
  /// What is printed top right: null on page 1, "2." from page 2 on.
  label: string | null
  /// Rows from the top of the body; at most `profile.linesPerPage`.
  lines: LaidOutLine[]
  /// The page ends because of a `===` page break in the script.
  forcedBreak: boolean
}

/// One line of the title page at an absolute row (0 = top of the body area).
export interface TitlePageLine {
  text: string
  row: number
  /// Characters from the left margin.
  indent: number
}

export interface Pagination {
  profile: PageProfile
  /// The unnumbered title page, or null when the script has no title page entries.
  titlePage: TitlePageLine[] | null
  pages: Page[]
}
