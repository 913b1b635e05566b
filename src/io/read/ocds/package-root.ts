/**
 * What the streaming reader (json-stream.ts) made of a package, rebuilt from the
 * pieces the fast scanner (fast-doc.ts) cuts: items numbered in file order, the
 * releases of a bare record held until its end, the package object itself handed
 * on only when it has no items (an empty package) or is a record (has `ocid`).
 */
import {keysShown} from './depth.js'
import type {TopItem} from './json-stream.js'
import {ocdsMsg} from './messages.js'
import {notOcdsObjectError} from './not-ocds.js'

/** Depth-1 keys whose values the streaming reader emitted (so it knew a root object). */
const ROOT_PATHS = new Set(['ocid', 'uri', 'publisher', 'publishedDate', 'version'])

export class PackageRoot {
  private readonly obj: Record<string, unknown> = {}
  /** The streaming reader saw the root object only through an emitted value. */
  private known = false
  /** The package's own `ocid`, once read: it is a record, whose later `releases` are its own. */
  ocid: unknown = undefined
  private readonly held: Record<string, unknown>[] = []
  private index = 0

  constructor(private readonly name: string, private readonly onItem: (item: TopItem) => void) {}

  /**
   * An element of the top-level array.
   *
   * @example root.element({ocid: 'x'}) // onItem({kind: 'any', value: {ocid: 'x'}, line: 1})
   */
  element(value: unknown): void {
    this.index++
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      this.onItem({kind: 'any', value: value as Record<string, unknown>, line: this.index})
    } else this.onItem({kind: 'bad', line: this.index, reason: ocdsMsg.notOcdsLine(), value})
  }

  /**
   * An item of the package's `releases` or `records` (`key`).
   *
   * @example root.item('releases', {ocid: 'x'}) // onItem({kind: 'release', value: {ocid: 'x'}, line: 1})
   */
  item(key: string, value: unknown): void {
    this.known = true
    const item = value as Record<string, unknown>
    if (key === 'releases' && this.ocid !== undefined) this.held.push(item)
    else this.onItem({kind: key === 'records' ? 'record' : 'release', value: item, line: ++this.index})
  }

  /**
   * A member of the package outside its lists (a list read item by item is set to `[]`).
   *
   * @example root.member('uri', 'https://example.org/p.json')
   */
  member(key: string, value: unknown): void {
    if (key === 'ocid') this.ocid = value
    if (ROOT_PATHS.has(key)) this.known = true
    this.obj[key] = value
  }

  /**
   * After the document's end: the package itself when the streaming reader handed it on.
   *
   * @example root.finish() // throws NOT_OCDS for {"releases": []} (no other sign it is a package)
   */
  finish(): void {
    const r = this.obj
    if (this.ocid !== undefined) {
      r.ocid = this.ocid
      if (this.held.length) r.releases = this.held
      this.onItem({kind: 'any', value: r, line: 1})
    } else if (!this.known || (!Array.isArray(r.releases) && !Array.isArray(r.records))) {
      throw notOcdsObjectError(this.name, keysShown(r))
    } else if (this.index === 0) {
      this.onItem({kind: 'any', value: r, line: 1})
    }
  }
}
