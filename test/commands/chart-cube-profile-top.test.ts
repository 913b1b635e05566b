/**
 * --chart on `spend cube`, `spend profile supplier|buyer` and `spend top
 * categories --by buyer` (the category mix), on part of the demo data: the
 * file is written in the format its extension names, the table still goes to
 * stdout unchanged, and a cube of three dimensions is refused (exit 2).
 */
import {existsSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

let ws = ''
let out = ''
const FILES = ['no-dkf-leverandorer-2023.csv', 'no-dkf-leverandorer-2024.csv', 'no-ssda-leverandorreskontro-2024.csv', 'uk-dis-spend-over-25k-2023-01.csv']
const run = (args: string[]) => runCli([...args, '--workspace', ws])
const spec = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as {vconcat?: Record<string, any>[]} & Record<string, any>
/** The charts of a spec file: its vconcat, or the spec itself. */
const charts = (file: string) => {
  const s = spec(file)
  return s.vconcat ?? [s]
}

beforeAll(async () => {
  ws = tempDir('spendkit-charts-b-')
  out = tempDir('spendkit-charts-b-out-')
  expect((await runCli(['import', ...FILES.map((f) => fixture('demo', f)), '--workspace', ws])).code).toBe(0)
})
afterAll(() => {
  rmSync(ws, {recursive: true, force: true})
  rmSync(out, {recursive: true, force: true})
})

describe('spend cube --chart', () => {
  it('draws a heat map of two dimensions per currency (SVG), the table still on stdout', async () => {
    const file = join(out, 'cube.svg')
    const plain = await run(['cube', '--by', 'buyer,category'])
    const drawn = await run(['cube', '--by', 'buyer,category', '--chart', file])
    expect(drawn.code, drawn.stderr).toBe(0)
    expect(drawn.stdout).toBe(plain.stdout)
    const svg = readFileSync(file, 'utf8')
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain('Spend by buyer and category')
    expect(svg).toMatch(/<desc [^>]*>Heat map of spend in GBP/)
    expect(svg).toMatch(/<desc [^>]*>[^<]*Heat map of spend in NOK/)
  })

  it('draws bars for one dimension, one chart per currency (Vega-Lite spec)', async () => {
    const file = join(out, 'cube.vl.json')
    const r = await run(['cube', '--by', 'supplier', '--json', '--chart', file])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).by).toEqual(['supplier'])
    const list = charts(file)
    expect(list.map((c) => c.title.subtitle[0].split(' ')[0])).toEqual(['GBP', 'NOK'])
    for (const c of list) expect(c.data.values.length).toBeLessThanOrEqual(30)
  })

  it('refuses three dimensions with a one-line usage error (exit 2) and writes nothing', async () => {
    const file = join(out, 'cube3.svg')
    const r = await run(['cube', '--by', 'buyer,category,year', '--chart', file])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^spend: error: --chart: a chart draws one or two dimensions, not 3/)
    expect(r.stdout).toBe('')
    expect(existsSync(file)).toBe(false)
    expect((await run(['cube', '--by', 'buyer,category,year'])).code).toBe(0)
  })
})

describe('spend profile --chart', () => {
  it('supplier: spend by year as a PNG, the profile still on stdout', async () => {
    const top = JSON.parse((await run(['top', 'suppliers', '--top', '1', '--json'])).stdout) as {rows: {supplier: string}[]}
    const name = top.rows[0].supplier
    const file = join(out, 'supplier.png')
    const plain = await run(['profile', 'supplier', name, '--json'])
    const drawn = await run(['profile', 'supplier', name, '--json', '--chart', file])
    expect(drawn.code, drawn.stderr).toBe(0)
    expect(drawn.stdout).toBe(plain.stdout)
    expect(readFileSync(file).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  })

  it('buyer: fiscal years as ordinal labels, the amounts of the profile', async () => {
    const file = join(out, 'buyer.vl.json')
    const r = await run(['profile', 'buyer', 'Direktoratet for kystforvaltning', '--fiscal-year-start', '4', '--json', '--chart', file])
    expect(r.code, r.stderr).toBe(0)
    const years = (JSON.parse(r.stdout) as {years: {year: string; amount: string}[]}).years
    const [chart] = charts(file)
    expect(chart.encoding.x.type).toBe('ordinal')
    expect(chart.data.values).toEqual(years.map((y) => ({year: y.year, amount: Number(y.amount)})))
  })
})

describe('spend top categories --by buyer --chart', () => {
  it('draws the category mix: stacked bars per buyer, the table unchanged', async () => {
    const file = join(out, 'mix.vl.json')
    const plain = await run(['top', 'categories', '--by', 'buyer'])
    const drawn = await run(['top', 'categories', '--by', 'buyer', '--chart', file])
    expect(drawn.code, drawn.stderr).toBe(0)
    expect(drawn.stdout).toBe(plain.stdout)
    const list = charts(file)
    expect(list.map((c) => c.title.text)).toEqual(['Category mix per buyer', 'Category mix per buyer'])
    const nok = list[1]
    const buyers = (JSON.parse((await run(['cube', '--by', 'buyer', '--json'])).stdout) as {rows: {currency: string; buyer: string}[]}).rows.filter((r) => r.currency === 'NOK')
    const drawnBuyers = [...new Set(nok.data.values.map((v: {buyer: string}) => v.buyer))] as string[]
    expect(drawnBuyers).toHaveLength(buyers.length)
    drawnBuyers.forEach((b, i) => expect(buyers[i].buyer.startsWith(b.replace(/…$/, ''))).toBe(true))
    expect(nok.encoding.color.scale.domain.length).toBeLessThanOrEqual(11)
  })
})
