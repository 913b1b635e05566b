/**
 * Nesting depth of JSON text, bounded. OCDS is shallow (the real files here
 * nest at most 10 deep); a document nested millions deep is not OCDS, and
 * building it would take gigabytes (V8 spends about 100 bytes a level) or
 * overflow the stack of any recursive walk. Past MAX_JSON_DEPTH a reader stops
 * building values and only counts, so the error can say how deep it went.
 */
import {TokenType} from '@streamparser/json'
import {RawNumber} from './values.js'

/** Deepest nesting a JSON reader builds: far past any OCDS document, far below what costs memory. */
export const MAX_JSON_DEPTH = 10_000

const {LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET, COMMA, STRING} = TokenType

/** First top-level keys of a root object kept for messages. */
const KEYS_KEPT = 8
/** Distinct top-level keys counted at most (the rest are "more"). */
const KEYS_COUNTED = 1000

/**
 * Watches the tokens of a streaming parse: depth (and, once past the limit,
 * the deepest level reached) and the first keys of a root object. `token`
 * says whether the parser may still build values.
 *
 * @example const g = new DepthGuard(); g.token(TokenType.LEFT_BRACKET, '[') // true
 */
export class DepthGuard {
  depth = 0
  /** Deepest level seen; only counted once past the limit (0 until then). */
  deepest = 0
  /** Distinct top-level keys of a root object, in order (the first KEYS_COUNTED). */
  readonly keys: string[] = []
  private readonly seen = new Set<string>()
  private rootIsObject = false
  private expectKey = false

  constructor(private readonly max = MAX_JSON_DEPTH) {}

  /** Past the limit: values are no longer built. */
  get over(): boolean {
    return this.deepest > 0
  }

  token(t: TokenType, value: unknown): boolean {
    if (t === LEFT_BRACE || t === LEFT_BRACKET) {
      if (++this.depth > this.max && this.depth > this.deepest) this.deepest = this.depth
      if (this.depth === 1) this.rootIsObject = t === LEFT_BRACE
      this.expectKey = this.depth === 1 && this.rootIsObject
    } else if (t === RIGHT_BRACE || t === RIGHT_BRACKET) {
      this.depth--
      this.expectKey = false
    } else if (this.depth === 1) {
      if (this.expectKey && t === STRING) this.key(value as string)
      this.expectKey = this.rootIsObject && t === COMMA
    }
    return this.deepest === 0
  }

  /** The first keys kept for a message, and how many more there are. */
  shownKeys(): {keys: string[]; more: number} {
    return {keys: this.keys.slice(0, KEYS_KEPT), more: Math.max(0, this.keys.length - KEYS_KEPT)}
  }

  private key(k: string): void {
    if (this.keys.length >= KEYS_COUNTED || this.seen.has(k)) return
    this.seen.add(k)
    this.keys.push(k)
  }
}

/**
 * The first keys of an object for a message, and how many more there are.
 *
 * @example keysShown({a: 1, b: 2}) // {keys: ['a', 'b'], more: 0}
 */
export function keysShown(o: Record<string, unknown>): {keys: string[]; more: number} {
  const keys = Object.keys(o)
  return {keys: keys.slice(0, KEYS_KEPT), more: Math.max(0, keys.length - KEYS_KEPT)}
}

/** Thrown by an exact parse whose text is nested deeper than MAX_JSON_DEPTH; `depth` is the deepest level. */
export class JsonTooDeep extends Error {
  constructor(readonly depth: number) {
    super(`nested ${depth} deep`)
  }
}

const QUOTE = 34

/**
 * Walks JSON text chunk by chunk counting brackets and braces outside strings,
 * for the deepest level; builds nothing. Starts at `depth`, outside a string.
 *
 * @example new DepthCounter(0).feed('{"a": [1, "]]"]}', 0).deepest // 2
 */
export class DepthCounter {
  deepest: number
  private inString = false
  private escapeNext = false

  constructor(private depth: number) {
    this.deepest = depth
  }

  feed(s: string, from: number): this {
    const n = s.length
    let i = from
    // Next quote and backslash at or after i (-2: not looked for yet, -1: none left in this chunk).
    let q = -2
    let b = -2
    while (i < n) {
      if (this.inString) {
        if (this.escapeNext) {
          this.escapeNext = false
          i++
          continue
        }
        if (q !== -1 && q < i) q = s.indexOf('"', i)
        if (b !== -1 && b < i) b = s.indexOf('\\', i)
        if (b !== -1 && (q === -1 || b < q)) {
          if (b + 1 === n) this.escapeNext = true
          i = b + 2
          continue
        }
        if (q === -1) return this
        this.inString = false
        i = q + 1
        continue
      }
      const c = s.charCodeAt(i++)
      if (c === QUOTE) this.inString = true
      else if (c === 91 || c === 123) {
        if (++this.depth > this.deepest) this.deepest = this.depth
      } else if (c === 93 || c === 125) this.depth--
    }
    return this
  }
}

/**
 * Deepest nesting of JSON text, without parsing it: for JSON Lines lines long
 * enough that building a deep one would cost.
 *
 * @example textDepth('{"a": [1, "]]"]}') // 2
 */
export function textDepth(s: string): number {
  return new DepthCounter(0).feed(s, 0).deepest
}

/**
 * Deepest nesting of a parsed value (1 for `[]` or `{}`, 0 for a scalar, a
 * RawNumber included), walked without recursion so no depth overflows the stack.
 *
 * @example valueDepth([[1], [[2]]]) // 3
 */
export function valueDepth(v: unknown): number {
  if (v === null || typeof v !== 'object' || v instanceof RawNumber) return 0
  let deepest = 0
  const stack: Array<[unknown, number]> = [[v, 1]]
  while (stack.length) {
    const [x, d] = stack.pop()!
    if (d > deepest) deepest = d
    for (const child of Array.isArray(x) ? x : Object.values(x as object)) {
      if (child !== null && typeof child === 'object' && !(child instanceof RawNumber)) stack.push([child, d + 1])
    }
  }
  return deepest
}
