import { describe, expect, it } from 'vitest'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'
import {
  castOf,
  locationsOf,
  parseSceneHeading,
  sceneAt,
  scenesOf
} from '../../../../src/shared/fountain/screenplay-queries'

const source = [
  'Opening words.',
  '',
  'INT. DINER - NIGHT',
  '',
  'ANNA',
  'Hi.',
  '',
  'BEN (O.S.)',
  'Hello.',
  '',
  'EXT. DINER PARKING LOT - NIGHT #7#',
  '',
  'CARL',
  'Yo.',
  '',
  'ANNA',
  'Bye.',
  '',
  'INT. DINER - DAY',
  '',
  'DEB',
  'Morning.'
].join('\n')
const screenplay = parseFountain(source)

describe('scenesOf and sceneAt', () => {
  it('lists scenes with ordinal, written number and range', () => {
    const scenes = scenesOf(screenplay)
    expect(scenes.map((scene) => [scene.number, scene.sceneNumber, scene.heading.text])).toEqual([
      [1, undefined, 'INT. DINER - NIGHT'],
      [2, '7', 'EXT. DINER PARKING LOT - NIGHT'],
      [3, undefined, 'INT. DINER - DAY']
    ])
    expect(scenes[0].from).toBe(source.indexOf('INT. DINER - NIGHT'))
    expect(scenes[0].to).toBe(scenes[1].from)
    expect(scenes[2].to).toBe(source.length)
  })

  it('finds the scene around an offset', () => {
    expect(sceneAt(screenplay, 3)).toBeUndefined()
    expect(sceneAt(screenplay, source.indexOf('Hello.'))?.number).toBe(1)
    expect(sceneAt(screenplay, source.indexOf('Yo.'))?.number).toBe(2)
    expect(sceneAt(screenplay, source.length)?.number).toBe(3)
  })
})

describe('castOf', () => {
  it('orders speakers before the offset by recency, then later speakers', () => {
    expect(castOf(screenplay, source.indexOf('CARL'))).toEqual(['BEN', 'ANNA', 'CARL', 'DEB'])
    expect(castOf(screenplay, source.indexOf('INT. DINER - DAY'))).toEqual([
      'ANNA',
      'CARL',
      'BEN',
      'DEB'
    ])
    expect(castOf(screenplay)).toEqual(['DEB', 'ANNA', 'CARL', 'BEN'])
    expect(castOf(screenplay, 0)).toEqual(['ANNA', 'BEN', 'CARL', 'DEB'])
  })
})

describe('locations', () => {
  it('splits headings into prefix, location and time', () => {
    expect(parseSceneHeading('INT. DINER - NIGHT')).toEqual({
      prefix: 'INT.',
      location: 'DINER',
      time: 'NIGHT'
    })
    expect(parseSceneHeading('INT./EXT. CAR - MOVING - DAY')).toEqual({
      prefix: 'INT./EXT.',
      location: 'CAR - MOVING',
      time: 'DAY'
    })
    expect(parseSceneHeading('EXT - HOUSE - DAY')).toEqual({
      prefix: 'EXT',
      location: 'HOUSE',
      time: 'DAY'
    })
    expect(parseSceneHeading('I/E VAN')).toEqual({ prefix: 'I/E', location: 'VAN' })
    expect(parseSceneHeading('FLASHBACK')).toEqual({ prefix: '', location: 'FLASHBACK' })
  })

  it('lists locations in order of first use with their times', () => {
    expect(locationsOf(screenplay)).toEqual([
      { location: 'DINER', times: ['NIGHT', 'DAY'], count: 2 },
      { location: 'DINER PARKING LOT', times: ['NIGHT'], count: 1 }
    ])
  })
})
