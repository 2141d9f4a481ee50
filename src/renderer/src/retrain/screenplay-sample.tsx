import { parseFountain } from '../../../shared/fountain/parse-fountain'

/// A generated sample laid out as a screenplay page (headings, cues, dialogue indented), so the
/// writer judges the new voice as they would read it, not as raw model text.
export function ScreenplaySample(props: { text: string; testId: string }) {
  const elements = parseFountain(props.text).elements.filter((element) =>
    ['scene-heading', 'action', 'character', 'parenthetical', 'dialogue', 'transition'].includes(
      element.type
    )
  )
  return (
    <div className="retrain-sample" data-testid={props.testId}>
      {elements.map((element, index) => (
        <p key={index} className={`sample-${element.type}`}>
          {element.text.trim()}
        </p>
      ))}
    </div>
  )
}
