/// The AI side of the editor as React state: the ghost-text options every document's editor gets
/// (suggestion settings read live, errors and engine notes reported), and as-you-type mode kept in
/// step with the settings in every open document.
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react'
import type { EditorView } from '@codemirror/view'
import type { ScriptBuddyApi } from '../../../shared/ipc/contract'
import type { Settings } from '../../../shared/settings/settings'
import type { EditorStates } from '../documents/editor-states'
import {
  aiMarksViewCompartment,
  ghostTextCompartment,
  ghostTextExtension,
  type EditorExtensionOptions
} from '../shell/editor-extensions'
import { aiMarksView } from './ai-marks-view'
import { GhostStatusStore } from './ghost-status-store'
import { copyWarning } from './copy-warning'

/// Characters of script before the cursor offered to the context builder.
const MAX_PROMPT_CHARS = 6_000

/// The embedded model's name, until a suggestion reports the model that made it.
const EMBEDDED_MODEL = 'screenplay-gpt2-30m'

// The record of AI text names the model by its folder's name.
function modelFromSettings(settings: Settings | null): string {
  const folder = settings?.activeModel
  return folder ? (folder.split(/[\\/]/).filter(Boolean).at(-1) ?? folder) : EMBEDDED_MODEL
}

export function useAiEditor(
  api: ScriptBuddyApi,
  settings: Settings | null,
  onError: (text: string) => void
) {
  const ghost = useMemo(() => new GhostStatusStore(), [])
  const [engineNote, setEngineNote] = useState<string | null>(null)
  const settingsRef = useRef(settings)
  settingsRef.current = settings
  const onErrorRef = useRef(onError)
  onErrorRef.current = onError
  // The model of the newest finished suggestion, and the active model it was asked of.
  const reportedModel = useRef<{ model: string; activeModel: string | null } | null>(null)

  const extensionOptions = useMemo<EditorExtensionOptions>(
    () => ({
      api,
      suggestionSettings: () => ({
        alternatives: settingsRef.current?.suggestionAlternatives ?? 3,
        temperature: settingsRef.current?.suggestionTemperature ?? 0.8,
        maxPromptChars: MAX_PROMPT_CHARS
      }),
      asYouType: null,
      report: (event) => {
        if (event.kind === 'error') {
          onErrorRef.current(event.message)
          return
        }
        reportedModel.current = {
          model: event.model,
          activeModel: settingsRef.current?.activeModel ?? null
        }
        const warning = copyWarning(Math.max(0, ...event.copiedWords))
        const timing =
          event.firstTokenMs !== null ? `, first token ${Math.round(event.firstTokenMs)} ms` : ''
        setEngineNote(
          `${event.model} on ${event.provider}${timing}${warning ? ` · ${warning}` : ''}`
        )
      },
      onGhostStatus: (status) => ghost.set(status),
      modelName: () => {
        const reported = reportedModel.current
        const active = settingsRef.current?.activeModel ?? null
        return reported && reported.activeModel === active
          ? reported.model
          : modelFromSettings(settingsRef.current)
      }
    }),
    [api, ghost]
  )
  return { extensionOptions, ghost, engineNote }
}

/// As-you-type suggestions follow the settings: reconfigure every open document's editor.
export function useAsYouType(
  settings: Settings | null,
  extensionOptions: EditorExtensionOptions,
  states: EditorStates,
  viewRef: RefObject<EditorView | null>
): void {
  const key = settings?.suggestAsYouType
    ? `${settings.suggestDelayMs}:${settings.suggestMaxChars}`
    : ''
  useEffect(() => {
    const [delayMs, maxChars] = key.split(':').map(Number)
    const effect = ghostTextCompartment.reconfigure(
      ghostTextExtension(extensionOptions, key ? { delayMs, maxChars } : null)
    )
    states.updateAll({ effects: effect })
    viewRef.current?.dispatch({ effects: effect })
  }, [key, extensionOptions, states, viewRef])
}

/// AI-text marks follow the settings: hidden when provenance is off, tinted or not.
export function useAiMarksView(
  settings: Settings | null,
  states: EditorStates,
  viewRef: RefObject<EditorView | null>
): void {
  const show = (settings?.aiProvenance ?? 'sidecar') !== 'off'
  const tint = settings?.aiProvenanceTint ?? true
  useEffect(() => {
    const effect = aiMarksViewCompartment.reconfigure(aiMarksView({ show, tint }))
    states.updateAll({ effects: effect })
    viewRef.current?.dispatch({ effects: effect })
  }, [show, tint, states, viewRef])
}
