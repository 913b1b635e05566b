/**
 * The --json contracts of issues 2, 3 and 4 are promises to scripts: field names
 * and shapes never change (fields may be added). Each command runs as the real
 * binary (built by `npm run build`, which `npm test` does first) over one small
 * workspace holding a UK 25k file, a Latin-1 Norwegian ledger and an OCDS file,
 * and its whole stdout is checked against schemas/<command>.json and against the
 * exact field names the issues spell out.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {check, loadSchema} from './schema-check.js'

 
type Json = Record<string, any>

const FILES = [fixture('cli', 'uk-25k-small.csv'), fixture('cli', 'latin1-semicolon.csv'), fixture('ocds', 'multi-supplier-split.json')]
let ws = ''
let imported: Json

/** Run `spend ARGS --json` on the shared workspace; stdout must be one JSON document. */
async function json(args: string[], workspace = ws): Promise<{code: number | null; out: Json}> {
  const r = await runCli([...args, '--workspace', workspace, '--json'])
  let out: Json
  try {
    out = JSON.parse(r.stdout) as Json
  } catch {
    throw new Error(`spend ${args.join(' ')}: stdout is not JSON (exit ${r.code}): ${r.stdout.slice(0, 200)} ${r.stderr.slice(0, 200)}`)
  }
  return {code: r.code, out}
}

/** Succeeds (exit 0) and conforms to schemas/NAME.json. */
async function valid(name: string, args: string[], workspace = ws): Promise<Json> {
  const {code, out} = await json(args, workspace)
  expect(code, `spend ${args.join(' ')}: ${JSON.stringify(out).slice(0, 300)}`).toBe(0)
  expect(check(loadSchema(name), out), `spend ${args.join(' ')}`).toEqual([])
  return out
}

/** The issue names these fields: each must be present under exactly this name. */
function hasKeys(obj: Json, keys: string[], where: string): void {
  expect(keys.filter((k) => !(k in obj)), `${where} lacks fields`).toEqual([])
}

/** An exact decimal string as a bigint scaled by 10^6 (enough for every currency's minor unit). */
function micros(amount: string): bigint {
  const [int, frac = ''] = amount.replace('-', '').split('.')
  const v = BigInt(int + frac.padEnd(6, '0'))
  return amount.startsWith('-') ? -v : v
}

function sumBy(rows: Json[], pick: (r: Json) => string): Map<string, bigint> {
  const out = new Map<string, bigint>()
  for (const r of rows) out.set(r.currency, (out.get(r.currency) ?? 0n) + micros(pick(r)))
  return out
}

beforeAll(async () => {
  ws = tempDir('spendkit-contracts-')
  imported = await valid('import', ['import', ...FILES])
})

describe('issue 2: import and summary', () => {
  it('import: imports[].{id,file,sha256,format,rows{read,imported,rejected,skipped},totals[]{currency,source,imported,rejected}}', () => {
    expect(Object.keys(imported)).toContain('imports')
    expect(imported.imports).toHaveLength(3)
    for (const imp of imported.imports as Json[]) {
      hasKeys(imp, ['id', 'file', 'sha256', 'format', 'rows', 'totals'], `import ${imp.file}`)
      hasKeys(imp.rows, ['read', 'imported', 'rejected', 'skipped'], `import ${imp.file} rows`)
      expect(imp.totals.length).toBeGreaterThan(0)
      for (const t of imp.totals as Json[]) {
        hasKeys(t, ['currency', 'source', 'imported', 'rejected'], `import ${imp.file} totals`)
        expect(micros(t.source), `${imp.file} ${t.currency}: source = imported + rejected`).toBe(micros(t.imported) + micros(t.rejected))
      }
    }
    const uk = (imported.imports as Json[]).find((i) => i.file.endsWith('uk-25k-small.csv'))!
    expect(uk.rows).toMatchObject({read: 5, imported: 4, rejected: 1, skipped: 1})
    expect(uk.totals).toEqual([{currency: 'GBP', source: '98134.50', imported: '58134.50', rejected: '40000.00'}])
  })

  it('re-importing the same bytes keeps the same shape', async () => {
    const again = await valid('import', ['import', FILES[0]])
    expect(again.imports[0].id).toBe(imported.imports[0].id)
  })

  it('imports lists the same ids with the import fields', async () => {
    const list = await valid('imports', ['imports'])
    expect((list.imports as Json[]).map((i) => i.id).sort()).toEqual((imported.imports as Json[]).map((i) => i.id).sort())
  })

  it('check: {ok, counts{ok,damaged,unverifiable}, imports[]{id,file,status,problems[],fix}}, every import ok', async () => {
    const c = await valid('check', ['check'])
    hasKeys(c, ['ok', 'counts', 'imports'], 'check')
    expect(c.ok).toBe(true)
    expect(c.counts).toEqual({ok: imported.imports.length, damaged: 0, unverifiable: 0})
    for (const i of c.imports as Json[]) {
      hasKeys(i, ['id', 'file', 'status', 'problems', 'fix'], 'check import')
      expect([i.status, i.problems, i.fix]).toEqual(['ok', [], null])
    }
    expect((c.imports as Json[]).map((i) => i.id).sort()).toEqual((imported.imports as Json[]).map((i) => i.id).sort())
  })

  it('summary: {rows,buyers,suppliers,from,to,totals[]{currency,amount}}, totals equal what was imported', async () => {
    const s = await valid('summary', ['summary'])
    hasKeys(s, ['rows', 'buyers', 'suppliers', 'from', 'to', 'totals'], 'summary')
    for (const t of s.totals as Json[]) hasKeys(t, ['currency', 'amount'], 'summary totals')
    expect(s).toMatchObject({rows: 9, buyers: 3, from: '2024-01-15', to: '2024-04-17'})
    const importedTotals = sumBy((imported.imports as Json[]).flatMap((i) => i.totals), (t) => t.imported)
    expect(sumBy(s.totals, (t) => t.amount)).toEqual(importedTotals)
  })
})

