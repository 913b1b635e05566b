/**
 * The fast path for one JSON document (release or record package, top-level
 * array): a small state machine walks the text, tracking strings, escapes and
 * bracket depth, cuts the exact text of each `releases[]` / `records[]` item
 * and parses it with JSON.parse (units.ts), about five times faster than the
 * streaming tokenizer. Everything outside the lists (package metadata) is cut
 * member by member and parsed the same way, so the result is what the streaming
 * reader built (json-stream.ts), item for item.
 *
 * Until the first list starts nothing is committed: anything unusual before it
 * (a bare release or record, `releases` that is not an array, broken JSON) makes
 * `write` return false, and the caller replays the text into the streaming reader.
 */
import {SpendInputError} from '../../../errors.js'
import {DepthCounter, MAX_JSON_DEPTH} from './depth.js'
import type {TopItem} from './json-stream.js'
import {ocdsMsg} from './messages.js'
import {notOcdsDeepError} from './not-ocds.js'
import {PackageRoot} from './package-root.js'
import {listMembers, skipNumber, stringAt, unexpected, Unit, UNIT_TEXT_LIMIT} from './units.js'

const QUOTE = 34
const NL = 10
const COMMA = 44
const COLON = 58
const LBRACKET = 91
const RBRACKET = 93
const LBRACE = 123
const RBRACE = 125
const MINUS = 45

/** Top-level fields of releases and records: one of them before any list means a bare release or record. */
const RELEASE_KEYS = new Set(['ocid', 'id', 'date', 'tag', 'initiationType', 'parties', 'buyer', 'planning', 'tender', 'awards',
  'contracts', 'language', 'relatedProcesses', 'compiledRelease', 'versionedRelease'])

/** Thrown inside the scanner when it must give up before committing. */
class GiveUp extends Error {}

/**
 * Feed it the document's text chunk by chunk; it calls `onItem` as the streaming reader did.
 *
 * @example
 * const scanner = new DocScanner('p.json', onItem)
 * for (const chunk of chunks) if (!scanner.write(chunk)) return replay() // not a package: stream it
 * if (!scanner.finish()) return replay()
 */
export class DocScanner {
  /** True once an item was handed on: from then on there is no going back. */
  committed = false
  /** Characters seen so far (bounds what a caller keeps for a replay). */
  seen = 0
  private root = 0
  private depth = 0
  private closed = false
  /** Depth of the items of the list being read (1: the top-level array, 2: a member's list), 0 when none. */
  private listDepth = 0
  private listKey = ''
  /** In a list: an item must come next (after a comma) or may (after `[`). */
  private needItem = false
  private mayClose = false
  /** In the root object, outside a list: the member being read has had its colon / its value started. */
  private colon = false
  private valueStarted = false
  private afterList = false
  private unit: Unit | null = null
  private inString = false
  private escapeNext = false
  private lines = 0
  /** Set once past MAX_JSON_DEPTH: from there on the scanner only counts depth. */
  private counter: DepthCounter | null = null
  private readonly pkg: PackageRoot

  /** `unitLimit`: characters of one item held as text; a longer one is streamed into the exact parser. */
  constructor(private readonly name: string, onItem: (item: TopItem) => void, private readonly unitLimit = UNIT_TEXT_LIMIT) {
    this.pkg = new PackageRoot(name, onItem)
  }

  /** Scan one chunk; false: give up (only ever before anything was committed). */
  write(s: string): boolean {
    if (this.seen === 0) s = s.replace(/^\uFEFF/, '')
    this.seen += s.length
    try {
      this.scan(s)
    } catch (e) {
      if (e instanceof GiveUp) return false
      throw e
    }
    if (this.unit) this.unit.add(s, this.unit.start, s.length)
    return true
  }

  /** After the last chunk: false when nothing was committed (the caller replays); else the end of the document. */
  finish(): boolean {
    if (this.counter) throw notOcdsDeepError(this.name, this.rootKind(), this.counter.deepest)
    if (!this.committed) return false
    if (!this.closed) throw this.error('the document ends too early')
    if (this.root !== LBRACKET) this.pkg.finish()
    return true
  }

  /** The document's top: an array or an object (after the first chunk with any text). */
  rootKind(): 'array' | 'object' {
    return this.root === LBRACKET ? 'array' : 'object'
  }

  private error(why: string, line = this.lines + 1): SpendInputError {
    if (!this.committed) throw new GiveUp()
    return new SpendInputError('BAD_JSON', ocdsMsg.badJson(line, why), {where: this.name})
  }

