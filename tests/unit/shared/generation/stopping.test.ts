import { describe, expect, it } from 'vitest'
import {
  aborted,
  boundaryStop,
  endOfElement,
  endOfScene,
  endOfSequence,
  findTextStop,
  heldBackLength,
  maxTokens,
  stopStrings
} from '../../../../src/shared/generation/stopping'

function cutWith(stop: (text: string) => number | null, text: string): string | null {
  const index = stop(text)
  return index === null ? null : text.slice(0, index)
}

describe('token rules', () => {
  it('max tokens, EOS and cancellation', () => {
    expect(maxTokens(3)([1, 2])).toBeNull()
    expect(maxTokens(3)([1, 2, 3])).toBe('length')
    expect(endOfSequence(0)([4, 0])).toBe('eos')
    expect(endOfSequence(0)([0, 4])).toBeNull()
    expect(endOfSequence(null)([0])).toBeNull()
    const controller = new AbortController()
    const cancelled = aborted(controller.signal)
    expect(cancelled([1])).toBeNull()
    controller.abort()
    expect(cancelled([1])).toBe('cancelled')
    expect(aborted(undefined)([])).toBeNull()
  })
})

describe('stop strings', () => {
  const stop = stopStrings(['END', '\n\n'])

  it('cuts before the earliest stop string', () => {
    expect(cutWith(stop, 'one\n\ntwo END')).toBe('one')
    expect(cutWith(stop, 'one END\n\n')).toBe('one ')
    expect(stop('no stop here')).toBeNull()
  })

  it('holds back a tail that may still become a stop string', () => {
    expect(stop.holdBack?.('the EN')).toBe(2)
    expect(stop.holdBack?.('the E')).toBe(1)
    expect(stop.holdBack?.('line\n')).toBe(1)
    expect(stop.holdBack?.('the ENx')).toBe(0)
  })
})

describe('endOfElement (Fountain)', () => {
  it('cuts at the first blank line after some text', () => {
    expect(cutWith(endOfElement, 'BRIDGET\nWhere were you?\n\nTOM\nOut.')).toBe(
      'BRIDGET\nWhere were you?'
    )
    expect(cutWith(endOfElement, 'Rain hammers the roof.  \n \nTom waits.')).toBe(
      'Rain hammers the roof.'
    )
    expect(cutWith(endOfElement, 'Windows line ends.\r\n\r\nNext.')).toBe('Windows line ends.')
  })

  it('lets leading blank lines pass and waits without a blank line', () => {
    expect(cutWith(endOfElement, '\n\nThe door opens.\n\nBRIDGET')).toBe('\n\nThe door opens.')
    expect(endOfElement('TOM\n(quietly)\nNot here.\n')).toBeNull()
    expect(endOfElement('\n\n')).toBeNull()
  })

  it('holds back trailing whitespace that could start the blank line', () => {
    expect(endOfElement.holdBack?.('Not here.\n')).toBe(1)
    expect(endOfElement.holdBack?.('Not here.')).toBe(0)
    expect(endOfElement.holdBack?.('\n')).toBe(0)
  })
})

describe('endOfScene (Fountain)', () => {
  it('cuts before a new scene heading, dropping the blank lines before it', () => {
    expect(cutWith(endOfScene, 'The lights go out.\n\nEXT. PIER - NIGHT\n\nRain.')).toBe(
      'The lights go out.'
    )
    expect(cutWith(endOfScene, 'Tom waits.\n\nint. bus - day')).toBe('Tom waits.')
    expect(cutWith(endOfScene, 'Tom waits.\n\nINT./EXT. CAR - MOVING')).toBe('Tom waits.')
    expect(cutWith(endOfScene, 'Tom waits.\n\nI/E TRAIN - DAWN')).toBe('Tom waits.')
    expect(cutWith(endOfScene, 'Tom waits.\n\nEST. HARBOUR')).toBe('Tom waits.')
    expect(cutWith(endOfScene, 'Tom waits.\n\n.FLASHBACK')).toBe('Tom waits.')
  })

  it('stops at every heading start the parser accepts', () => {
    for (const heading of [
      'EXT./INT. CAR',
      'EXT/INT CAR',
      'INT/EXT. CAR',
      'I./E. TRAIN',
      'INT\tHALL'
    ]) {
      expect(cutWith(endOfScene, `Tom waits.\n\n  ${heading} - DAY\n\nRain.`)).toBe('Tom waits.')
    }
    // As the parser reads it: the heading is no heading until its dot or space comes.
    expect(endOfScene('Tom waits.\n\nEXT/INT')).toBeNull()
  })

  it("keeps the scene's own heading and ignores look-alikes", () => {
    expect(cutWith(endOfScene, 'INT. HALL - DAY\n\nTom waits.\n\nEXT. YARD - DAY\n\nSnow.')).toBe(
      'INT. HALL - DAY\n\nTom waits.'
    )
    expect(endOfScene('Tom waits.\n\nINTERIOR decorators arrive.')).toBeNull()
    expect(endOfScene('Tom waits.\n\nEsther smiles.')).toBeNull()
    expect(endOfScene('BRIDGET\n...and then?')).toBeNull()
    expect(endOfScene('Tom says INT. twice.')).toBeNull()
  })

  it('holds back a line that may still become a heading, with the blank lines before it', () => {
    expect(endOfScene.holdBack?.('Tom waits.\n\nIN')).toBe(4)
    expect(endOfScene.holdBack?.('Tom waits.\n\n.')).toBe(3)
    expect(endOfScene.holdBack?.('Tom waits.\n\nTo')).toBe(0)
    expect(endOfScene.holdBack?.('Tom waits.\n')).toBe(1)
    expect(endOfScene.holdBack?.('INT')).toBe(0)
  })
})

describe('combining text stops', () => {
  it('takes the earliest cut and the longest hold-back', () => {
    const stops = [stopStrings(['waits']), endOfElement]
    expect(findTextStop(stops, 'Tom waits.\n\nMore.')).toBe(4)
    expect(findTextStop(stops, 'Tom sits.\n\nMore.')).toBe(9)
    expect(heldBackLength(stops, 'Tom wai')).toBe(3)
    expect(heldBackLength([(text: string) => (text ? null : 0)], 'abc')).toBe(0)
  })

  it('maps stopAt to a boundary stop', () => {
    expect(boundaryStop('element')).toBe(endOfElement)
    expect(boundaryStop('scene')).toBe(endOfScene)
    expect(boundaryStop('none')).toBeNull()
  })
})
