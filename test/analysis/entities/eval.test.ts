import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import Papa from 'papaparse'
import {beforeAll, describe, expect, it} from 'vitest'
import {pairwise} from '../../../src/analysis/entities/pairwise.js'
import {type NameStat, suggestEntities} from '../../../src/analysis/entities/suggest.js'
import {loadLegalForms} from '../../../src/io/read/legal-forms.js'
import type {CrosswalkRow} from '../../../src/model/crosswalk.js'
import {variantOf} from '../../../src/model/crosswalk.js'
import type {LegalForm} from '../../../src/model/entity-name.js'
import {REALDATA, ROOT} from '../../helpers/cli.js'

/**
 * The labelled evaluation set (test/fixtures/entities/eval.csv, see the
 * README there): supplier names drawn from the real files, true entity
 * groups written by hand. `suggest` is scored on it as no person has
 * reviewed anything: only its `auto` decisions merge.
 */
const FIXTURE = join(ROOT, 'test', 'fixtures', 'entities', 'eval.csv')
const KINDS = ['org', 'individual', 'redacted'] as const

interface EvalRow {
  variant: string
  supplier_id: string
  entity: string
  kind: (typeof KINDS)[number]
  source: string
  rows: string
}

const rows = Papa.parse<EvalRow>(readFileSync(FIXTURE, 'utf8'), {header: true, skipEmptyLines: true}).data
const idOf = (r: {supplier_id: string | null}) => (r.supplier_id === null || r.supplier_id === '' ? null : r.supplier_id)
const keyOf = (variant: string, id: string | null) => JSON.stringify([variant, id])

let forms: LegalForm[]
let crosswalk: CrosswalkRow[]
beforeAll(async () => {
  forms = await loadLegalForms()
  const names: NameStat[] = rows.map((r) => ({variant: r.variant, supplier_id: idOf(r), rows: Number(r.rows)}))
  crosswalk = suggestEntities(names, {forms})
})

describe('the labelled evaluation set', () => {
  it('is well formed: distinct (variant, id) pairs, collapsed whitespace, known kinds, real sources, row counts', () => {
    expect(rows.length).toBeGreaterThanOrEqual(400)
    expect(new Set(rows.map((r) => keyOf(r.variant, idOf(r)))).size).toBe(rows.length)
    for (const r of rows) {
      expect(r.variant).toBe(variantOf(r.variant))
      expect(KINDS).toContain(r.kind)
      expect(r.entity).toMatch(/^[a-z0-9][a-z0-9-]*$/)
      expect(Number.isInteger(Number(r.rows)) && Number(r.rows) > 0).toBe(true)
      expect(r.supplier_id).toMatch(/^$|^[A-Z]{2}-[A-Z]+-\S+$/)
      expect(r.kind === 'redacted').toBe(r.entity === 'redacted')
    }
    // Every source is a real file (when the real files are on this machine).
    if (existsSync(REALDATA)) for (const s of new Set(rows.map((r) => r.source))) expect(existsSync(join(REALDATA, s)), s).toBe(true)
  })

  it('holds multi-variant groups and the traps: individuals, redacted names, ids', () => {
    const size = new Map<string, number>()
    for (const r of rows) size.set(r.entity, (size.get(r.entity) ?? 0) + 1)
    const groups = [...size].filter(([e, n]) => e !== 'redacted' && n > 1)
    expect(groups.length).toBeGreaterThanOrEqual(100)
    expect(rows.filter((r) => r.kind === 'individual').length).toBeGreaterThanOrEqual(30)
    expect(rows.filter((r) => r.kind === 'redacted').length).toBeGreaterThanOrEqual(10)
    expect(rows.filter((r) => idOf(r) !== null).length).toBeGreaterThanOrEqual(100)
    expect([...size.values()].filter((n) => n === 1).length).toBeGreaterThanOrEqual(100)
  })
})

describe('entities suggest on the evaluation set (auto merges only)', () => {
  it('gives every (variant, id) exactly one crosswalk row', () => {
    const seen = new Map<string, number>()
    for (const c of crosswalk) seen.set(keyOf(c.variant, c.supplier_id), (seen.get(keyOf(c.variant, c.supplier_id)) ?? 0) + 1)
    for (const r of rows) expect(seen.get(keyOf(r.variant, idOf(r))), r.variant).toBe(1)
  })

  it('never puts a redacted name under the entity key of a named supplier', () => {
    const byKey = new Map(crosswalk.map((c) => [keyOf(c.variant, c.supplier_id), c]))
    const entityKey = (r: EvalRow) => byKey.get(keyOf(r.variant, idOf(r)))?.entity_key
    const named = new Map<string, string>()
    for (const r of rows) if (r.kind !== 'redacted') named.set(entityKey(r) as string, r.variant)
    const shared = rows.filter((r) => r.kind === 'redacted' && named.has(entityKey(r) as string)).map((r) => `${r.variant} [${r.supplier_id}] ~ ${named.get(entityKey(r) as string)}`)
    expect(shared).toEqual([])
  })

  it('reaches pairwise precision >= 0.98 and recall >= 0.90', () => {
    const byKey = new Map(crosswalk.map((c) => [keyOf(c.variant, c.supplier_id), c]))
    const scored = rows.filter((r) => r.kind !== 'redacted')
    const items = scored.map((r) => {
      const c = byKey.get(keyOf(r.variant, idOf(r)))
      return {truth: r.entity, predicted: c !== undefined && c.decision === 'auto' ? c.entity_key : null}
    })
    const s = pairwise(items, 20)
    // The pairs an id alone decides (same supplier_id), scored apart: the rest is what name matching must find.
    const byId = pairwise(items.map((it, i) => ({predicted: it.predicted, truth: idOf(scored[i] as EvalRow) === null ? `#${i}` : `${it.truth}|${idOf(scored[i] as EvalRow)}`})))
    const byName = (s.correctPairs - byId.correctPairs) / (s.truePairs - byId.truePairs)
    const show = ([i, j]: [number, number]) => {
      const a = scored[i] as EvalRow
      const b = scored[j] as EvalRow
      return `  ${a.variant}${a.supplier_id ? ` [${a.supplier_id}]` : ''} (${a.entity}) ~ ${b.variant}${b.supplier_id ? ` [${b.supplier_id}]` : ''} (${b.entity})`
    }
    console.log(
      [
        `entities eval: ${scored.length} variants, ${s.truePairs} true pairs, ${s.predictedPairs} auto-merged pairs, ${s.correctPairs} correct`,
        `precision ${s.precision.toFixed(4)}  recall ${s.recall.toFixed(4)}`,
        `${byId.truePairs} true pairs share a supplier_id (${byId.correctPairs} merged); recall on the other ${s.truePairs - byId.truePairs} pairs (names only): ${byName.toFixed(4)}`,
        `false merges (first ${s.falseMerges.length}):`,
        ...s.falseMerges.map(show),
        `misses (first ${s.misses.length}):`,
        ...s.misses.map(show),
      ].join('\n'),
    )
    expect(s.truePairs).toBeGreaterThan(0)
    expect(s.precision).toBeGreaterThanOrEqual(0.98)
    expect(s.recall).toBeGreaterThanOrEqual(0.9)
  })
})
