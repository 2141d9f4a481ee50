import { useCallback, useEffect, useRef, useState } from 'react'
import type { ScriptBuddyApi } from '../../../shared/ipc/contract'
import type {
  RetrainOutcome,
  TrainingEvent,
  TrainingEventMessage
} from '../../../shared/retraining/training-types'
import { useEvent } from '../shell/use-api'
import { LossChart, type LossPoint } from './loss-chart'
import { NumberField } from './number-field'
import {
  checkRetrainFields,
  defaultRetrainFields,
  genreList,
  previewRequest,
  type RetrainFieldName,
  type RetrainFields
} from './retrain-form'
import { RunScheduleFields } from './run-schedule-fields'
import { ScreenplaySample } from './screenplay-sample'

type Prepared = Extract<TrainingEvent, { type: 'prepared' }>
type Progress = Extract<TrainingEvent, { type: 'progress' }>
type Backends = Omit<Extract<TrainingEvent, { type: 'backends' }>, 'type'>

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '…'
  if (seconds < 90) return `${Math.round(seconds)} s`
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`
  return `${(seconds / 3600).toFixed(1)} h`
}

/// "Retrain": fine-tune the active model on the writer's own scripts, watching the loss fall, with
/// pause and resume, then use the new model for continuations.
export function RetrainPanel(props: {
  api: ScriptBuddyApi
  onClose: () => void
  onActivated: (folder: string) => void
}) {
  const [form, setForm] = useState<RetrainFields>(defaultRetrainFields)
  const checked = checkRetrainFields(form)
  const errors = checked.ok ? {} : checked.errors
  // Until the first progress arrives the bar and the chart are scaled to the steps asked for.
  const plannedSteps = checked.ok ? checked.request.steps : 1
  const setField = (name: RetrainFieldName, value: string) =>
    setForm((current) => ({ ...current, [name]: value }))
  const [running, setRunning] = useState(false)
  const [prepared, setPrepared] = useState<Prepared | null>(null)
  const [progress, setProgress] = useState<Progress | null>(null)
  const [train, setTrain] = useState<LossPoint[]>([])
  const [validation, setValidation] = useState<LossPoint[]>([])
  const [sample, setSample] = useState<{ step: number; text: string } | null>(null)
  const [checkpointStep, setCheckpointStep] = useState<number | null>(null)
  const [resumed, setResumed] = useState<{ step: number; skipped: string[] } | null>(null)
  const [backends, setBackends] = useState<Backends | null>(null)
  const [outcome, setOutcome] = useState<RetrainOutcome | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [activated, setActivated] = useState(false)
  const runName = useRef(form.runName)
  const [previewing, setPreviewing] = useState(false)

  useEvent(
    props.api,
    'training:event',
    useCallback((message: TrainingEventMessage) => {
      if (message.runName !== runName.current) return
      const event = message.event
      if (event.type === 'prepared') setPrepared(event)
      else if (event.type === 'sample') setSample({ step: event.step, text: event.text })
      else if (event.type === 'checkpoint') setCheckpointStep(event.step)
      else if (event.type === 'resumed') setResumed(event)
      else if (event.type === 'backends') setBackends(event)
      else {
        setProgress(event)
        setTrain((points) => [
          ...points.filter((point) => point.step < event.step),
          { step: event.step, loss: event.loss }
        ])
        const validationLoss = event.validationLoss
        if (validationLoss !== undefined) {
          setValidation((points) => [...points, { step: event.step, loss: validationLoss }])
        }
      }
    }, [])
  )

  useEffect(
    () => () =>
      void (running ? props.api.invoke('training:stop', { runName: runName.current }) : undefined),
    [running, props.api]
  )

  async function start(resume: boolean): Promise<void> {
    if (!checked.ok) return
    const request = checked.request
    runName.current = request.runName
    setRunning(true)
    setError(null)
    setOutcome(null)
    setActivated(false)
    if (!resume) {
      setPrepared(null)
      setProgress(null)
      setTrain([])
      setValidation([])
      setSample(null)
      setCheckpointStep(null)
      setResumed(null)
    }
    const result = await props.api.invoke('training:start', { ...request, resume })
    setRunning(false)
    if (result.ok) setOutcome(result.value)
    else setError(result.error.message)
  }

  // Reads the scripts as a run would (found, skipped and why, tokens, sample) without training.
  async function preview(): Promise<void> {
    setPreviewing(true)
    setError(null)
    const result = await props.api.invoke('training:preview', previewRequest(form))
    setPreviewing(false)
    if (result.ok) setPrepared({ type: 'prepared', ...result.value })
    else {
      setPrepared(null)
      setError(result.error.message)
    }
  }

  async function activate(): Promise<void> {
    if (!outcome) return
    const result = await props.api.invoke('models:activate', { folder: outcome.modelDir })
    if (result.ok) {
      setActivated(true)
      props.onActivated(outcome.modelDir)
    } else setError(result.error.message)
  }

  const number = (name: RetrainFieldName, label: string, step: number, min: number) => (
    <NumberField
      label={label}
      value={form[name]}
      step={step}
      min={min}
      disabled={running}
      error={errors[name]}
      onChange={(value) => setField(name, value)}
    />
  )
  const addGenre = (genre: string) => {
    const genres = genreList(form.genres)
    if (!genres.includes(genre)) setForm({ ...form, genres: [...genres, genre].join(', ') })
  }
  const perplexity = (nats: number | null) =>
    nats === null ? '—' : `${Math.exp(nats).toFixed(1)} (${nats.toFixed(3)} nats/token)`
  const paused = outcome?.status === 'cancelled'

  return (
    <div className="dialog-backdrop" role="presentation">
      <section
        className="dialog retrain"
        role="dialog"
        aria-label="Retrain the model"
        data-testid="retrain-panel"
      >
        <header className="retrain-header">
          <h2>Retrain on your scripts</h2>
          <button type="button" className="link-button" onClick={props.onClose} aria-label="Close">
            ×
          </button>
        </header>
        <label>
          Scripts: files or folders on this machine, one per line (.fountain, .fdx, .txt, .pdf)
          <textarea
            data-testid="retrain-scripts"
            rows={3}
            value={form.scripts}
            disabled={running}
            onChange={(event) => setForm({ ...form, scripts: event.target.value })}
            spellCheck={false}
          />
        </label>
        <label>
          Genres (optional, comma-separated): only scripts whose manifest lists one of them
          <input
            data-testid="retrain-genres"
            value={form.genres}
            disabled={running}
            placeholder="e.g. Drama, Comedy"
            onChange={(event) => setForm({ ...form, genres: event.target.value })}
          />
        </label>
        <div className="knobs">
          <label>
            New model name
            <input
              data-testid="retrain-name"
              value={form.runName}
              disabled={running}
              onChange={(event) => setForm({ ...form, runName: event.target.value })}
            />
          </label>
          {number('steps', 'Steps', 10, 1)}
          {number('learningRate', 'Learning rate', 0.00001, 0)}
          {number('batchSize', 'Batch', 1, 1)}
          {number('contextLength', 'Context (tokens)', 32, 16)}
        </div>
        <RunScheduleFields fields={form} errors={errors} disabled={running} onChange={setField} />
        <div className="dialog-buttons">
          {running ? (
            <button
              type="button"
              data-testid="retrain-pause"
              onClick={() => void props.api.invoke('training:stop', { runName: runName.current })}
            >
              Pause
            </button>
          ) : (
            <>
              {paused && (
                <button
                  type="button"
                  data-testid="retrain-resume"
                  disabled={!checked.ok}
                  onClick={() => void start(true)}
                >
                  Resume
                </button>
              )}
              <button
                type="button"
                data-testid="retrain-preview"
                disabled={previewing}
                onClick={() => void preview()}
              >
                {previewing ? 'Reading scripts…' : 'Preview'}
              </button>
              {!checked.ok && (
                <span className="error" data-testid="retrain-form-invalid">
                  Correct the values marked in red to start.
                </span>
              )}
              <button
                type="button"
                data-testid="retrain-start"
                disabled={!checked.ok}
                onClick={() => void start(false)}
              >
                Start retraining
              </button>
            </>
          )}
        </div>
        {error && (
          <p className="error" role="alert" data-testid="retrain-error">
            {error}
          </p>
        )}
        {prepared && (
          <p className="retrain-prepared" data-testid="retrain-prepared">
            {prepared.scripts.filter((script) => script.split === 'train').length} script(s) to
            learn from, {prepared.scripts.filter((script) => script.split === 'validation').length}{' '}
            held out to measure · {prepared.trainTokens.toLocaleString()} tokens
            {prepared.skipped.length > 0 && ` · ${prepared.skipped.length} skipped (see below)`}
          </p>
        )}
        {prepared && <PreparedDetails prepared={prepared} onGenre={addGenre} />}
        {(running || progress) && (
          <div className="retrain-progress">
            <progress
              max={progress?.maxSteps ?? plannedSteps}
              value={progress?.step ?? 0}
              data-testid="retrain-progress"
            />
            <span>
              {progress
                ? `step ${progress.step}/${progress.maxSteps} · loss ${progress.loss.toFixed(3)} · ${Math.round(progress.tokensPerSecond)} tokens/s · ${formatSeconds(progress.etaSeconds)} left`
                : 'Reading your scripts and preparing the model…'}
            </span>
            {(checkpointStep !== null || resumed) && (
              <span className="retrain-checkpoint" data-testid="retrain-checkpoint">
                {resumed && `Resumed from step ${resumed.step}. `}
                {resumed?.skipped.map((reason) => `Skipped a damaged checkpoint: ${reason}. `)}
                {checkpointStep !== null && `Saved at step ${checkpointStep}.`}
              </span>
            )}
          </div>
        )}
        {backends && (
          <p className="retrain-backends" data-testid="retrain-backends">
            {backends.chosen &&
              `Training on ${backends.chosen.name} (${backends.chosen.reason}). Backends: `}
            {backends.backends
              .map(
                (backend) =>
                  `${backend.name}: ${backend.available ? 'available' : 'unavailable'} (${backend.detail})`
              )
              .join(' · ')}
          </p>
        )}
        <LossChart
          train={train}
          validation={validation}
          maxSteps={progress?.maxSteps ?? plannedSteps}
        />
        {sample && (
          <div>
            <h3>Sample from the new model after step {sample.step}</h3>
            <ScreenplaySample text={sample.text} testId="retrain-sample" />
          </div>
        )}
        {outcome && outcome.status === 'done' && (
          <div className="result-card" data-testid="retrain-result">
            <p>
              Perplexity on your held-out script(s): before {perplexity(outcome.validationBefore)},
              after {perplexity(outcome.validationAfter)}.
            </p>
            {outcome.bestStep != null && (
              <p data-testid="retrain-best-step">
                {outcome.stoppedEarly
                  ? `Stopped early at step ${outcome.steps}: the held-out loss had stopped improving. `
                  : ''}
                Kept the weights of step {outcome.bestStep}, where the held-out loss was lowest.
              </p>
            )}
            <button
              type="button"
              data-testid="retrain-activate"
              disabled={activated}
              onClick={() => void activate()}
            >
              {activated ? 'In use for continuations' : 'Use this model'}
            </button>
          </div>
        )}
        {paused && (
          <p>Paused at step {outcome?.steps}. Resume continues from the last checkpoint.</p>
        )}
      </section>
    </div>
  )
}

/// The preview's detail: each script with its format, genres and whether it came from the cache,
/// the genres found (click one to filter by it), and a sample of the text the model will read.
function PreparedDetails(props: { prepared: Prepared; onGenre: (genre: string) => void }) {
  const { prepared } = props
  const pdfs = prepared.scripts.filter((script) => script.format === 'pdf').length
  return (
    <details className="retrain-preview" data-testid="retrain-preview-details" open>
      <summary>
        {prepared.scripts.length} script(s) found{pdfs > 0 ? ` (${pdfs} from PDF)` : ''},{' '}
        {prepared.skipped.length} skipped
        {prepared.cache &&
          ` · ${prepared.cache.hits} from the cache, ${prepared.cache.misses} tokenized now`}
      </summary>
      <ul data-testid="retrain-preview-scripts">
        {prepared.scripts.map((script) => (
          <li key={`${script.split}:${script.name}`}>
            {script.name} — {script.tokens.toLocaleString()} tokens, {script.split}
            {script.format ? ` · ${script.format}` : ''}
            {script.genres?.length ? ` · ${script.genres.join(', ')}` : ''}
            {script.cached ? ' · cached' : ''}
          </li>
        ))}
        {prepared.skipped.map((skip) => (
          <li key={`skipped:${skip.path}`} className="skipped">
            skipped {skip.path.split('/').pop()}: {skip.reason}
          </li>
        ))}
      </ul>
      {(prepared.genresFound?.length ?? 0) > 0 && (
        <p data-testid="retrain-genres-found">
          Genres in these scripts:{' '}
          {prepared.genresFound!.map((genre) => (
            <button
              key={genre}
              type="button"
              className="link-button"
              onClick={() => props.onGenre(genre)}
            >
              {genre}
            </button>
          ))}
        </p>
      )}
      {prepared.sample && (
        <>
          <h3>What the model will read (start of the first script)</h3>
          <pre className="retrain-sample" data-testid="retrain-preview-sample">
            {prepared.sample}
          </pre>
        </>
      )}
    </details>
  )
}
