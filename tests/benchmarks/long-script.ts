/// A long invented screenplay for the editor benchmark and end-to-end tests: numbered variations
/// of a few scenes written for Script Buddy's tests (no third-party text), with long speeches that
/// the paginator must split with (MORE)/(CONT'D).

const places = [
  'LIGHTHOUSE - LAMP ROOM',
  "KEEPER'S COTTAGE",
  'HARBOUR WALL',
  'TRAWLER - WHEELHOUSE'
]
const times = ['NIGHT', 'DAY', 'DAWN', 'CONTINUOUS']
const cast = ['ELSA', 'CAPTAIN BRANN', 'TOMAS', 'RADIO (V.O.)', 'HARBOURMASTER']

const actions = [
  'The great lens turns. Elsa wipes the glass with a rag that has seen better decades.',
  'A small trawler pitches in the swell. Its deck lamps are dark, and the crew shout over the wind as they haul the nets back aboard.',
  'Rain hammers the windows. Somewhere below, a door bangs open and shut, open and shut.',
  'Tomas climbs the spiral stairs two at a time, a thermos under his arm and a chart rolled in his fist.'
]

const lines = [
  'Then follow mine.',
  'We have lost our lights. Say again, we have lost our lights.',
  'Hard to port! Hold her there.',
  'You should have gone home an hour ago.',
  "I'm not leaving the lamp. Not tonight, not with the Marianne still out there."
]

const longSpeech =
  'My father kept this light for forty years. He used to say the sea keeps its own books, ' +
  'and sooner or later every debt is called in. He wrote down every ship that passed, every ' +
  'storm, every night the lamp failed and what it cost. I read those books the winter he died. ' +
  'Four nights the lamp went out in forty years. Four. I know every name on those pages. I am ' +
  'not adding a fifth, Tomas. Not while I can still climb those stairs and light a match. '

/// Scene `index` (0-based) of the long script.
export function longScriptScene(index: number): string {
  const number = index + 1
  const prefix = index % 3 === 2 ? 'EXT.' : 'INT.'
  const heading = `${prefix} ${places[index % places.length]} ${number} - ${times[index % times.length]}`
  const speaker = (offset: number): string => cast[(index + offset) % cast.length]
  const parts = [
    heading,
    actions[index % actions.length],
    `${speaker(0)}\n${lines[index % lines.length]}`,
    `${speaker(1)}\n(quietly)\n${lines[(index + 1) % lines.length]}`,
    actions[(index + 1) % actions.length],
    `${speaker(2)}\n${lines[(index + 2) % lines.length]} Scene ${number}.`
  ]
  // Every fourth scene has a speech long enough to run over a page break somewhere.
  if (index % 4 === 3) parts.push(`ELSA\n${longSpeech.repeat(3).trim()}`)
  if (index % 5 === 4) parts.push('CUT TO:')
  return parts.join('\n\n')
}

/// A script of `scenes` scenes with a title page (150 scenes lay out as about 120 pages).
export function longScript(scenes = 150): string {
  const title = 'Title: The Long Watch\nCredit: Written by\nAuthor: Script Buddy Tests\n'
  const body = Array.from({ length: scenes }, (_, index) => longScriptScene(index))
  return `${title}\n${body.join('\n\n')}\n`
}
