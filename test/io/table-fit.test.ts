import {describe, expect, it} from 'vitest'
import {type FitColumn, fitColumns, NAME_ROOM, tableWidth} from '../../src/io/write/table-fit.js'

/** Deterministic pseudo-random integers in [0, n) (xorshift), so a failure can be replayed. */
function rng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1
  return (n) => {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    return x % n
  }
}

/** A random table layout: ids, numbers, names, paths, some optional. */
function randomColumns(r: (n: number) => number): FitColumn[] {
  const n = 1 + r(10)
  return Array.from({length: n}, (): FitColumn => {
    const role = (['fixed', 'end', 'middle'] as const)[r(3)]
    const natural = role === 'fixed' ? 1 + r(16) : 1 + r(120)
    return r(3) === 0 ? {natural, role, drop: 1 + r(4)} : {natural, role}
  })
}

/** The `spend imports` layout over the Oxford files, as the imports view declares it. */
const IMPORTS: FitColumn[] = [
  {natural: 12, role: 'fixed'}, // id
  {natural: 37, role: 'middle'}, // file
  {natural: 87, role: 'middle', drop: 2}, // path
  {natural: 6, role: 'end', drop: 3}, // format
  {natural: 7, role: 'fixed'}, // rows
  {natural: 8, role: 'fixed', drop: 1}, // rejected
  {natural: 3, role: 'end'}, // cur
  {natural: 14, role: 'fixed'}, // imported total
]

describe('fitColumns', () => {
  it('keeps natural widths when they fit', () => {
    const cols: FitColumn[] = [{natural: 12, role: 'fixed'}, {natural: 20, role: 'end'}]
    expect(fitColumns(cols, 80)).toEqual({widths: [12, 20], wrap: [false, false], dropped: []})
  })

  it('fits `spend imports` at 80 columns: ids whole, the file name given the room, optional columns left out in order', () => {
    const plan = fitColumns(IMPORTS, 80)
    expect(plan.dropped).toEqual([3, 2, 5]) // format, then path, then rejected
    expect(plan.widths[0]).toBe(12)
    expect(plan.widths[1]).toBeGreaterThanOrEqual(NAME_ROOM)
    expect(tableWidth(plan.widths)).toBe(80) // the room goes to the name
    expect(plan.wrap.every((w) => !w)).toBe(true)
    // Wider, the file name is whole before any optional column comes back beside it.
    const wider = fitColumns(IMPORTS, 120)
    expect(wider.widths[1]).toBe(37)
    expect(wider.dropped).toEqual([3, 2])
    // With room for it, the path comes back and nothing is dropped.
    expect(fitColumns(IMPORTS, tableWidth(IMPORTS.map((c) => c.natural))).dropped).toEqual([])
  })

  it('never makes a table wider than the terminal, keeps ids whole when they fit, and is deterministic', () => {
    const r = rng(20240601)
    for (let trial = 0; trial < 3000; trial++) {
      const cols = randomColumns(r)
      const width = 4 * cols.length + 1 + r(200)
      const plan = fitColumns(cols, width)
      const shown = plan.widths.filter((w) => w !== null).length
      expect(plan).toEqual(fitColumns(cols, width)) // the same answer every time
      expect(plan.dropped.every((i) => cols[i].drop !== undefined)).toBe(true) // only optional columns go
      expect(shown + plan.dropped.length).toBe(cols.length)
      expect(tableWidth(plan.widths), JSON.stringify({cols, width, plan})).toBeLessThanOrEqual(width)
      for (const w of plan.widths) if (w !== null) expect(w).toBeGreaterThanOrEqual(1)
      // Fixed columns (ids, money, counts) are never narrowed while the kept ones fit with one column for each other.
      const kept = cols.map((c, i) => ({...c, i})).filter((c) => plan.widths[c.i] !== null)
      const fixedNeed = tableWidth(kept.map((c) => (c.role === 'fixed' ? c.natural : 1)))
      if (fixedNeed <= width) {
        for (const c of kept) if (c.role === 'fixed') expect(plan.widths[c.i]).toBe(c.natural)
      }
      // A cut column is cut only for lack of room: a wrapped or narrowed name means the table is full.
      if (cols.some((c, i) => plan.widths[i] !== null && plan.widths[i]! < c.natural)) {
        expect(tableWidth(plan.widths)).toBe(width)
      }
    }
  })

  it('leaves out no more columns on a wider terminal', () => {
    const r = rng(7)
    for (let trial = 0; trial < 300; trial++) {
      const cols = randomColumns(r)
      let before = Infinity
      for (let width = 4 * cols.length + 1; width <= 400; width += 7) {
        const n = fitColumns(cols, width).dropped.length
        expect(n).toBeLessThanOrEqual(before)
        before = n
      }
    }
  })

  it('wraps names, and only then fixed columns, when even the leanest table does not fit', () => {
    const cols: FitColumn[] = [{natural: 2, role: 'fixed'}, {natural: 19, role: 'end'}, {natural: 40, role: 'end'}, {natural: 14, role: 'fixed'}]
    const plan = fitColumns(cols, 50)
    expect(plan.widths[0]).toBe(2)
    expect(plan.widths[3]).toBe(14)
    expect(plan.wrap).toEqual([false, true, true, false])
    expect(tableWidth(plan.widths)).toBe(50)
    const tiny = fitColumns(cols, 17)
    expect(tableWidth(tiny.widths)).toBeLessThanOrEqual(17)
    expect(tiny.wrap[3]).toBe(true) // the amount wraps (its text is kept whole on two lines)
  })
})