  private scan(s: string): void {
    const n = s.length
    let i = 0
    // Next quote and backslash at or after i (-2: not looked for yet, -1: none left in this chunk).
    let q = -2
    let b = -2
    if (this.unit) this.unit.start = 0
    if (this.counter) return void this.counter.feed(s, 0)
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
        if (q === -1) return
        this.inString = false
        i = q + 1
        continue
      }
      const c = s.charCodeAt(i)
      if (c <= 32) {
        if (c === NL) this.lines++
        i++
        continue
      }
      if (this.closed) throw this.error(unexpected(s, i))
      if (this.root === 0) {
        if (c !== LBRACE && c !== LBRACKET) throw new GiveUp()
        this.root = c
        this.depth = 1
        if (c === LBRACKET) this.startList(1, '')
        else this.mayClose = true
        i++
        continue
      }
      if (this.depth === this.listDepth) {
        i = this.atListLevel(s, i, c)
        if (this.depth > MAX_JSON_DEPTH) return this.countDepth(s, i)
        continue
      }
      if (this.depth === 1) {
        i = this.atRootLevel(s, i, c)
        if (this.depth > MAX_JSON_DEPTH) return this.countDepth(s, i)
        continue
      }
      // Inside an item or a member's value: only depth and numbers matter here.
      if (c === QUOTE) {
        this.inString = true
        i++
      } else if (c === LBRACE || c === LBRACKET) {
        if (++this.depth > MAX_JSON_DEPTH) return this.countDepth(s, i + 1)
        i++
      } else if (c === RBRACE || c === RBRACKET) {
        this.depth--
        i++
      } else if (c === MINUS || (c >= 48 && c <= 57)) {
        i = skipNumber(s, i, this.unit)
      } else i++
    }
  }

  /**
   * Past MAX_JSON_DEPTH: nothing is built or handed on any more (no replay either); the rest of the text
   * is only walked for its depth, so `finish` can say how deep the document goes.
   */
  private countDepth(s: string, from: number): void {
    this.counter = new DepthCounter(this.depth)
    this.committed = true
    this.unit = null
    this.counter.feed(s, from)
  }

  private startList(depth: number, key: string): void {
    this.listDepth = depth
    this.listKey = key
    this.needItem = false
    this.mayClose = true
    this.committed = true
  }

  private atListLevel(s: string, i: number, c: number): number {
    if (c === COMMA || c === RBRACKET) {
      if (this.unit) this.endItem(s, i)
      else if (c === COMMA || this.needItem || !this.mayClose) throw this.error(unexpected(s, i))
      if (c === COMMA) {
        this.needItem = true
        this.mayClose = false
      } else {
        this.depth--
        this.listDepth = 0
        if (this.depth === 0) this.closed = true
        else {
          this.pkg.member(this.listKey, [])
          this.afterList = true
        }
      }
      return i + 1
    }
    if (c === RBRACE) throw this.error(unexpected(s, i))
    // Anything else belongs to the item: JSON.parse checks its text as a whole.
    if (!this.unit) {
      this.unit = new Unit(i, this.lines, false, this.unitLimit, this.name)
      this.needItem = false
    }
    if (c === QUOTE) this.inString = true
    else if (c === LBRACE || c === LBRACKET) this.depth++
    else if (c === MINUS || (c >= 48 && c <= 57)) return skipNumber(s, i, this.unit)
    return i + 1
  }

  private endItem(s: string, i: number): void {
    const u = this.unit!
    this.unit = null
    u.add(s, u.start, i)
    if (this.root === LBRACKET) this.pkg.element(u.parse())
    else this.pkg.item(this.listKey, u.parse())
  }

  /** Depth 1 of the root object: members `"key": value` separated by commas. */
  private atRootLevel(s: string, i: number, c: number): number {
    if (c === COMMA || c === RBRACE) {
      if (this.unit) this.endMember(s, i)
      else if (!this.afterList && (c === COMMA || !this.mayClose)) throw this.error(unexpected(s, i))
      this.afterList = false
      this.colon = false
      this.valueStarted = false
      this.mayClose = c === RBRACE
      if (c === RBRACE) {
        this.depth = 0
        this.closed = true
      }
      return i + 1
    }
    if (this.afterList || c === RBRACKET) throw this.error(unexpected(s, i))
    if (!this.unit) this.unit = new Unit(i, this.lines, true, this.unitLimit, this.name)
    if (c === COLON) {
      // Before any list, a release's field (id, parties, awards...) means a bare release or record: hand it back now.
      const key = this.committed || this.colon ? '' : this.memberKey(s, i + 1)
      if (key === null || RELEASE_KEYS.has(key)) throw new GiveUp()
      this.colon = true
      return i + 1
    }
    if (c === LBRACKET && this.colon && !this.valueStarted) {
      const key = this.memberKey(s, i)
      if (key === 'releases' || key === 'records') {
        this.unit = null
        this.depth = 2
        this.startList(2, key)
        return i + 1
      }
    }
    if (this.colon) this.valueStarted = true
    if (c === QUOTE) this.inString = true
    else if (c === LBRACE || c === LBRACKET) this.depth++
    else if (c === MINUS || (c >= 48 && c <= 57)) return skipNumber(s, i, this.unit)
    return i + 1
  }

  /** The key of the member being read, from its text so far (`"releases" :`). */
  private memberKey(s: string, i: number): string | null {
    const text = this.unit!.peek(s, i)
    const key = stringAt(text)
    return key && /^\s*:\s*$/.test(text.slice(key.end)) ? key.value : null
  }

  private endMember(s: string, i: number): void {
    const u = this.unit!
    this.unit = null
    u.add(s, u.start, i)
    let parsed: Record<string, unknown>
    try {
      parsed = u.parse() as Record<string, unknown>
    } catch (e) {
      if (!this.committed) throw new GiveUp()
      throw e
    }
    const text = u.text()
    const key = stringAt(text)
    if (!key) throw this.error('a key must come first', u.line + 1)
    // The streaming reader's view of a bare release or record differs; before a list it reads those itself.
    if (!this.committed && (key.value === 'ocid' || key.value === 'releases' || key.value === 'records')) throw new GiveUp()
    if (key.value === 'releases' || key.value === 'records') {
      // Not an array: the streaming reader took each member of an object as an item.
      for (const [k, v] of listMembers(text)) this.pkg.item(k, v)
    }
    this.pkg.member(key.value, parsed[key.value])
  }
}
