// Who a scene mentions before the cursor, and the names a cue being typed is steered to.
import { describe, expect, it } from 'vitest'
import {
  buildContinuationRequest,
  knownNames,
  nameChoicesFor
} from '../../../../src/shared/ai/context-builder'
import { sceneIntroductions, sceneMentions } from '../../../../src/shared/ai/scene-mentions'
import { parseFountain } from '../../../../src/shared/fountain/parse-fountain'

const earlier = [
  'INT. DOCK - DAY',
  '',
  'LIZ',
  'The boat is late.',
  '',
  'MINI',
  'It always is.',
  '',
  'MARTIN',
  'Not today.',
  ''
].join('\n')

const office = [
  'INT. OFFICE - MORNING',
  '',
  'He strides in. CLOSE ON the logo. A phone goes BANG! against the wall.',
  '',
  'His YOUNG SECRETARY, LOIS, waits with an envelope. THE FEMALE COP stands by the door.',
  '',
  'MARTIN',
  'Morning, Lois. Where is Mini?',
  ''
].join('\n')

const mentionsAt = (source: string, cast: string[]) => {
  const screenplay = parseFountain(source)
  const heading = screenplay.elements.findLastIndex((element) => element.type === 'scene-heading')
  return sceneMentions(screenplay, heading, source.length, cast)
}

describe('sceneMentions', () => {
  it("names the script's speakers the scene uses, nearest first, in any case and as whole words", () => {
    const mentions = mentionsAt(`${earlier}\n${office}`, ['MARTIN', 'MINI', 'LIZ', 'LOIS', 'MIN'])
    // MARTIN is a cue here, not a mention; LIZ is only named in an earlier scene; MIN is no word.
    expect(mentions.speakers).toEqual(['MINI', 'LOIS'])
  })

  it('orders speakers by their last use, and finds short names in long ones and names with punctuation', () => {
    const scene = [
      'INT. PIER - NIGHT',
      '',
      'Jimmy Pig\'s wife waves. O\'Brien and Dr. Ruiz-Vega follow "Ilia" down. Ana waits.',
      '',
      'MARTIN',
      'After you, Jimmy. Jimmy pig, I mean. Dr. Ruiz-vega? Anatole!',
      ''
    ].join('\n')
    const cast = [
      'JIMMY PIG',
      'JIMMY',
      "O'BRIEN",
      'DR. RUIZ-VEGA',
      '"ILIA"',
      'ANA',
      'ANATOLE',
      'PIG'
    ]
    expect(mentionsAt(`${earlier}\n${scene}`, cast).speakers).toEqual([
      'ANATOLE',
      'DR. RUIZ-VEGA',
      'PIG',
      // Both last used at "Jimmy pig": the cast's order decides.
      'JIMMY PIG',
      'JIMMY',
      'ANA',
      '"ILIA"',
      "O'BRIEN"
    ])
  })

  it('reads names its action introduces in capitals, not camera words, sounds or articles', () => {
    const mentions = mentionsAt(`${earlier}\n${office}`, ['MARTIN', 'MINI', 'LIZ'])
    // A name of several words may be cued by its last word; a describing first word is no cue.
    expect(mentions.introduced).toEqual([
      'FEMALE COP',
      'COP',
      'LOIS',
      'YOUNG SECRETARY',
      'SECRETARY'
    ])
  })

  it('reads the first and last words of a full name, and drops filler words around a name', () => {
    const scene = [
      'INT. HOTEL - DAY',
      '',
      'Diego and JACK STEVENS, a silver haired executive, wait. CLOSE ON STRICKLAND POV.',
      '',
      "At the desk sits SAM'S MOTHER.",
      ''
    ].join('\n')
    expect(mentionsAt(scene, ['DIEGO', 'SAM']).introduced).toEqual([
      "SAM'S MOTHER",
      'MOTHER',
      'STRICKLAND',
      'JACK STEVENS',
      'STEVENS',
      'JACK'
    ])
  })

  it('reads a title as part of a name, and neither actions nor places and things as names', () => {
    const scene = [
      'INT. BRIDGE - NIGHT',
      '',
      'CAPTAIN GALGENSTEIN strides in. The deck goes on QUIVERING, then STILL MOVING.',
      '',
      "He runs ACROSS to BIG DAVE'S OFFICE. The DOOR slams.",
      ''
    ].join('\n')
    expect(mentionsAt(scene, []).introduced).toEqual(['CAPTAIN GALGENSTEIN', 'GALGENSTEIN'])
  })

  it('gives the introductions alone, as sceneMentions does, for the completion list', () => {
    const source = `${earlier}\n${office}`
    const screenplay = parseFountain(source)
    const heading = screenplay.elements.findLastIndex((element) => element.type === 'scene-heading')
    const introduced = sceneIntroductions(screenplay, heading, source.length, ['MINI'])
    expect(introduced).toEqual(
      sceneMentions(screenplay, heading, source.length, ['MINI']).introduced
    )
    expect(introduced.length).toBeGreaterThan(0)
  })

  it('reads capitalised words in mid-sentence as names, not those that open a sentence', () => {
    const scene = [
      "INT. EDITOR'S OFFICE - DAY",
      '',
      "Alex sits nervously while the Editor's phone rings. On Monday he quits.",
      '',
      'ALEX',
      'Is this about Rada, or about God?',
      ''
    ].join('\n')
    const mentions = mentionsAt(scene, ['ALEX'])
    // Monday and God are no one; Alex speaks in the script, so is a speaker the scene names.
    expect(mentions.named).toEqual(['RADA', 'EDITOR'])
    expect(mentions.speakers).toEqual(['ALEX'])
  })

  it('stops at the cursor', () => {
    const source = `${earlier}\n${office}`
    const cursor = source.indexOf('LOIS, waits')
    const screenplay = parseFountain(source)
    const heading = screenplay.elements.findLastIndex((element) => element.type === 'scene-heading')
    expect(sceneMentions(screenplay, heading, cursor, ['MINI']).introduced).toEqual([
      'YOUNG SECRETARY',
      'SECRETARY'
    ])
  })
})

