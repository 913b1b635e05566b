import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
// @ts-expect-error: the bench is plain JavaScript (no type declarations)
import {generateNamesCsv, nameStats, NAMES_HEADER, REDACTED_NAMES, supplierNames, VARIANT_KINDS} from '../../bench/lib/supplier-names.mjs'

interface Name {name: string; id: string | null; entity: number | null; kind: string; rows: number}

const N = 2000
const names: Name[] = supplierNames(N)
const tmp = mkdtempSync(join(tmpdir(), 'spend-names-'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

describe('bench supplier-name generator', () => {
  it('gives exactly N distinct names, whitespace already collapsed', () => {
    expect(names).toHaveLength(N)
    expect(new Set(names.map((x) => x.name)).size).toBe(N)
    for (const x of names) expect(x.name).toBe(x.name.replace(/\s+/g, ' ').trim())
  })

  it('is deterministic for a seed and differs for another seed', () => {
    expect(supplierNames(N)).toEqual(names)
    expect(supplierNames(N, {seed: 7}).map((x: Name) => x.name)).not.toEqual(names.map((x) => x.name))
  })

  it('produces every variant kind, entities of several variants, and ids sometimes missing on a variant', () => {
    const kinds = new Set(names.map((x) => x.kind))
    for (const k of VARIANT_KINDS) expect(kinds, k).toContain(k)
    const byEntity = new Map<number, Name[]>()
    for (const x of names) if (x.entity !== null) byEntity.set(x.entity, [...(byEntity.get(x.entity) ?? []), x])
    const sizes = [...byEntity.values()].map((v) => v.length)
    expect(Math.max(...sizes)).toBe(4)
    expect(Math.min(...sizes)).toBe(1)
    expect(names.some((x) => /^GB-COH-\d{8}$/.test(x.id ?? ''))).toBe(true)
    expect(names.some((x) => /^GB-CHC-\d{7}$/.test(x.id ?? ''))).toBe(true)
    // An entity with an id has some variant published without it.
    const mixed = [...byEntity.values()].filter((v) => v.some((x) => x.id) && v.some((x) => !x.id))
    expect(mixed.length).toBeGreaterThan(0)
    // One id is one entity.
    const entityOfId = new Map<string, number>()
    for (const x of names) {
      if (!x.id) continue
      if (!entityOfId.has(x.id)) entityOfId.set(x.id, x.entity as number)
      expect(entityOfId.get(x.id), x.id).toBe(x.entity)
    }
    expect(names.filter((x) => x.kind === 'redacted').map((x) => x.name)).toEqual(REDACTED_NAMES)
  })

  it('has about two thirds companies, individuals with shared surnames, councils and charities', () => {
    const share = (pred: (x: Name) => boolean) => names.filter(pred).length / N
    const companies = share((x) => !['individual', 'council', 'charity', 'redacted'].includes(x.kind))
    expect(companies).toBeGreaterThan(0.55)
    expect(companies).toBeLessThan(0.75)
    const surnames = names.filter((x) => x.kind === 'individual' && x.name.includes(',')).map((x) => x.name.split(',')[0])
    expect(new Set(surnames).size).toBeLessThan(surnames.length)
    expect(names.some((x) => x.kind === 'council' && x.name.endsWith('Council'))).toBe(true)
    expect(names.some((x) => x.kind === 'charity' && x.name.includes('Care'))).toBe(true)
  })

  it('writes a spend CSV of 2-3 rows a name that reads back to the same names, cached on a second call', async () => {
    const path = join(tmp, `names-${N}.csv`)
    const meta = await generateNamesCsv(path, N)
    expect(meta.cached).toBe(false)
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n')
    expect(lines[0]).toBe(NAMES_HEADER)
    expect(lines.length - 1).toBe(meta.rows)
    expect(meta.rows).toBe(names.reduce((a, x) => a + x.rows, 0))
    expect(meta.rows).toBeGreaterThan(2 * N)
    expect(meta.rows).toBeLessThan(3 * N)
    // buyer, date (never a comma), the supplier (quoted when it holds one), the company number.
    const cells = lines.slice(1).map((line) => {
      const m = /^[^,]+,[^,]+,("(?:[^"]|"")*"|[^,]*),([^,]*),/.exec(line) as RegExpExecArray
      const f = m[1] as string
      return {name: f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f, number: m[2] as string}
    })
    const perName = new Map<string, number>()
    for (const c of cells) perName.set(c.name, (perName.get(c.name) ?? 0) + 1)
    expect(perName).toEqual(new Map(names.map((x) => [x.name, x.rows])))
    // The company_number cell: the digits of a GB-COH id, blank otherwise (a CSV import has no charity scheme).
    const idOf = new Map(names.map((x) => [x.name, x.id]))
    for (const c of cells) {
      const id = idOf.get(c.name) ?? null
      expect(c.number, c.name).toBe(id?.startsWith('GB-COH-') ? id.slice('GB-COH-'.length) : '')
    }
    expect(meta.withCompanyNumber).toBe(names.filter((x) => x.id?.startsWith('GB-COH-')).length)
    expect(meta.withCompanyNumber).toBeGreaterThan(0)
    expect((await generateNamesCsv(path, N)).cached).toBe(true)
    // The same names as suggestEntities input, with the ids the import keeps.
    const numbered = new Map(cells.map((c) => [c.name, c.number]))
    for (const s of nameStats(N)) {
      expect(s.rows).toBe(perName.get(s.variant))
      expect(s.supplier_id).toBe(numbered.get(s.variant) ? `GB-COH-${numbered.get(s.variant)}` : null)
    }
  })
})
