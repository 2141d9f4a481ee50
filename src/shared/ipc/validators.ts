/// Runtime validators for every invoke channel's request. The mapped type makes this list
/// exhaustive: adding a channel to InvokeContract without a validator does not compile.
import { validateSettingsPatch } from '../settings/settings'
import type { InvokeChannel, InvokeRequest } from './contract'
import { boolean, empty, object, optional, type Validator } from './validate'

export const invokeValidators: { [C in InvokeChannel]: Validator<InvokeRequest<C>> } = {
  'app:info': empty,
  'hosts:status': object({ ping: optional(boolean()) }),
  'settings:get': empty,
  'settings:update': object({ patch: validateSettingsPatch }) as Validator<
    InvokeRequest<'settings:update'>
  >
}

/// Invoke channels as a runtime list (the preload's allow-list and the registrar's loop).
export const invokeChannels = Object.keys(invokeValidators) as InvokeChannel[]

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(invokeValidators, value)
}
