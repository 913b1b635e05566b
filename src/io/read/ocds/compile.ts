/**
 * Compile the releases of one contracting process into its current state, the
 * way OCDS merging does it, simplified:
 * - releases are applied oldest first by `date` (ties keep file order);
 * - objects merge field by field, a later value replaces an earlier one, and an
 *   explicit `null` removes the field;
 * - arrays whose items all have an `id` merge item by item on that id (new ids
 *   are appended); any other array is replaced whole;
 * - `id`, `date` and `tag` of the result come from the latest release, tag `compiled`.
 * Not done: `Versioned` history and the `wholeListMerge` schema hints.
 */
import {instant, obj, text} from './values.js'

type Json = Record<string, unknown>

/**
 * Objects nested deeper than this are not merged field by field: the later one
 * replaces the earlier whole. OCDS nests about 10 deep; the bound keeps the
 * recursion off the end of the stack for any input.
 */
const MERGE_DEPTH = 1000

function mergeArrays(a: unknown[], b: unknown[], depth: number): unknown[] {
  const byId = (xs: unknown[]) => xs.every((x) => obj(x) && text((x as Json).id) !== null)
  if (!byId(a) || !byId(b)) return b
  const out = a.slice()
  const at = new Map<string, number>()
  out.forEach((x, i) => at.set(String((x as Json).id), i))
  for (const item of b) {
    const id = String((item as Json).id)
    const i = at.get(id)
    if (i === undefined) {
      at.set(id, out.length)
      out.push(item)
    } else out[i] = merge(out[i] as Json, item as Json, depth + 1)
  }
  return out
}

function merge(base: Json, next: Json, depth = 0): Json {
  if (depth > MERGE_DEPTH) return next
  const out: Json = {...base}
  for (const [k, v] of Object.entries(next)) {
    if (v === null) delete out[k]
    else if (Array.isArray(v) && Array.isArray(out[k])) out[k] = mergeArrays(out[k] as unknown[], v, depth + 1)
    else if (obj(v) && obj(out[k])) out[k] = merge(out[k] as Json, v as Json, depth + 1)
    else out[k] = v
  }
  return out
}

/**
 * Merge full releases of one `ocid` into a compiled release.
 *
 * @example compileReleases([{ocid: 'x', date: '2020-01-01', awards: [{id: 'a', value: {amount: 1}}]},
 *   {ocid: 'x', date: '2020-02-01', awards: [{id: 'a', status: 'active'}]}])
 * // awards: [{id: 'a', value: {amount: 1}, status: 'active'}]
 */
export function compileReleases(releases: Json[]): Json {
  const ordered = releases
    .map((r, i) => ({r, t: instant(r.date), i}))
    .sort((x, y) => (x.t === y.t ? x.i - y.i : x.t < y.t ? -1 : 1))
  let out: Json = {}
  for (const {r} of ordered) out = merge(out, r)
  out.tag = ['compiled']
  return out
}

/** A release embedded in full (not just a `url` link to one). */
function isEmbedded(r: unknown): r is Json {
  const o = obj(r)
  return o !== null && Object.keys(o).some((k) => !['url', 'date', 'tag'].includes(k))
}

/**
 * The release to read from an OCDS record: its `compiledRelease` when present,
 * else a compilation of its embedded releases; null when it only links releases.
 */
export function recordRelease(record: Json): {release: Json | null; how: 'compiledRelease' | 'compiled' | 'linked-only'} {
  const compiled = obj(record.compiledRelease)
  if (compiled) return {release: compiled.ocid ? compiled : {...compiled, ocid: record.ocid}, how: 'compiledRelease'}
  const embedded = (Array.isArray(record.releases) ? record.releases : []).filter(isEmbedded)
  if (embedded.length === 0) return {release: null, how: 'linked-only'}
  const release = compileReleases(embedded)
  if (!release.ocid) release.ocid = record.ocid
  return {release, how: 'compiled'}
}
