// The line rules a generated line is held against: could it still become a scene heading, and
// does it open one.
import { describe, expect, it } from 'vitest'
import {
  couldStartSceneHeading,
  opensSceneHeading
} from '../../../../src/shared/fountain/line-patterns'

describe('couldStartSceneHeading', () => {
  it('holds every start of a heading prefix, in any case, after spaces', () => {
    for (const start of [
      '',
      '.',
      'I',
      'in',
      'INT',
      'INT.',
      'INT./E',
      '  ext/',
      'EXT./IN',
      'I./',
      'es'
    ]) {
      expect(couldStartSceneHeading(start), start).toBe(true)
    }
  })

  it('lets go of a line that has gone another way', () => {
    for (const start of ['INTO', 'Elsa', 'EXTRA', 'I ', '..', 'E.']) {
      expect(couldStartSceneHeading(start), start).toBe(false)
    }
  })
})

describe('opensSceneHeading', () => {
  it('reads a heading prefix before a dot or space, or one forcing dot before a letter', () => {
    expect(opensSceneHeading('INT. LAMP ROOM - NIGHT')).toBe(true)
    expect(opensSceneHeading('ext/int car')).toBe(true)
    expect(opensSceneHeading('.BEDROOM')).toBe(true)
    expect(opensSceneHeading('INTO the dark')).toBe(false)
    expect(opensSceneHeading('...and then')).toBe(false)
    expect(opensSceneHeading('."')).toBe(false)
  })
})
