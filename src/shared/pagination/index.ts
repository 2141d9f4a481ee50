/// The pagination engine's public surface.
export { A4, LETTER, type Column, type ColumnKind, type PageProfile } from './profile'
export type { LaidOutLine, LineSegment, LineType, Page, Pagination, TitlePageLine } from './types'
export { paginate } from './paginate'
export { checkPagination, type Violation, type ViolationKind } from './check'
export { formatEighths, pageCount, sceneLengths, scriptLength, type SceneLength } from './timing'
export { BREAK_RULES } from './units'
export { wrapText } from './wrap'
