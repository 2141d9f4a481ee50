/// Runtime validators for every invoke channel's request. The mapped type makes this list
/// exhaustive: adding a channel to InvokeContract without a validator does not compile.
import { validateSettingsPatch } from '../settings/settings'
import type { InvokeChannel, InvokeRequest } from './contract'
import {
  boolean,
  empty,
  literal,
  nullable,
  object,
  optional,
  string,
  type Validator
} from './validate'

const MAX_TEXT = 64 * 1024 * 1024
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
  'document:save': object({ path, text: string({ max: MAX_TEXT }) }),
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
    text: string({ max: MAX_TEXT })
  }) as Validator<InvokeRequest<'recovery:write'>>,
  'recovery:list': empty,
  'recovery:discard': object({ documentId })
}

/// Invoke channels as a runtime list (the preload's allow-list and the registrar's loop).
export const invokeChannels = Object.keys(invokeValidators) as InvokeChannel[]

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(invokeValidators, value)
}
