/**
 * One item or package member cut out of a JSON document by the fast scanner
 * (fast-doc.ts): its text, gathered across chunks, and how to parse it so the
 * value is the one the exact streaming parser would have built.
 */
import {SpendInputError} from '../../../errors.js'
import type {Tokenizer} from '@streamparser/json'
import {errorPosition, exactParse, exactParser, short} from './exact.js'
import {ocdsMsg} from './messages.js'

/** Text kept for one unit before it is streamed into the exact parser instead (memory stays bounded). */
export const UNIT_TEXT_LIMIT = 32 << 20

/**
 * JSON.parse makes `__proto__` an own key where the streaming parser sets the
 * prototype; such text (or a key that could spell it with escapes) takes the exact parser.
 */
const PROTO_ESCAPED = /\\u00(?:5[fF]|7[024]|6[fF])/
const mayHaveProto = (text: string): boolean => text.includes('__proto__') || (text.includes('\\u00') && PROTO_ESCAPED.test(text))

export class Unit {
  /** Where the unit's text starts in the current chunk. */
  start: number
  /** Set when a number literal is not its own shortest double text (12.50, 1e3, 17 digits): parsed exactly. */
  exact = false
  private pieces: string[] = []
  private length = 0
  private stream: Tokenizer | null = null
  private streamed: unknown = undefined

  /**
   * `line`: newlines before the unit; `member`: a `"key": value` of the package (parsed inside braces);
   * `limit`: characters held before the text is streamed into the exact parser; `name`: the file, for errors.
   */
  constructor(start: number, readonly line: number, private readonly member: boolean, private readonly limit: number,
    private readonly name: string) {
    this.start = start
  }

  /** Append `s[from, to)`. */
  add(s: string, from: number, to: number): void {
    if (to <= from) return
    if (this.stream) return this.feed(s.slice(from, to))
    this.pieces.push(from === 0 && to === s.length ? s : s.slice(from, to))
    this.length += to - from
    if (this.length > this.limit && !this.member) {
      // Too big to hold twice (text and value): stream it, as the reader did before. (A package member other than
      // the lists is metadata, read whole: its key and, for a `releases` that is no array, its text are needed.)
      this.stream = exactParser(['$'], ({value}) => {
        this.streamed = value
      })
      for (const p of this.pieces.splice(0)) this.feed(p)
    }
    this.start = 0
  }

  /** The text so far plus `s[start, to)`, without keeping it. */
  peek(s: string, to: number): string {
    return this.pieces.join('') + s.slice(this.start, to)
  }

  text(): string {
    return this.stream ? '' : this.pieces.join('')
  }

  /** The unit's value; a member gives `{key: value}`. */
  parse(): unknown {
    if (this.stream) {
      try {
        this.stream.end()
      } catch (e) {
        throw new SpendInputError('BAD_JSON', ocdsMsg.badJson(this.line + 1, short(e)), {where: this.name})
      }
      return this.streamed
    }
    const text = this.pieces.join('')
    const src = this.member ? `{${text}}` : text
    if (!this.exact && !mayHaveProto(text)) {
      try {
        return JSON.parse(src)
      } catch {
        // The exact parser decides (and words the error as the reader always did).
      }
    }
    try {
      return exactParse(src)
    } catch (e) {
      const pos = errorPosition(e)
      const before = pos === null ? '' : Buffer.from(src).subarray(0, pos).toString()
      throw new SpendInputError('BAD_JSON', ocdsMsg.badJson(this.line + 1 + count(before, '\n'), short(e)), {where: this.name})
    }
  }

  private feed(s: string): void {
    try {
      this.stream!.write(s)
    } catch (e) {
      throw new SpendInputError('BAD_JSON', ocdsMsg.badJson(this.line + 1, short(e)), {where: this.name})
    }
  }
}

/**
 * The items the streaming reader took from a package member `releases` or
 * `records` that is not an array (an object's values, in order, repeats included).
 *
 * @example listMembers('"releases": {"a": {"ocid": "x"}}') // [['releases', {ocid: 'x'}]]
 */
export function listMembers(memberText: string): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = []
  const t = exactParser(['$.releases.*', '$.records.*'], ({value, stack}) => {
    out.push([String(stack[1]?.key), value])
  })
  t.write(`{${memberText}}`)
  t.end()
  return out
}

function count(s: string, ch: string): number {
  let n = 0
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++
  return n
}

/**
 * The JSON string at the start of `text`, decoded, and where it ends; null when there is none.
 *
 * @example stringAt('"releases" : [') // {value: 'releases', end: 10}
 */
export function stringAt(text: string): {value: string; end: number} | null {
  const m = /^"((?:[^"\\]|\\.)*)"/s.exec(text)
  if (!m) return null
  try {
    return {value: JSON.parse(m[0]) as string, end: m[0].length}
  } catch {
    return null
  }
}

/**
 * Skip the number literal at `s[i]`; mark `unit` exact unless JSON.parse would keep it as written
 * (its shortest double text is the literal). Returns where the literal ends.
 *
 * @example skipNumber('{"a":12.50}', 5, unit) // 10, and unit.exact is true
 */
export function skipNumber(s: string, i: number, unit: Unit | null): number {
  let j = i + 1
  for (; j < s.length; j++) {
    const d = s.charCodeAt(j)
    if (!((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45)) break
  }
  if (unit && !unit.exact) {
    // Cut by the chunk's end: we cannot tell, so the exact parser decides.
    if (j === s.length) unit.exact = true
    else if (!shortInteger(s, i, j)) {
      const lit = s.slice(i, j)
      if (String(Number(lit)) !== lit) unit.exact = true
    }
  }
  return j
}

/**
 * Digits only, no leading zero, at most 15 of them: a double writes it back as it was.
 *
 * @example shortInteger('x:1500,', 2, 6) // true
 */
export function shortInteger(s: string, i: number, j: number): boolean {
  if (j - i > 15 || s.charCodeAt(i) === 48) return j - i === 1
  for (let k = i; k < j; k++) {
    const d = s.charCodeAt(k)
    if (d < 48 || d > 57) return false
  }
  return true
}

const TOKENS: Record<string, string> = {'{': 'LEFT_BRACE', '}': 'RIGHT_BRACE', '[': 'LEFT_BRACKET', ']': 'RIGHT_BRACKET',
  ',': 'COMMA', ':': 'COLON'}

/**
 * Word an unexpected character at `s[i]` as the streaming parser did.
 *
 * @example unexpected('[1}', 2) // 'Unexpected RIGHT_BRACE ("}")'
 */
export function unexpected(s: string, i: number): string {
  const c = s[i]
  if (TOKENS[c]) return `Unexpected ${TOKENS[c]} (${JSON.stringify(c)})`
  const str = c === '"' ? stringAt(s.slice(i, i + 200)) : null
  return str ? `Unexpected STRING (${JSON.stringify(str.value)})` : `Unexpected ${JSON.stringify(c)}`
}
