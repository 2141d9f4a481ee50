import { useId } from 'react'

/// A labelled number box with an optional hint and, while its value is wrong, the message saying
/// why: both are read out with the field (aria-describedby), and the field is marked invalid.
/// The value stays text, so the panel can explain "12.5" or an empty box instead of guessing.
export function NumberField(props: {
  label: string
  value: string
  step: number
  min: number
  disabled: boolean
  onChange: (value: string) => void
  hint?: string
  error?: string
  testId?: string
}) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [props.error && errorId, props.hint && hintId].filter(Boolean).join(' ')
  return (
    <div className="number-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        step={props.step}
        min={props.min}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {(props.error || props.hint) && (
        <div className="field-notes">
          {props.error && (
            <small
              id={errorId}
              className="error field-error"
              data-testid={props.testId && `${props.testId}-error`}
            >
              {props.error}
            </small>
          )}
          {props.hint && (
            <small id={hintId} className="field-hint">
              {props.hint}
            </small>
          )}
        </div>
      )}
    </div>
  )
}