describe('issue 3: analyses', () => {
  it('cube --by buyer,supplier --rollup: by[], rows[]{buyer,supplier,currency,amount,count,share,rollup?}', async () => {
    const c = await valid('cube', ['cube', '--by', 'buyer,supplier', '--rollup'])
    expect(c.by).toEqual(['buyer', 'supplier'])
    for (const r of c.rows as Json[]) {
      hasKeys(r, ['buyer', 'supplier', 'currency', 'amount', 'count', 'share'], 'cube row')
      if ('rollup' in r) expect(r.rollup).toBe(true)
    }
    const leaves = (c.rows as Json[]).filter((r) => !r.rollup)
    const grand = (c.rows as Json[]).filter((r) => r.rollup && r.buyer === null && r.supplier === null)
    expect(grand.length).toBe(2)
    expect(sumBy(leaves, (r) => r.amount)).toEqual(sumBy(grand, (r) => r.amount))
  })

  it('cube --by year,category --top 1 keeps the shape, "Other" rows included', async () => {
    const c = await valid('cube', ['cube', '--by', 'year,category', '--top', '1'])
    for (const r of c.rows as Json[]) hasKeys(r, ['year', 'category', 'currency', 'amount', 'count', 'share'], 'cube row')
  })

  it.each([
    [['top', 'suppliers'], ['supplier']],
    [['top', 'buyers', '--by', 'category'], ['buyer', 'category']],
    [['top', 'categories'], ['category']],
  ])('%s: rows[]{rank,<key>,currency,amount,count,share}', async (args, keys) => {
    const t = await valid('top', args)
    expect(t.rows.length).toBeGreaterThan(0)
    for (const r of t.rows as Json[]) hasKeys(r, keys, args.join(' '))
  })

  it('pareto: rows[] of ABC classes and groups[] with suppliers_80 and the tail', async () => {
    const p = await valid('pareto', ['pareto'])
    expect(new Set((p.rows as Json[]).map((r) => r.currency))).toEqual(new Set(['GBP', 'NOK']))
  })

  it.each(['category', 'buyer'])('concentration --by %s: rows[]{<by>,currency,amount,suppliers,cr1,cr3,cr5,hhi,effective_suppliers,band}', async (by) => {
    const c = await valid('concentration', ['concentration', '--by', by])
    expect(c.by).toBe(by)
    expect(c.rows.length).toBeGreaterThan(0)
    for (const r of c.rows as Json[]) {
      hasKeys(r, [by, 'currency', 'amount', 'suppliers', 'cr1', 'cr3', 'cr5', 'hhi', 'effective_suppliers', 'band'], `concentration --by ${by}`)
    }
  })

  it.each(['month', 'quarter', 'year'])('trend --every %s: rows[] per currency and period, empty periods as zero', async (every) => {
    const t = await valid('trend', ['trend', '--every', every])
    expect(t.every).toBe(every)
    const gbp = (t.rows as Json[]).filter((r) => r.currency === 'GBP')
    const nok = (t.rows as Json[]).filter((r) => r.currency === 'NOK')
    expect(gbp.map((r) => r.period)).toEqual(nok.map((r) => r.period))
  })

  it.each([
    ['supplier', 'Alpha Ltd', 'GB-COH-01234567'],
    ['buyer', 'Met Office', 'GB-GOV-1'],
  ])('profile %s: totals, years, counterparts, categories and rows', async (kind, name, id) => {
    const p = await valid(`profile-${kind}`, ['profile', kind, name])
    expect(p).toMatchObject({kind, id, name})
  })

  it('rows: rows[]{import,file,line,date,buyer,unit,supplier,amount,currency,description,expense_type,transaction_id}, totals of the rows matched', async () => {
    const r = await valid('rows', ['rows', '--raw'])
    expect(r.rows.length).toBe(9)
    for (const row of r.rows as Json[]) {
      hasKeys(row, ['import', 'file', 'line', 'date', 'buyer', 'unit', 'supplier', 'amount', 'currency', 'description', 'expense_type', 'transaction_id', 'raw', 'raw_status'], 'rows row')
    }
    expect(sumBy(r.rows, (x) => x.amount)).toEqual(sumBy(r.totals, (t) => t.amount))
    const ids = new Set((imported.imports as Json[]).map((i) => i.id))
    expect((r.rows as Json[]).every((x) => ids.has(x.import))).toBe(true)
  })

  it('--fx --to EUR: same shape, every amount in EUR', async () => {
    const rates = join(tempDir('spendkit-contracts-fx-'), 'rates.csv')
    writeFileSync(rates, 'month,currency,rate\n2024-01,GBP,1.17\n2024-04,GBP,1.1653\n2024-04,NOK,0.0857\n')
    const c = await valid('cube', ['cube', '--by', 'buyer', '--fx', rates, '--to', 'EUR'])
    expect(new Set((c.rows as Json[]).map((r) => r.currency))).toEqual(new Set(['EUR']))
  })

  it.each([
    ['summary', ['summary']],
    ['imports', ['imports']],
    ['cube', ['cube', '--by', 'buyer']],
    ['top', ['top', 'suppliers']],
    ['pareto', ['pareto']],
    ['concentration', ['concentration']],
    ['trend', ['trend', '--every', 'month']],
    ['rows', ['rows']],
  ])('%s on an empty workspace keeps the shape', async (name, args) => {
    await valid(name, args, tempDir('spendkit-contracts-empty-'))
  })
})

