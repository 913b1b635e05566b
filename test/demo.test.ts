import {execFileSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

const DEMO = join(import.meta.dirname, '..', 'fixtures', 'demo')
const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'gen-demo.mjs')
const SIZES = join(import.meta.dirname, '..', 'fixtures', 'demo-sizes.csv')

/** Independent mod-11 check (weights 3,2,7,6,5,4,3,2), written apart from the generator's. */
function validOrgnr(nr: string): boolean {
  if (!/^\d{9}$/.test(nr)) return false
  const w = [3, 2, 7, 6, 5, 4, 3, 2]
  const sum = w.reduce((acc, wi, i) => acc + wi * Number(nr[i]), 0)
  const check = (11 - (sum % 11)) % 11
  return check !== 10 && check === Number(nr[8])
}

/** Decode a demo CSV: UTF-8 (BOM stripped) or Windows-1252 when it is not valid UTF-8. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

/** Minimal CSV split for these files: quotes only wrap cells holding the delimiter. */
function cells(line: string, delimiter: string): string[] {
  const out: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"'
        i++
      } else quoted = !quoted
    } else if (ch === delimiter && !quoted) {
      out.push(cur)
      cur = ''
    } else cur += ch
  }
  out.push(cur)
  return out
}

/** Data rows (header found by its first cell; title and sum lines excluded) as objects. */
function rows(file: string, delimiter: string, firstHeader: string): Record<string, string>[] {
  const lines = decode(readFileSync(join(DEMO, file))).split(/\r?\n/).filter((l) => l !== '')
  const h = lines.findIndex((l) => cells(l, delimiter)[0] === firstHeader)
  expect(h).toBeGreaterThanOrEqual(0)
  const header = cells(lines[h], delimiter)
  return lines.slice(h + 1).filter((l) => !l.startsWith('Sum;')).map((l) => {
    const c = cells(l, delimiter)
    expect(c).toHaveLength(header.length)
    return Object.fromEntries(header.map((k, i) => [k, c[i]]))
  })
}

/** `"1,234.50"` or `-1 234,50` to integer minor units, by string surgery (no floats). */
function minor(text: string, decimal: '.' | ','): bigint {
  const t = text.replace(/[ ,.]/g, (m) => (m === decimal ? '.' : ''))
  const [whole, frac = ''] = t.split('.')
  expect(frac).toHaveLength(2)
  const v = BigInt(whole.replace('-', '')) * 100n + BigInt(frac)
  return whole.startsWith('-') ? -v : v
}

const demoFiles = () => readdirSync(DEMO).sort()
const csvs = (prefix: string) => demoFiles().filter((f) => f.startsWith(prefix) && f.endsWith('.csv'))

describe('demo data generator', () => {
  let root = ''
  let out = ''
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'spendkit-demo-'))
    out = join(root, 'demo')
    execFileSync(process.execPath, [SCRIPT, '--out', out], {stdio: 'pipe', env: {...process.env, TZ: 'Pacific/Chatham'}})
  })
  afterAll(() => rmSync(root, {recursive: true, force: true}))

  it('reproduces the committed fixtures/demo byte for byte', () => {
    expect(readdirSync(out).sort()).toEqual(demoFiles())
    for (const f of demoFiles()) {
      expect(readFileSync(join(out, f)).equals(readFileSync(join(DEMO, f))), `${f} differs from the generator`).toBe(true)
    }
  })

  it('writes the sizes file beside the folder (not in it: spend import takes every CSV there), byte for byte', () => {
    expect(readdirSync(root).sort()).toEqual(['demo', 'demo-sizes.csv'])
    expect(readFileSync(join(root, 'demo-sizes.csv')).equals(readFileSync(SIZES))).toBe(true)
  })

  it('stays small (under 3 MB)', () => {
    const bytes = demoFiles().reduce((a, f) => a + readFileSync(join(DEMO, f)).length, 0)
    expect(bytes).toBeLessThan(3_000_000)
  })
})

