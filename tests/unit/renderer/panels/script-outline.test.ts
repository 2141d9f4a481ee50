import { describe, expect, it } from 'vitest'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'
import { paginate } from '../../../../src/shared/pagination/paginate'
import { sceneLengths } from '../../../../src/shared/pagination/timing'
import {
  castCounts,
  outlineScenes,
  sceneIndexAt
} from '../../../../src/renderer/src/panels/script-outline'

const script = `Title: Outline Test

Cold open, before any heading.

INT. GALLEY - NIGHT

Mara stirs a pot.

MARA
It needs salt.
It always needs salt.

JONAH (O.S.)
(from the deck)
Storm's coming!

.FLASHBACK #7A#

MARA
Not again.

EXT. DECK - CONTINUOUS

JONAH
Tie it down!

MARA (V.O.)
He never listens.

PETE
`

describe('outlineScenes', () => {
  const screenplay = parseFountain(script)

  it('numbers the headings, prints them in capitals and keeps written scene numbers', () => {
    const scenes = outlineScenes(screenplay)
    expect(scenes.map((scene) => [scene.number, scene.label, scene.heading])).toEqual([
      [1, '1', 'INT. GALLEY - NIGHT'],
      [2, '7A', 'FLASHBACK'],
      [3, '3', 'EXT. DECK - CONTINUOUS']
    ])
    expect(script.slice(scenes[0].from, scenes[0].from + 9)).toBe('INT. GALL')
    expect(scenes[0].to).toBe(scenes[1].from)
    // No lengths until the pagination is there.
    expect(scenes.every((scene) => scene.eighths === null && scene.length === '')).toBe(true)
  })

  it('adds each scene its length in eighths from the pagination', () => {
    const scenes = outlineScenes(screenplay, sceneLengths(paginate(screenplay)))
    for (const scene of scenes) {
      expect(scene.eighths).toBeGreaterThanOrEqual(1)
      expect(scene.length).toMatch(/^\d\/8$/)
    }
    // A longer scene never gets fewer eighths.
    const long = parseFountain(`${script}\n\nINT. HOLD - DAY\n\n${'Crates shift. '.repeat(200)}\n`)
    const longScenes = outlineScenes(long, sceneLengths(paginate(long)))
    expect(longScenes[3].eighths).toBeGreaterThan(longScenes[2].eighths!)
    expect(longScenes[3].length).toMatch(/^\d/)
  })
})

describe('castCounts', () => {
  it('counts speeches and lines per name, extensions ignored, most speeches first', () => {
    expect(castCounts(parseFountain(script))).toEqual([
      { name: 'MARA', blocks: 3, lines: 4 },
      { name: 'JONAH', blocks: 2, lines: 3 }
    ])
  })

  it('does not count a cue with nothing under it yet', () => {
    const cast = castCounts(parseFountain(script))
    expect(cast.some((member) => member.name === 'PETE')).toBe(false)
  })
})

describe('sceneIndexAt', () => {
  const scenes = outlineScenes(parseFountain(script))

  it('finds the scene holding an offset, -1 before the first heading', () => {
    expect(sceneIndexAt(scenes, 0)).toBe(-1)
    expect(sceneIndexAt(scenes, scenes[0].from - 1)).toBe(-1)
    expect(sceneIndexAt(scenes, scenes[0].from)).toBe(0)
    expect(sceneIndexAt(scenes, scenes[1].from - 1)).toBe(0)
    expect(sceneIndexAt(scenes, scenes[1].from)).toBe(1)
    expect(sceneIndexAt(scenes, script.length)).toBe(2)
    expect(sceneIndexAt([], 10)).toBe(-1)
  })
})
