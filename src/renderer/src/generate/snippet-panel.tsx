import { useRef, useState } from 'react'
import type { GenerationConfig } from '../../../shared/generation'
import type { ScriptBuddyApi } from '../../../shared/ipc/contract'
import { copyWarning } from '../ai/copy-warning'
import { streamGeneration } from '../ai/generation-client'
import { FrameBatch } from '../lib/frame-batch'
import { snippetCharacters, snippetPrompt, type SnippetFields } from './snippet-prompt'
import { finishedSnippet } from './snippet-text'
import type { SnippetParts } from './insert-snippet'

interface Alternative {
  text: string
  done: boolean
  /// Longest run of words repeated from the model's training scripts (0: none of 12 or more).
  copiedWords?: number
}

const INITIAL_FIELDS: SnippetFields = { heading: '', characters: '', opening: '' }

type Knobs = Pick<
  GenerationConfig,
  'maxNewTokens' | 'temperature' | 'topK' | 'topP' | 'repetitionPenalty' | 'alternatives'
> & { seed: string }

const INITIAL_KNOBS: Knobs = {
  maxNewTokens: 200,
  temperature: 0.9,
  topK: 50,
  topP: 0.95,
  repetitionPenalty: 1.1,
  alternatives: 3,
  seed: ''
}

