/// A small XML reader and writer for Final Draft files: elements, attributes, text, CDATA,
/// comments and entities. No DTDs, namespaces or DOM; errors come back as data with a position.
import { err, errorFromException, ok, type Result } from '../result'

export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlNode[]
  /// Offsets of the start tag's `<` and just past the end tag.
  from: number
  to: number
}

export type XmlNode = XmlElement | string

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function position(text: string, offset: number): string {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `line ${line}, column ${column}`
}

class XmlError extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

function decodeEntities(text: string, offset: number): string {
  if (!text.includes('&')) return text
  return text.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new XmlError('an "&" that does not start an entity', offset)
    if (name.startsWith('#x') || name.startsWith('#X')) {
      const code = Number.parseInt(name.slice(2), 16)
      if (Number.isFinite(code)) return String.fromCodePoint(code)
    } else if (name.startsWith('#')) {
      const code = Number.parseInt(name.slice(1), 10)
      if (Number.isFinite(code)) return String.fromCodePoint(code)
    } else if (name in namedEntities) return namedEntities[name]
    throw new XmlError(`the unknown entity "&${name};"`, offset)
  })
}

const nameChars = /[A-Za-z0-9_:.-]/

/// Parses an XML document into its root element.
export function parseXml(text: string): Result<XmlElement> {
  try {
    return ok(parseDocument(text.replace(/^\uFEFF/, '')))
  } catch (error) {
    if (error instanceof XmlError) {
      return err(
        'bad-input',
        `This file is not well-formed XML: ${error.message} at ${position(text, error.offset)}. ` +
          'Open it in the program that wrote it and save it again, or pick another file.'
      )
    }
    return {
      ok: false,
      error: errorFromException(error, 'bad-input', 'The file could not be read as XML.')
    }
  }
}

function parseDocument(text: string): XmlElement {
  let index = 0
  const stack: XmlElement[] = []
  let root: XmlElement | null = null
  const expect = (found: number, what: string, at: number): number => {
    if (found < 0) throw new XmlError(`an unterminated ${what}`, at)
    return found
  }
  while (index < text.length) {
    const lt = text.indexOf('<', index)
    const textEnd = lt < 0 ? text.length : lt
    if (textEnd > index) {
      const chunk = text.slice(index, textEnd)
      const parent = stack[stack.length - 1]
      if (parent) parent.children.push(decodeEntities(chunk, index))
      else if (chunk.trim() !== '') throw new XmlError('text outside the root element', index)
    }
    if (lt < 0) break
    if (text.startsWith('<!--', lt)) {
      index = expect(text.indexOf('-->', lt + 4), 'comment', lt) + 3
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = expect(text.indexOf(']]>', lt + 9), 'CDATA section', lt)
      const parent = stack[stack.length - 1]
      if (!parent) throw new XmlError('CDATA outside the root element', lt)
      parent.children.push(text.slice(lt + 9, end))
      index = end + 3
    } else if (text.startsWith('<?', lt)) {
      index = expect(text.indexOf('?>', lt + 2), 'processing instruction', lt) + 2
    } else if (text.startsWith('<!', lt)) {
      index = expect(text.indexOf('>', lt + 2), 'declaration', lt) + 1
    } else if (text[lt + 1] === '/') {
      const end = expect(text.indexOf('>', lt), 'end tag', lt)
      const name = text.slice(lt + 2, end).trim()
      const open = stack.pop()
      if (!open) throw new XmlError(`the end tag </${name}> without a start tag`, lt)
      if (open.name !== name) {
        throw new XmlError(`the end tag </${name}> where </${open.name}> was expected`, lt)
      }
      open.to = end + 1
      index = end + 1
    } else {
      const element = readStartTag(text, lt)
      const parent = stack[stack.length - 1]
      if (parent) parent.children.push(element.element)
      else if (root) throw new XmlError('a second root element', lt)
      else root = element.element
      if (!element.selfClosing) stack.push(element.element)
      index = element.end
    }
  }
  if (stack.length > 0) {
    throw new XmlError(`the element <${stack[stack.length - 1].name}> is never closed`, text.length)
  }
  if (!root) throw new XmlError('no root element', 0)
  return root
}

function readStartTag(
  text: string,
  lt: number
): { element: XmlElement; selfClosing: boolean; end: number } {
  let index = lt + 1
  let name = ''
  while (index < text.length && nameChars.test(text[index])) name += text[index++]
  if (name === '') throw new XmlError('a "<" that does not start a tag', lt)
  const attributes: Record<string, string> = {}
  for (;;) {
    while (/\s/.test(text[index] ?? '')) index += 1
    if (index >= text.length) throw new XmlError(`the unterminated tag <${name}`, lt)
    if (text.startsWith('/>', index)) {
      return {
        element: { name, attributes, children: [], from: lt, to: index + 2 },
        selfClosing: true,
        end: index + 2
      }
    }
    if (text[index] === '>') {
      return {
        element: { name, attributes, children: [], from: lt, to: index + 1 },
        selfClosing: false,
        end: index + 1
      }
    }
    let key = ''
    while (index < text.length && nameChars.test(text[index])) key += text[index++]
    if (key === '') throw new XmlError(`an unexpected "${text[index]}" in the tag <${name}>`, index)
    while (/\s/.test(text[index] ?? '')) index += 1
    if (text[index] !== '=') throw new XmlError(`the attribute ${key} without a value`, index)
    index += 1
    while (/\s/.test(text[index] ?? '')) index += 1
    const quote = text[index]
    if (quote !== '"' && quote !== "'") throw new XmlError(`the unquoted value of ${key}`, index)
    const close = text.indexOf(quote, index + 1)
    if (close < 0) throw new XmlError(`the unterminated value of ${key}`, index)
    attributes[key] = decodeEntities(text.slice(index + 1, close), index)
    index = close + 1
  }
}

/// Child elements with a given name.
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement =>
      typeof child !== 'string' && (name === undefined || child.name === name)
  )
}

/// Escapes text content.
export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/// Escapes an attribute value for double quotes.
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;')
}
