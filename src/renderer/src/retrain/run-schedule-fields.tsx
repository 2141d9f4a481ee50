import { NumberField } from './number-field'
import {
  intervalHint,
  patienceHint,
  type RetrainFieldErrors,
  type RetrainFields
} from './retrain-form'

type ScheduleField =
  'evaluationInterval' | 'sampleInterval' | 'checkpointInterval' | 'earlyStoppingPatience'

/// How often the run checks itself, shows a sample and saves, and when it gives up: the four
/// knobs of the run's schedule, each with a line on what it is for.
export function RunScheduleFields(props: {
  fields: RetrainFields
  errors: RetrainFieldErrors
  disabled: boolean
  onChange: (name: ScheduleField, value: string) => void
}) {
  const field = (name: ScheduleField, label: string, hint: string) => (
    <NumberField
      label={label}
      value={props.fields[name]}
      step={1}
      min={name === 'evaluationInterval' || name === 'checkpointInterval' ? 1 : 0}
      disabled={props.disabled}
      hint={hint}
      error={props.errors[name]}
      testId={`retrain-${name}`}
      onChange={(value) => props.onChange(name, value)}
    />
  )
  return (
    <fieldset className="run-schedule" data-testid="retrain-schedule">
      <legend>While it trains</legend>
      {field(
        'evaluationInterval',
        'Check progress every (steps)',
        intervalHint(props.fields, 'evaluationInterval')
      )}
      {field(
        'sampleInterval',
        'Show a sample every (steps)',
        intervalHint(props.fields, 'sampleInterval')
      )}
      {field(
        'checkpointInterval',
        'Save progress every (steps)',
        intervalHint(props.fields, 'checkpointInterval')
      )}
      {field('earlyStoppingPatience', 'Stop early after (checks)', patienceHint(props.fields))}
    </fieldset>
  )
}
