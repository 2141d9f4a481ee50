/// Page profiles: paper, margins and element columns for the pagination engine. All columns are in
/// characters of 12 pt Courier (10 per inch) from the left margin; rows are lines (6 per inch).
/// Values follow docs/screenplay-format.md §4.1–4.3 (trilane, Trelby config, afterwriting profiles).

/// Element kinds that get their own column on the page.
export type ColumnKind =
  | 'scene-heading'
  | 'action'
  | 'character'
  | 'parenthetical'
  | 'dialogue'
  | 'lyrics'
  | 'transition'
  | 'centered'

/// Where an element's lines start and how many characters fit on one line.
export interface Column {
  /// Characters from the left margin.
  indent: number
  /// Characters per line before word-wrap.
  width: number
}

export interface PageProfile {
  name: 'letter' | 'a4'
  /// Paper size in inches.
  pageWidth: number
  pageHeight: number
  /// Margins in inches; the body starts `marginTop` from the top edge.
  marginLeft: number
  marginRight: number
  marginTop: number
  marginBottom: number
  /// Distance of the page number ("2.") from the top edge, inches.
  pageNumberTop: number
  /// Body lines per page (afterwriting: Letter 55, A4 57).
  linesPerPage: number
  /// Characters per inch and lines per inch of 12 pt Courier.
  charactersPerInch: number
  linesPerInch: number
  /// Characters from the left margin to the right margin.
  bodyWidth: number
  columns: Record<ColumnKind, Column>
  /// Dual dialogue: each column's widths are the normal ones times this factor (afterwriting 0.75).
  dualWidthFactor: number
  /// Blank lines before a scene heading (1; Fade In uses 2).
  blankLinesBeforeSceneHeading: number
  /// Title page: first row of the title block (afterwriting starts it 3.5 in from the top edge).
  titleTopInches: number
}

// Trelby/trilane columns: cue at 3.7 in (22 chars from the 1.5 in margin), parenthetical at 3.1 in
// (16 chars, ~26 wide), dialogue at 2.5 in (10 chars, 35 wide), action and headings 6.0 in wide.
const letterColumns: Record<ColumnKind, Column> = {
  'scene-heading': { indent: 0, width: 60 },
  action: { indent: 0, width: 60 },
  character: { indent: 22, width: 38 },
  parenthetical: { indent: 16, width: 26 },
  dialogue: { indent: 10, width: 35 },
  lyrics: { indent: 10, width: 35 },
  transition: { indent: 0, width: 60 },
  centered: { indent: 0, width: 60 }
}

/// US Letter, 8.5 × 11 in, 55 lines per page.
export const LETTER: PageProfile = {
  name: 'letter',
  pageWidth: 8.5,
  pageHeight: 11,
  marginLeft: 1.5,
  marginRight: 1,
  marginTop: 1,
  marginBottom: 1,
  pageNumberTop: 0.5,
  linesPerPage: 55,
  charactersPerInch: 10,
  linesPerInch: 6,
  bodyWidth: 60,
  columns: letterColumns,
  dualWidthFactor: 0.75,
  blankLinesBeforeSceneHeading: 1,
  titleTopInches: 3.5
}

// A4 is 0.23 in narrower: 5.77 in between the margins holds 57 characters (afterwriting allows 58,
// which overruns the 1 in right margin by a fraction of a character).
const a4Columns: Record<ColumnKind, Column> = {
  ...letterColumns,
  'scene-heading': { indent: 0, width: 57 },
  action: { indent: 0, width: 57 },
  character: { indent: 22, width: 35 },
  transition: { indent: 0, width: 57 },
  centered: { indent: 0, width: 57 }
}

/// A4, 8.27 × 11.69 in, 57 lines per page (afterwriting's A4 profile).
export const A4: PageProfile = {
  ...LETTER,
  name: 'a4',
  pageWidth: 8.27,
  pageHeight: 11.69,
  linesPerPage: 57,
  bodyWidth: 57,
  columns: a4Columns
}
