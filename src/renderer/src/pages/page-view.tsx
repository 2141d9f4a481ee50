import { memo } from 'react'
import type { PageProfile } from '../../../shared/pagination/profile'
import type { Sheet } from './page-lines'

/// The script as printed pages: each sheet a white page at paper size (Courier Prime 12 pt), its
/// texts where the pagination engine placed them. Read-only; click a sheet to choose it for export.
export function PageView(props: {
  sheets: Sheet[]
  profile: PageProfile
  selected: number
  onSelect: (number: number) => void
}) {
  return (
    <div className="page-view" data-testid="page-view">
      {props.sheets.length === 0 && <p className="page-view-empty">Laying out pages…</p>}
      {props.sheets.map((sheet) => (
        <SheetView
          key={sheet.number}
          sheet={sheet}
          profile={props.profile}
          selected={sheet.number === props.selected}
          onSelect={props.onSelect}
        />
      ))}
    </div>
  )
}

const inches = (value: number): string => `${Number(value.toFixed(4))}in`

// Sheets re-render only when their own texts change (the sheets array is rebuilt per pagination).
const SheetView = memo(function SheetView(props: {
  sheet: Sheet
  profile: PageProfile
  selected: boolean
  onSelect: (number: number) => void
}) {
  const { sheet, profile } = props
  return (
    <section
      className={props.selected ? 'sheet selected' : 'sheet'}
      style={{ width: inches(profile.pageWidth), height: inches(profile.pageHeight) }}
      aria-label={sheet.name}
      data-testid="page-sheet"
      data-page={sheet.number}
      onClick={() => props.onSelect(sheet.number)}
    >
      {sheet.texts.map((text, index) => (
        <span
          key={index}
          className={`sheet-text sheet-${text.kind}`}
          style={{ left: inches(text.x), top: inches(text.y) }}
        >
          {text.text}
        </span>
      ))}
    </section>
  )
}, sameSheet)

function sameSheet(
  before: { sheet: Sheet; selected: boolean; profile: PageProfile },
  after: { sheet: Sheet; selected: boolean; profile: PageProfile }
): boolean {
  if (before.selected !== after.selected || before.profile !== after.profile) return false
  const a = before.sheet.texts
  const b = after.sheet.texts
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index++) {
    if (a[index].text !== b[index].text || a[index].x !== b[index].x || a[index].y !== b[index].y) {
      return false
    }
  }
  return true
}
