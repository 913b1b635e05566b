/**
 * JSON that is not OCDS: the error that says so, and what the file held
 * instead (a tally of the top-level values that were not releases or records),
 * so the one line can say what was found. A file with no OCDS item at all is an
 * error, never an import of nothing with a rejected row per value.
 */
import {SpendInputError} from '../../../errors.js'
import {valueDepth} from './depth.js'
import {ocdsMsg, type JsonRoot} from './messages.js'
import {RawNumber} from './values.js'

export type {JsonRoot} from './messages.js'

/** Arrays whose depth is measured for the message (the walk costs their size). */
const DEPTHS_MEASURED = 100
/** Objects whose keys are gathered for the message. */
const OBJECTS_LOOKED_AT = 100
/** Distinct keys named in the message (then "and more"). */
const KEYS_SHOWN = 8

/**
 * The NOT_OCDS error: `found` says what the file is instead.
 *
 * @example throw notOcdsError('x.json', ocdsMsg.notOcdsKeys(['foo'], 0))
 */
export function notOcdsError(name: string, found: string): SpendInputError {
  return new SpendInputError('NOT_OCDS', found, {where: name, hint: ocdsMsg.notOcdsHint()})
}

/**
 * A document nested past MAX_JSON_DEPTH: `root` is what it starts with, `depth` the deepest level.
 *
 * @example notOcdsDeepError('x.json', 'array', 300000).message // 'a JSON array nested 300,000 deep, not OCDS releases or records'
 */
export function notOcdsDeepError(name: string, root: 'array' | 'object', depth: number): SpendInputError {
  return notOcdsError(name, ocdsMsg.notOcdsDeep(root, depth))
}

/**
 * A root object with no releases, records or ocid, named by its first keys.
 *
 * @example notOcdsObjectError('x.json', {keys: ['foo', 'bar'], more: 0}).message // 'a JSON object with keys foo, bar: not ...'
 */
export function notOcdsObjectError(name: string, keys: {keys: string[]; more: number}): SpendInputError {
  return notOcdsError(name, ocdsMsg.notOcdsKeys(keys.keys, keys.more))
}

/**
 * Counts the top-level values that were not OCDS releases or records, by kind;
 * keeps no value, only the first keys of objects and the deepest array.
 *
 * @example const t = new NotOcdsTally(); t.value({name: 'a'}); t.describe('array') // 'a JSON array of 1 object with keys name, not ...'
 */
export class NotOcdsTally {
  count = 0
  private objects = 0
  private readonly keys: string[] = []
  private readonly keySet = new Set<string>()
  private moreKeys = false
  private arrays = 0
  private arrayDepth = 0
  private measured = 0
  private strings = 0
  private numbers = 0
  private booleans = 0
  private nulls = 0
  private deep = 0
  private deepest = 0
  private notJson = 0
  private firstNotJson: {line: number; why: string} | null = null

  /** A parsed value that is not an OCDS release, record or package. */
  value(v: unknown): void {
    this.count++
    if (v === null) this.nulls++
    // The exact parser keeps numbers as RawNumber objects.
    else if (typeof v === 'number' || v instanceof RawNumber) this.numbers++
    else if (Array.isArray(v)) {
      this.arrays++
      if (this.measured++ < DEPTHS_MEASURED) this.arrayDepth = Math.max(this.arrayDepth, valueDepth(v))
    } else if (typeof v === 'object') {
      if (this.objects++ < OBJECTS_LOOKED_AT) this.addKeys(v as Record<string, unknown>)
    } else if (typeof v === 'string') this.strings++
    else this.booleans++
  }

  /** A JSON Lines line too deep to build: only its depth is known. */
  tooDeep(depth: number): void {
    this.count++
    this.deep++
    this.deepest = Math.max(this.deepest, depth)
  }

  /** A JSON Lines line that is not JSON. */
  badJson(line: number, why: string): void {
    this.count++
    this.notJson++
    this.firstNotJson ??= {line, why}
  }

  /**
   * The one line for a file that held only these: `root` is the document's shape.
   *
   * @example tally.describe('lines') // 'JSON Lines of 2 objects with keys a, b, not OCDS releases or records'
   */
  describe(root: JsonRoot): string {
    const parts: string[] = []
    if (this.objects) parts.push(ocdsMsg.foundObjects(this.objects, this.keys, this.moreKeys))
    if (this.arrays) parts.push(ocdsMsg.foundArrays(this.arrays, this.arrayDepth))
    if (this.deep) parts.push(ocdsMsg.foundDeep(this.deep, this.deepest))
    if (this.strings) parts.push(ocdsMsg.foundScalars(this.strings, 'string'))
    if (this.numbers) parts.push(ocdsMsg.foundScalars(this.numbers, 'number'))
    if (this.booleans) parts.push(ocdsMsg.foundScalars(this.booleans, 'true/false value'))
    if (this.nulls) parts.push(ocdsMsg.foundScalars(this.nulls, 'null'))
    if (this.notJson && this.firstNotJson) parts.push(ocdsMsg.foundNotJson(this.notJson, this.firstNotJson.line, this.firstNotJson.why))
    return ocdsMsg.notOcdsFound(root, parts.join('; '))
  }

  private addKeys(o: Record<string, unknown>): void {
    for (const k of Object.keys(o)) {
      if (this.keySet.has(k)) continue
      if (this.keys.length >= KEYS_SHOWN) {
        this.moreKeys = true
        return
      }
      this.keySet.add(k)
      this.keys.push(k)
    }
  }
}
