/// Questions the editor and the AI features ask of a parsed screenplay: its scenes, its cast, its
/// locations.

import type { CharacterCue, SceneHeading, Screenplay } from './elements'
import { lastStartingAtOrBefore } from './element-at'

/// One scene: a heading and everything up to the next heading.
export interface Scene {
  heading: SceneHeading
  /// Index of the heading in `screenplay.elements`.
  index: number
  /// 1-based position of the scene in the script.
  number: number
  /// The number written on the heading (`#12A#` → '12A'), if any.
  sceneNumber?: string
  /// Start of the heading.
  from: number
  /// Start of the next heading; for the last scene, the end of the last element.
  to: number
}

/// The parts of a scene heading: `INT. DINER - NIGHT` → prefix 'INT.', location 'DINER', time
/// 'NIGHT'.
export interface SceneHeadingParts {
  /// 'INT.', 'EXT', 'INT./EXT.', 'I/E', 'EST.' as written; '' for a forced heading without one.
  prefix: string
  location: string
  /// The part after the last ` - `, if any.
  time?: string
}

/// A location and how it is used across the script's headings.
export interface LocationUse {
  location: string
  /// Times of day used with it, in order of first use.
  times: string[]
  /// Number of headings naming it.
  count: number
}

const headingPrefix = /^(?:INT\.?\/EXT|EXT\.?\/INT|I\.?\/E|INT|EXT|EST)\.?/i
const timeSeparator = /\s+[-–—]\s+/g

/// All scenes in order.
export function scenesOf(screenplay: Screenplay): Scene[] {
  const { elements } = screenplay
  const scenes: Scene[] = []
  elements.forEach((element, index) => {
    if (element.type !== 'scene-heading') return
    const previous = scenes[scenes.length - 1]
    if (previous) previous.to = element.from
    scenes.push({
      heading: element,
      index,
      number: scenes.length + 1,
      ...(element.sceneNumber ? { sceneNumber: element.sceneNumber } : {}),
      from: element.from,
      to: elements[elements.length - 1].to
    })
  })
  return scenes
}

/// The scene holding `offset` (the last scene whose heading starts at or before it), or undefined
/// before the first heading.
export function sceneAt(screenplay: Screenplay, offset: number): Scene | undefined {
  const scenes = scenesOf(screenplay)
  let found: Scene | undefined
  for (const scene of scenes) {
    if (scene.from > offset) break
    found = scene
  }
  return found
}

/// Character names: those who spoke before `offset`, most recent first, then those who speak only
/// after it, in order of appearance. Names are compared without extensions.
export function castOf(screenplay: Screenplay, offset = Number.POSITIVE_INFINITY): string[] {
  const { elements } = screenplay
  const names: string[] = []
  const seen = new Set<string>()
  const add = (cue: CharacterCue): void => {
    if (cue.name && !seen.has(cue.name)) {
      seen.add(cue.name)
      names.push(cue.name)
    }
  }
  // Elements that start at the offset are the one being written, not a previous speaker.
  const last = lastStartingAtOrBefore(elements, offset - 1)
  for (let index = last; index >= 0; index--) {
    const element = elements[index]
    if (element.type === 'character' && element.to < offset) add(element)
  }
  for (let index = Math.max(0, last); index < elements.length; index++) {
    const element = elements[index]
    if (element.type === 'character') add(element)
  }
  return names
}

/// Splits a heading's text into prefix, location and time of day.
export function parseSceneHeading(text: string): SceneHeadingParts {
  const match = headingPrefix.exec(text)
  const prefix = match ? match[0] : ''
  const rest = text
    .slice(prefix.length)
    .trim()
    .replace(/^[-–—]\s*/, '')
  let last: RegExpExecArray | undefined
  for (const separator of rest.matchAll(timeSeparator)) last = separator as RegExpExecArray
  if (!last) return { prefix, location: rest }
  const time = rest.slice(last.index + last[0].length).trim()
  return { prefix, location: rest.slice(0, last.index).trim(), ...(time ? { time } : {}) }
}

/// Locations named in the headings, in order of first use.
export function locationsOf(screenplay: Screenplay): LocationUse[] {
  const uses = new Map<string, LocationUse>()
  for (const element of screenplay.elements) {
    if (element.type !== 'scene-heading') continue
    const { location, time } = parseSceneHeading(element.text)
    if (!location) continue
    const key = location.toUpperCase()
    let use = uses.get(key)
    if (!use) {
      use = { location, times: [], count: 0 }
      uses.set(key, use)
    }
    use.count++
    if (time && !use.times.includes(time)) use.times.push(time)
  }
  return [...uses.values()]
}
