/// The writer's preferences: one JSON file in the user data folder, validated on load so a
/// hand-edited or half-written file can never crash the app (bad fields fall back to defaults).
import {
  boolean,
  literal,
  nullable,
  number,
  object,
  optional,
  string,
  type Validator
} from '../ipc/validate'

export type ThemeSetting = 'system' | 'light' | 'dark'
export type ProviderSetting = 'auto' | 'cpu' | 'webgpu' | 'cuda'

export interface Settings {
  /// Colour scheme of the app; `system` follows the OS.
  theme: ThemeSetting
  /// Editor font size in points; the page layout scales with it. 12 pt is the industry page.
  editorFontSizePt: number
  /// Which ONNX Runtime execution provider runs the model; `auto` picks the fastest measured.
  inferenceProvider: ProviderSetting
  /// Seconds between recovery snapshots of unsaved text.
  autosaveSeconds: number
  /// Show short suggestions after a typing pause (off by default: a writer asks for help).
  suggestAsYouType: boolean
  /// Pause after the last keystroke before an as-you-type suggestion, in milliseconds.
  suggestDelayMs: number
  /// Longest as-you-type suggestion, in characters.
  suggestMaxChars: number
  /// Alternatives generated for an explicit continuation (Alt+] / Alt+[ cycle through them).
  suggestionAlternatives: number
  /// Sampling temperature of continuations: lower is safer, higher is wilder.
  suggestionTemperature: number
  /// Folder of the model continuations use; null is the embedded default.
  activeModel: string | null
  /// Where the record of accepted AI text is kept: a `.scriptbuddy.json` file beside the script,
  /// `[[AI: …]]` notes inside it, or nowhere (`off` also hides the marks).
  aiProvenance: 'sidecar' | 'notes' | 'off'
  /// Tint AI-written text (besides the bar in the gutter).
  aiProvenanceTint: boolean
}

export type SettingsPatch = Partial<Settings>

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  editorFontSizePt: 12,
  inferenceProvider: 'auto',
  autosaveSeconds: 3,
  suggestAsYouType: false,
  suggestDelayMs: 700,
  suggestMaxChars: 240,
  suggestionAlternatives: 3,
  suggestionTemperature: 0.8,
  activeModel: null,
  aiProvenance: 'sidecar',
  aiProvenanceTint: true
}

const fieldValidators: { [K in keyof Settings]: Validator<Settings[K]> } = {
  theme: literal('system', 'light', 'dark'),
  editorFontSizePt: number({ min: 8, max: 32 }),
  inferenceProvider: literal('auto', 'cpu', 'webgpu', 'cuda'),
  autosaveSeconds: number({ min: 1, max: 600, integer: true }),
  suggestAsYouType: boolean(),
  suggestDelayMs: number({ min: 100, max: 10_000, integer: true }),
  suggestMaxChars: number({ min: 20, max: 2_000, integer: true }),
  suggestionAlternatives: number({ min: 1, max: 8, integer: true }),
  suggestionTemperature: number({ min: 0, max: 2 }),
  activeModel: nullable(string({ nonEmpty: true, max: 4096 })),
  aiProvenance: literal('sidecar', 'notes', 'off'),
  aiProvenanceTint: boolean()
}

/// Validates a patch strictly (a request from the UI): every field optional, none unknown.
export const validateSettingsPatch: Validator<SettingsPatch> = object({
  theme: optional(fieldValidators.theme),
  editorFontSizePt: optional(fieldValidators.editorFontSizePt),
  inferenceProvider: optional(fieldValidators.inferenceProvider),
  autosaveSeconds: optional(fieldValidators.autosaveSeconds),
  suggestAsYouType: optional(fieldValidators.suggestAsYouType),
  suggestDelayMs: optional(fieldValidators.suggestDelayMs),
  suggestMaxChars: optional(fieldValidators.suggestMaxChars),
  suggestionAlternatives: optional(fieldValidators.suggestionAlternatives),
  suggestionTemperature: optional(fieldValidators.suggestionTemperature),
  activeModel: optional(fieldValidators.activeModel),
  aiProvenance: optional(fieldValidators.aiProvenance),
  aiProvenanceTint: optional(fieldValidators.aiProvenanceTint)
}) as Validator<SettingsPatch>

/// Reads settings leniently (a file on disk): keeps each valid field, replaces each invalid one with
/// its default and reports which, so a single bad value does not reset everything.
export function settingsFromUnknown(raw: unknown): { settings: Settings; rejected: string[] } {
  const settings: Settings = { ...DEFAULT_SETTINGS }
  const rejected: string[] = []
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings, rejected: ['(whole file)'] }
  }
  const record = raw as Record<string, unknown>
  for (const key of Object.keys(fieldValidators) as (keyof Settings)[]) {
    if (!(key in record)) continue
    const checked = fieldValidators[key](record[key], key)
    if (checked.ok) (settings as unknown as Record<string, unknown>)[key] = checked.value
    else rejected.push(key)
  }
  return { settings, rejected }
}