describe('demo data content', () => {
  it('has two years of monthly UK spend-over-25k files in GBP with credit notes and redactions', () => {
    const files = csvs('uk-dis-')
    expect(files).toHaveLength(24)
    const all = files.flatMap((f) => rows(f, ',', 'Department Family'))
    expect(all.length).toBeGreaterThan(2000)
    expect(new Set(all.map((r) => r.Date.slice(-4)))).toEqual(new Set(['2023', '2024']))
    for (const r of all) expect(r.Date).toMatch(/^\d\d\/\d\d\/\d{4}$/)
    const amounts = all.map((r) => minor(r.Amount, '.'))
    expect(amounts.some((a) => a < 0n)).toBe(true)
    expect(all.some((r) => r.Supplier === 'REDACTED PERSONAL DATA')).toBe(true)
    // Multi-line invoices: one Transaction Number on several rows.
    const perTxn = new Map<string, number>()
    for (const r of all) perTxn.set(r['Transaction Number'], (perTxn.get(r['Transaction Number']) ?? 0) + 1)
    expect([...perTxn.values()].some((n) => n > 1)).toBe(true)
  })

  it('writes one UK file in Windows-1252 with a £ title line', () => {
    const bytes = readFileSync(join(DEMO, 'uk-dis-spend-over-25k-2024-03.csv'))
    expect(bytes.includes(0xa3)).toBe(true)
    expect(decode(bytes).split('\r\n')[0]).toContain('spend over £25,000')
  })

  it('has Norwegian NOK ledgers with valid organisation numbers, negatives and decimal commas', () => {
    const dkf = csvs('no-dkf-').flatMap((f) => rows(f, ';', 'Virksomhet'))
    const ssda = csvs('no-ssda-').flatMap((f) => rows(f, ';', 'Bilagsnr'))
    for (const r of [...dkf, ...ssda]) {
      expect(validOrgnr(r['Org.nr'])).toBe(true)
      if (r.Organisasjonsnummer !== '') expect(validOrgnr(r.Organisasjonsnummer), r.Organisasjonsnummer).toBe(true)
      expect(r.Bilagsdato).toMatch(/^\d\d\.\d\d\.(2023|2024)$/)
      expect(r.Beløp).toMatch(/^-?[\d ]+,\d\d$/)
    }
    expect(new Set(dkf.map((r) => r['Org.nr'])).size).toBe(1)
    expect(new Set([...dkf, ...ssda].map((r) => r.Virksomhet)).size).toBe(2)
    expect(dkf.some((r) => r.Beløp.startsWith('-'))).toBe(true)
    expect(ssda.some((r) => r.Beløp.startsWith('-'))).toBe(true)
    expect(ssda.some((r) => r.Leverandør.includes('Ø') || r.Leverandør.includes('Å'))).toBe(true)
  })

  it('writes the first agency as UTF-8 with BOM and the second as Windows-1252 with a matching sum line', () => {
    for (const f of csvs('no-dkf-')) expect([...readFileSync(join(DEMO, f)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    for (const f of csvs('no-ssda-')) {
      const text = decode(readFileSync(join(DEMO, f)))
      const sumLine = text.trimEnd().split('\r\n').at(-1) ?? ''
      expect(sumLine.startsWith('Sum;')).toBe(true)
      const total = rows(f, ';', 'Bilagsnr').reduce((a, r) => a + minor(r.Beløp, ','), 0n)
      expect(minor(cells(sumLine, ';').at(-1) ?? '', ',')).toBe(total)
    }
  })

  it('has hundreds of suppliers, spelled in several ways, with skewed spend', () => {
    const uk = csvs('uk-dis-').flatMap((f) => rows(f, ',', 'Department Family'))
    const no = csvs('no-').flatMap((f) => rows(f, ';', f.startsWith('no-dkf') ? 'Virksomhet' : 'Bilagsnr'))
    const names = new Set([...uk.map((r) => r.Supplier), ...no.map((r) => r.Leverandør)])
    expect(names.size).toBeGreaterThan(400)
    // Same organisation number under more than one spelling.
    const spellings = new Map<string, Set<string>>()
    for (const r of no) {
      if (r.Organisasjonsnummer === '') continue
      const s = spellings.get(r.Organisasjonsnummer) ?? new Set()
      s.add(r.Leverandør)
      spellings.set(r.Organisasjonsnummer, s)
    }
    expect([...spellings.values()].filter((s) => s.size > 1).length).toBeGreaterThan(50)
    // Pareto-like: the top 20% of UK suppliers by spend hold well over half of it.
    const bySupplier = new Map<string, bigint>()
    for (const r of uk) {
      const key = r.Supplier.toUpperCase().replace(/\b(LTD\.?|LIMITED|PLC|PUBLIC LIMITED COMPANY)$/, '').trim()
      bySupplier.set(key, (bySupplier.get(key) ?? 0n) + minor(r.Amount, '.'))
    }
    const sorted = [...bySupplier.values()].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))
    const total = sorted.reduce((a, b) => a + b, 0n)
    const top = sorted.slice(0, Math.ceil(sorted.length / 5)).reduce((a, b) => a + b, 0n)
    expect(top * 100n > total * 55n).toBe(true)
  })
})

describe('demo councils', () => {
  /** Every council file's rows (comma CSV, header first), with the council's name and its layout's columns. */
  const councilFiles = () => csvs('uk-').filter((f) => !f.startsWith('uk-dis-'))
  const council = (f: string) => {
    const header = cells(decode(readFileSync(join(DEMO, f))).split('\n')[0], ',')
    const all = rows(f, ',', header[0])
    const get = (r: Record<string, string>, names: string[]) => r[names.find((n) => n in r) ?? '']
    return all.map((r) => ({
      buyer: get(r, ['OrganisationLabel', 'Body Name', 'Organisation']),
      amount: minor(get(r, ['Amount']).replace('£', ''), '.'),
      code: get(r, ['ProclassCode', 'Proclass Code', 'ProClass Code']),
      label: get(r, ['ProclassLabel', 'Proclass Label', 'ProClass']),
      date: get(r, ['PaymentDate', 'Paid Date', 'Payment Date']),
    }))
  }

  it('has eight councils in three layouts, every month of 2023-2024 covered, every row with a category', () => {
    const byBuyer = new Map<string, Set<string>>()
    const headers = new Set<string>()
    for (const f of councilFiles()) {
      headers.add(decode(readFileSync(join(DEMO, f))).split('\n')[0])
      for (const r of council(f)) {
        expect(r.code).toMatch(/^\d{6}$/)
        expect(r.label).not.toBe('')
        const month = /^\d{4}-/.test(r.date) ? r.date.slice(0, 7) : `${r.date.slice(6)}-${r.date.slice(3, 5)}`
        const months = byBuyer.get(r.buyer) ?? new Set()
        months.add(month)
        byBuyer.set(r.buyer, months)
      }
    }
    expect(headers.size).toBe(3)
    expect(byBuyer.size).toBe(8)
    for (const [b, months] of byBuyer) expect(months.size, b).toBe(24)
  })

  it('sizes every council for both years, and no other buyer', () => {
    const lines = readFileSync(SIZES, 'utf8').trimEnd().split('\n')
    expect(lines[0]).toBe('buyer,year,population')
    const names = new Set(councilFiles().flatMap((f) => council(f).map((r) => r.buyer)))
    const sized = lines.slice(1).map((l) => l.split(','))
    expect(new Set(sized.map((c) => c[0]))).toEqual(names)
    expect(sized.map((c) => c[1]).sort()).toEqual([...names].flatMap(() => ['2023', '2024']).sort())
    for (const c of sized) expect(Number(c[2])).toBeGreaterThan(50_000)
  })
})
