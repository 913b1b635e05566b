/**
 * `spend benchmark BUYER --chart FILE` end to end on a generated set of 8 GBP
 * buyers (Buyer A spends about twice the peers' share on IT, Buyer B pays one
 * dominant supplier) and one covering only half the year: each format is
 * written as its extension says while stdout keeps the table or JSON byte for
 * byte, the dot plots name the buyer and every peer, the bytes are the same
 * in any time zone and locale, and nothing to compare is exit 1 with no file.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'

type Json = Record<string, any>
const IT = '72000000-5'
const WORKS = '45000000-7'
const NAMES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((x) => `Buyer ${x}`)
const PEERS = NAMES.slice(1)

let ws = ''
let out = ''

beforeAll(async () => {
  ws = tempDir('spendkit-bench-chart-')
  out = tempDir('spendkit-bench-chart-out-')
  const lines = ['Buyer,Supplier,Date,Amount,Currency,CPV']
  NAMES.forEach((buyer, k) => {
    for (let month = 1; month <= 12; month++) {
      const date = `2024-${String(month).padStart(2, '0')}-15`
      for (let j = 0; j < 10; j++) {
        const it = k === 0 ? j < 4 : j < 2
        lines.push(`${buyer},Supplier ${k}-${j},${date},${600 + 10 * j + month + (it ? 10 * k : 0)}.00,GBP,${it ? IT : WORKS}`)
      }
      if (k === 1) lines.push(`${buyer},Supplier 1-0,${date},20000.00,GBP,${WORKS}`)
    }
  })
  for (let month = 7; month <= 12; month++) lines.push(`Buyer Late,Late Supplier,2024-${String(month).padStart(2, '0')}-15,800.00,GBP,${WORKS}`)
  const file = join(tempDir('spendkit-bench-chart-src-'), 'payments.csv')
  writeFileSync(file, lines.join('\n') + '\n')
  const r = await runCli(['import', file, '--workspace', ws])
  expect(r.code, r.stderr).toBe(0)
}, 60_000)

const ARGS = () => ['benchmark', 'Buyer A', '--peers', PEERS.join(','), '--workspace', ws]

const LOOKS: Record<string, (b: Buffer) => boolean> = {
  'svg': (b) => b.toString('utf8').startsWith('<svg ') && b.toString('utf8').includes('<title id='),
  'png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'vl.json': (b) => JSON.parse(b.toString('utf8')).$schema.includes('vega-lite'),
  'html': (b) => b.toString('utf8').startsWith('<!DOCTYPE html>') && b.toString('utf8').includes('<svg '),
}

describe('spend benchmark --chart', () => {
  it('writes .svg, .png, .vl.json and .html while stdout keeps the same table, and --json the same JSON', async () => {
    const plain = await runCli(ARGS())
    expect(plain.code, plain.stderr).toBe(0)
    for (const ext of Object.keys(LOOKS)) {
      const file = join(out, `bench.${ext}`)
      const r = await runCli([...ARGS(), '--chart', file])
      expect(r.code, `${ext}: ${r.stderr}`).toBe(0)
      expect(r.stdout, ext).toBe(plain.stdout)
      expect(LOOKS[ext](readFileSync(file)), ext).toBe(true)
    }
    const json = await runCli([...ARGS(), '--json'])
    const drawn = await runCli([...ARGS(), '--json', '--chart', join(out, 'json.vl.json')])
    expect(drawn.code, drawn.stderr).toBe(0)
    expect(drawn.stdout).toBe(json.stdout)
  })

  it('draws each compared measure with a dot per peer and the buyer, the IT share flagged in its title line', async () => {
    const result: Json = JSON.parse((await runCli([...ARGS(), '--json'])).stdout)
    const spec: Json = JSON.parse(readFileSync(join(out, 'json.vl.json'), 'utf8'))
    expect(spec.title.text).toBe(`Buyer A against ${PEERS.length} peers`)
    expect(spec.title.subtitle).toContain(result.sentence)
    const it = result.measures.find((m: Json) => m.measure === 'category_mix' && String(m.category_code).startsWith('72'))
    expect(it.flag).toBe('high')
    const panel = spec.vconcat.find((p: Json) => p.title.text.startsWith('Share of spend on IT'))
    expect(panel.title.text).toMatch(/: high$/)
    const dots = panel.layer.find((l: Json) => l.mark.shape === 'circle').data.values
    expect(dots.map((d: Json) => d.hover.split(':')[0]).sort()).toEqual([...PEERS].sort())
    expect(panel.layer.find((l: Json) => l.mark.shape === 'diamond').data.values[0].value).toBeCloseTo(it.value, 9)
    // Every panel is a measure of the JSON, in its order.
    const labels = result.measures.map((m: Json) => m.label.toLowerCase())
    const order = spec.vconcat.map((p: Json) => labels.indexOf(p.title.text.replace(/: [^:]*$/, '').toLowerCase()))
    expect(order.every((i: number) => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    const svg = readFileSync(join(out, 'bench.svg'), 'utf8')
    for (const peer of PEERS) expect(svg).toContain(`<title>${peer}: `)
  })

  it('writes the same SVG and PNG bytes in any time zone and locale', async () => {
    for (const ext of ['svg', 'png']) {
      const files = [join(out, `east.${ext}`), join(out, `west.${ext}`)]
      const east = await runCli([...ARGS(), '--chart', files[0]], {env: {TZ: 'Pacific/Kiritimati', LANG: 'nb_NO.UTF-8', LC_ALL: 'nb_NO.UTF-8'}})
      const west = await runCli([...ARGS(), '--chart', files[1]], {env: {TZ: 'America/Los_Angeles', LANG: 'C'}})
      expect([east.code, west.code]).toEqual([0, 0])
      expect(readFileSync(files[0]).equals(readFileSync(files[1])), ext).toBe(true)
    }
  })

  it('exits 1 and writes no file when there is no peer to compare with', async () => {
    const file = join(out, 'none.svg')
    // Buyer Late covers only half of 2024, so it is left out and no peer remains.
    const r = await runCli(['benchmark', 'Buyer A', '--peers', 'Buyer Late', '--from', '2024-01', '--to', '2024-12', '--workspace', ws, '--chart', file])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stderr).toMatch(/^spend: error: No peer is left to compare Buyer A with/m)
    expect(r.stdout).toBe('')
    expect(existsSync(file)).toBe(false)
  })

  it('refuses a file name with no known extension: exit 2, one line, no file', async () => {
    const file = join(out, 'bench.jpeg')
    const r = await runCli([...ARGS(), '--chart', file])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^spend: error: --chart: .*\.svg/)
    expect(existsSync(file)).toBe(false)
  })
})