/// Whole snippets from a prompt: alternatives stream side by side, and each can open as a new
/// document or go in at the cursor. "Surprise me" starts from nothing, as the original did.
export function SnippetPanel(props: {
  api: ScriptBuddyApi
  onOpenAsDocument: (text: string, name: string) => void
  /// Insert at the cursor: the writer's prompt and the model's text (insert-snippet.ts).
  onInsert: (snippet: SnippetParts) => void
  onClose: () => void
}) {
  const [fields, setFields] = useState(INITIAL_FIELDS)
  const [knobs, setKnobs] = useState(INITIAL_KNOBS)
  const [alternatives, setAlternatives] = useState<Alternative[]>([])
  const [prompt, setPrompt] = useState('')
  const [status, setStatus] = useState<string | null>(null)
  const running = useRef<AbortController | null>(null)

  async function run(fromNothing: boolean): Promise<void> {
    running.current?.abort()
    const controller = new AbortController()
    running.current = controller
    const text = fromNothing ? '' : snippetPrompt(fields)
    setPrompt(text)
    setAlternatives(Array.from({ length: knobs.alternatives }, () => ({ text: '', done: false })))
    // The host holds the model while the writer types (writer-hold.ts): say so, or a pause looks stuck.
    setStatus('Writing… · waits while you type in the script')
    const seed = knobs.seed.trim() === '' ? null : Number(knobs.seed)
    const { seed: _seed, ...config } = knobs
    void _seed
    // One render per frame for all alternatives' new text, not one per token.
    const batch = new FrameBatch((texts) =>
      setAlternatives((current) =>
        current.map((alternative, index) => {
          const streamed = texts.find((update) => update.alternative === index)
          return streamed ? { ...alternative, text: alternative.text + streamed.text } : alternative
        })
      )
    )
    controller.signal.addEventListener('abort', () => batch.drop(), { once: true })
    for await (const update of streamGeneration(
      props.api,
      { prompt: text, config: { ...config, seed, stopAt: 'none' } },
      controller.signal
    )) {
      if (!('done' in update)) {
        batch.add(update)
        continue
      }
      batch.flush()
      batch.drop()
      if (update.summary.ok) {
        const summary = update.summary.value
        // Streamed raw; shown, inserted and opened normalised (snippet-text.ts).
        const characters = snippetCharacters(fields.characters)
        setAlternatives(
          summary.alternatives.map((alternative) => ({
            text: finishedSnippet(alternative.text, characters),
            done: true,
            copiedWords: alternative.copiedWords
          }))
        )
        // A length the model's window cannot hold was cut to what fits: say so.
        const longest = Math.max(
          0,
          ...summary.alternatives.map((alternative) => alternative.tokens)
        )
        const cut =
          longest < knobs.maxNewTokens &&
          summary.promptTokens + knobs.maxNewTokens > summary.windowTokens &&
          summary.alternatives.some((alternative) => alternative.finishReason === 'length')
            ? ` · cut to ${longest} tokens by the model's ${summary.windowTokens}-token window`
            : ''
        setStatus(`Done · seed ${summary.seed} · ${summary.provider}${cut}`)
      } else {
        setStatus(update.summary.error.message)
        setAlternatives((current) => current.map((alternative) => ({ ...alternative, done: true })))
      }
    }
  }

  const knob = (
    key: keyof Knobs,
    label: string,
    attributes: { min: number; max: number; step: number }
  ) => (
    <label>
      {label}
      <input
        type="number"
        {...attributes}
        value={knobs[key]}
        onChange={(event) =>
          setKnobs({
            ...knobs,
            [key]: key === 'seed' ? event.target.value : Number(event.target.value)
          })
        }
      />
    </label>
  )

  return (
    <aside className="snippet-panel" aria-label="Snippets" data-testid="snippet-panel">
      <header>
        <h2>Snippets</h2>
        <button
          type="button"
          className="link-button"
          onClick={props.onClose}
          aria-label="Close snippets"
        >
          ×
        </button>
      </header>
      <label>
        Scene heading
        <input
          data-testid="snippet-heading"
          placeholder="INT. DINER - NIGHT"
          value={fields.heading}
          onChange={(event) => setFields({ ...fields, heading: event.target.value })}
        />
      </label>
      <label>
        Characters
        <input
          placeholder="MARA, TOMAS"
          value={fields.characters}
          onChange={(event) => setFields({ ...fields, characters: event.target.value })}
        />
      </label>
      <label>
        Opening words
        <textarea
          rows={2}
          placeholder="Rain hammers the windows."
          value={fields.opening}
          onChange={(event) => setFields({ ...fields, opening: event.target.value })}
        />
      </label>
      <div className="knobs">
        {knob('maxNewTokens', 'Length (tokens)', { min: 10, max: 800, step: 10 })}
        {knob('alternatives', 'Alternatives', { min: 1, max: 6, step: 1 })}
        {knob('temperature', 'Temperature', { min: 0, max: 2, step: 0.1 })}
        {knob('topK', 'Top-k', { min: 0, max: 500, step: 1 })}
        {knob('topP', 'Top-p', { min: 0.05, max: 1, step: 0.05 })}
        {knob('repetitionPenalty', 'Repetition penalty', { min: 1, max: 2, step: 0.05 })}
        <label>
          Seed
          <input
            placeholder="random"
            value={knobs.seed}
            onChange={(event) =>
              setKnobs({ ...knobs, seed: event.target.value.replace(/[^0-9]/g, '') })
            }
          />
        </label>
      </div>
      <div className="dialog-buttons">
        <button type="button" onClick={() => running.current?.abort()}>
          Stop
        </button>
        <button type="button" onClick={() => void run(true)} data-testid="snippet-surprise">
          Surprise me
        </button>
        <button type="button" onClick={() => void run(false)} data-testid="snippet-generate">
          Generate
        </button>
      </div>
      {status && (
        <p className="snippet-status" data-testid="snippet-status">
          {status}
        </p>
      )}
      <div className="snippet-alternatives">
        {alternatives.map((alternative, index) => {
          const warning = copyWarning(alternative.copiedWords ?? 0)
          return (
            <article key={index} className="snippet" data-testid="snippet-alternative">
              <pre>{prompt + alternative.text}</pre>
              {warning && (
                <p className="snippet-warning" role="note" data-testid="snippet-copy-warning">
                  {warning}
                </p>
              )}
              <div className="dialog-buttons">
                <button
                  type="button"
                  disabled={!alternative.done}
                  data-testid="snippet-insert"
                  onClick={() => props.onInsert({ typed: prompt, written: alternative.text })}
                >
                  Insert at cursor
                </button>
                <button
                  type="button"
                  disabled={!alternative.done}
                  data-testid="snippet-open"
                  onClick={() =>
                    props.onOpenAsDocument(prompt + alternative.text, `Snippet ${index + 1}`)
                  }
                >
                  Open as document
                </button>
              </div>
            </article>
          )
        })}
      </div>
    </aside>
  )
}