describe('nameChoicesFor: where a cue being typed is steered', () => {
  const cueAt = (source: string) =>
    buildContinuationRequest(source, source.length, {
      maxPromptChars: 6000,
      mode: 'continue-element'
    })

  it("prefers the scene's speakers", () => {
    const request = cueAt(`${earlier}\n${office}\nM`)
    expect(nameChoicesFor(request)).toEqual({ typed: 'M', names: ['MARTIN'] })
  })

  it("then the script's speakers the scene names", () => {
    // MINI and MARTIN both spoke in the script; only Mini is named in this scene before MARTIN.
    const scene = office.replace('MARTIN\nMorning, Lois. Where is Mini?', 'LIZ\nWhere is Mini?')
    const request = cueAt(`${earlier}\n${scene}\nM`)
    expect(nameChoicesFor(request)).toEqual({ typed: 'M', names: ['MINI'] })
  })

  it('then names the action introduces in capitals', () => {
    const scene = office.replace(
      'MARTIN\nMorning, Lois. Where is Mini?',
      'MINI\nWhere are the keys?'
    )
    const request = cueAt(`${earlier}\n${scene}\nL`)
    // LIZ spoke in the script, but LOIS was just introduced: she is who enters the talk.
    expect(nameChoicesFor(request)).toEqual({ typed: 'L', names: ['LOIS'] })
    // The output normaliser keeps LOIS as written instead of snapping it to LIZ.
    expect(knownNames(request)).toContain('LOIS')
  })

  it("then names the scene uses in passing, beside the script's nearest speaker who fits", () => {
    const scene = [
      'INT. OFFICE - DAY',
      '',
      'Alex waits while the Editor and Mr Mason read.',
      ''
    ].join('\n')
    // Mid-sentence capitals are sometimes places or things, so the model's odds choose.
    const request = cueAt(`${earlier}\n${scene}\nM`)
    expect(nameChoicesFor(request)).toEqual({ typed: 'M', names: ['MR MASON', 'MARTIN'] })
    const editor = cueAt(`${earlier}\n${scene}\nE`)
    expect(nameChoicesFor(editor)).toEqual({ typed: 'E', names: ['EDITOR'] })
    expect(knownNames(editor)).toContain('EDITOR')
  })

  it('asks nothing of a long capitals line that is action, not a cue being typed', () => {
    const line =
      'DR. THOMAS BECKER (overworked, dogmatic), DR. BETH LORENSON (30s, perceptive) and their ' +
      'STAFF are convened at a routine hospital meeting. These doctors deal in the currency of ' +
      'madness every day and wear'
    const request = cueAt(`${earlier}\n${office}\n${line}`)
    expect(request.expect).toBe('action')
    expect(nameChoicesFor(request)).toBeNull()
  })

  it('steers no name for a capitals line longer than any name', () => {
    const shout = 'THE WHOLE CREW RUNS FOR THE BOATS AS THE WATER RISES '.repeat(3)
    const request = cueAt(`${earlier}\n${office}\n${shout}`)
    expect(request.expect).toBe('character-name')
    expect(nameChoicesFor(request)).toBeNull()
  })

  it('leaves a letter that fits nobody to the model', () => {
    const request = cueAt(`${earlier}\n${office}\nZ`)
    const choices = nameChoicesFor(request)
    expect(choices?.names.some((name) => name.startsWith('Z'))).toBe(false)
  })
})