describe('issue 4: inspect', () => {
  it.each([FILES[0], FILES[1], FILES[2]])('inspect %s', async (file) => {
    const out = await valid('inspect', ['inspect', file])
    expect(out.sources).toHaveLength(1)
  })
})

describe('errors under --json: {"error":{"code","message","exit"}}', () => {
  it.each([
    [['import', fixture('cli', 'empty.csv')], 'EMPTY_FILE'],
    [['import', fixture('cli', 'binary.bin')], 'NOT_SPEND_DATA'],
    [['import', fixture('cli', 'no-such-file.csv')], 'FILE_NOT_FOUND'],
    [['profile', 'supplier', 'Nobody At All'], 'UNKNOWN_NAME'],
    [['profile', 'supplier', 'Beta'], 'AMBIGUOUS_NAME'],
    [['cube', '--by', 'nonsense'], 'BAD_DIMENSION'],
    [['imports', 'remove', 'ffffffffffff'], 'UNKNOWN_IMPORT'],
  ])('%s', async (args, code) => {
    const {code: exit, out} = await json(args)
    expect(check(loadSchema('error'), out)).toEqual([])
    expect(Object.keys(out)).toEqual(['error'])
    expect(out.error.code).toBe(code)
    expect(exit).toBe(out.error.exit)
  })

  // oclif's own usage errors (missing --by, bad option value, unknown flag,
  // --top 0) take the same error shape under --json, with exit 2.
  it.each([
    [['cube']],
    [['trend', '--every', 'week']],
    [['summary', '--bogus']],
    [['cube', '--by', 'buyer', '--top', '0']],
  ])('usage error %s', async (args) => {
    const {code: exit, out} = await json(args)
    expect(check(loadSchema('error'), out)).toEqual([])
    expect(exit).toBe(2)
    expect(out.error.exit).toBe(2)
    expect(out.error.code).toBe('USAGE')
  })
})

describe('imports remove', () => {
  it('returns {removed:{id,file}} and the import is gone', async () => {
    const own = tempDir('spendkit-contracts-rm-')
    const imp = await json(['import', FILES[1]], own)
    const id = imp.out.imports[0].id as string
    const {code, out} = await json(['imports', 'remove', id], own)
    expect(code).toBe(0)
    expect(check(loadSchema('imports-remove'), out)).toEqual([])
    expect(out.removed.id).toBe(id)
    expect((await json(['imports'], own)).out.imports).toEqual([])
  })
})
