/// Runtime validators for every invoke channel's request. The mapped type makes this list
/// exhaustive: adding a channel to InvokeContract without a validator does not compile.
import { validateSettingsPatch } from '../settings/settings'
import type { InvokeChannel, InvokeRequest } from './contract'
import {
  array,
  boolean,
  empty,
  literal,
  nullable,
  number,
  object,
  optional,
  string,
  type Validator
} from './validate'

const MAX_TEXT = 64 * 1024 * 1024
// An AI-text record: a few dozen bytes per accepted suggestion.
const MAX_PROVENANCE = 8 * 1024 * 1024
const path = string({ nonEmpty: true, max: 4096 })
const documentId = string({ nonEmpty: true, max: 64 })

export const invokeValidators: { [C in InvokeChannel]: Validator<InvokeRequest<C>> } = {
  'app:info': empty,
  'hosts:status': object({ ping: optional(boolean()) }),
  'settings:get': empty,
  'settings:update': object({ patch: validateSettingsPatch }) as Validator<
    InvokeRequest<'settings:update'>
  >,
  'document:open': object({ path }),
  // base64 of at most ~70 MB: the importer refuses files over 50 MB with a clear message.
  'document:import': object({
    name: string({ nonEmpty: true, max: 1024 }),
    base64: string({ max: 96 * 1024 * 1024 })
  }),
  'document:save': object({
    path,
    text: string({ max: MAX_TEXT }),
    provenance: optional(nullable(string({ max: MAX_PROVENANCE })))
  }) as Validator<InvokeRequest<'document:save'>>,
  'document:export': object({
    path,
    text: string({ max: MAX_TEXT }),
    format: literal('fdx', 'pdf')
  }),
  'document:recent': empty,
  'dialog:open': empty,
  'dialog:save': object({
    suggestedName: string({ max: 1024 }),
    format: literal('fountain', 'fdx', 'pdf')
  }),
  'recovery:write': object({
    documentId,
    path: nullable(path),
    name: string({ max: 1024 }),
    text: string({ max: MAX_TEXT }),
    provenance: optional(string({ max: MAX_PROVENANCE }))
  }) as Validator<InvokeRequest<'recovery:write'>>,
  'recovery:list': empty,
  'recovery:discard': object({ documentId }),
  'generation:start': object({
    requestId: string({ nonEmpty: true, max: 64 }),
    prompt: string({ max: 1024 * 1024 }),
    // Field by field checks (with the way out) happen in resolveGenerationConfig.
    config: optional(
      object({
        maxNewTokens: optional(number({ min: 1, max: 4096, integer: true })),
        temperature: optional(number({ min: 0, max: 10 })),
        topK: optional(number({ min: 0, integer: true })),
        topP: optional(number({ min: 0, max: 1 })),
        repetitionPenalty: optional(number({ min: 0, max: 10 })),
        noRepeatNgramSize: optional(number({ min: 0, max: 64, integer: true })),
        seed: optional(nullable(number({ min: 0, integer: true }))),
        alternatives: optional(number({ min: 1, max: 16, integer: true })),
        stopStrings: optional(array(string({ nonEmpty: true, max: 200 }), { max: 16 })),
        stopAt: optional(literal('none', 'element', 'scene')),
        continuesScene: optional(boolean()),
        nameChoices: optional(
          nullable(
            object({
              typed: string({ max: 200 }),
              names: array(string({ max: 100 }), { max: 500 })
            })
          )
        )
      })
    )
  }) as Validator<InvokeRequest<'generation:start'>>,
  'generation:cancel': object({ requestId: string({ nonEmpty: true, max: 64 }) }),
  'generation:writer-typing': empty,
  'training:start': object({
    runName: string({ nonEmpty: true, max: 64 }),
    scripts: array(path, { max: 10_000 }),
    steps: number({ min: 1, max: 1_000_000, integer: true }),
    learningRate: number({ min: 1e-7, max: 1e-2 }),
    batchSize: number({ min: 1, max: 64, integer: true }),
    contextLength: number({ min: 16, max: 4096, integer: true }),
    resume: optional(boolean()),
    evaluationInterval: optional(number({ min: 1, max: 1_000_000, integer: true })),
    checkpointInterval: optional(number({ min: 1, max: 1_000_000, integer: true })),
    sampleInterval: optional(number({ min: 0, max: 1_000_000, integer: true })),
    earlyStoppingPatience: optional(number({ min: 0, max: 1_000, integer: true })),
    genres: optional(array(string({ nonEmpty: true, max: 64 }), { max: 64 }))
  }) as Validator<InvokeRequest<'training:start'>>,
  'training:stop': object({ runName: string({ nonEmpty: true, max: 64 }) }),
  'models:activate': object({ folder: nullable(path) }),
  'training:preview': object({
    scripts: array(path, { max: 10_000 }),
    genres: optional(array(string({ nonEmpty: true, max: 64 }), { max: 64 })),
    contextLength: optional(number({ min: 16, max: 4096, integer: true }))
  }) as Validator<InvokeRequest<'training:preview'>>,
  'models:list': empty,
  // Repo ids and revisions are checked with a message in training/hub/hub-repo.ts.
  'models:download': object({
    repo: string({ nonEmpty: true, max: 200 }),
    revision: optional(string({ nonEmpty: true, max: 200 }))
  }) as Validator<InvokeRequest<'models:download'>>,
  'models:cancel-download': object({
    repo: string({ nonEmpty: true, max: 200 }),
    revision: optional(string({ nonEmpty: true, max: 200 }))
  }) as Validator<InvokeRequest<'models:cancel-download'>>,
  'models:add-folder': object({ path }),
  'models:remove': object({ id: path })
}

/// Invoke channels as a runtime list (the preload's allow-list and the registrar's loop).
export const invokeChannels = Object.keys(invokeValidators) as InvokeChannel[]

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(invokeValidators, value)
}
