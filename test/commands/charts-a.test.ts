/**
 * `--chart FILE` on spend trend, pareto and concentration, end to end on the
 * demo data: each format is written as its extension says while stdout keeps
 * the table, byte for byte; a file name with no known extension is a usage
 * error (exit 2, one line, nothing written) and nothing to draw is a data
 * error (exit 1), never an empty file read as a chart.
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

let ws = ''
let out = ''

beforeAll(async () => {
  ws = tempDir()
  out = tempDir('spendkit-charts-')
  const r = await runCli(['import', fixture('demo'), '--workspace', ws])
  expect(r.code).toBe(0)
})

const COMMANDS: [string, string[]][] = [
  ['trend', ['trend', '--every', 'quarter', '--by', 'buyer']],
  ['pareto', ['pareto']],
  ['concentration', ['concentration', '--by', 'buyer']],
]

const LOOKS: Record<string, (b: Buffer) => boolean> = {
  'svg': (b) => b.toString('utf8').startsWith('<svg ') && b.toString('utf8').includes('<title id='),
  'png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'vl.json': (b) => JSON.parse(b.toString('utf8')).$schema.includes('vega-lite'),
  'html': (b) => b.toString('utf8').startsWith('<!DOCTYPE html>') && b.toString('utf8').includes('<svg '),
}

describe.each(COMMANDS)('spend %s --chart', (name, args) => {
  it('writes .svg, .png, .vl.json and .html, and stdout still has the same table', async () => {
    const plain = await runCli([...args, '--workspace', ws])
    expect(plain.code).toBe(0)
    expect(plain.stdout.split('\n').length).toBeGreaterThan(2)
    for (const ext of Object.keys(LOOKS)) {
      const file = join(out, `${name}.${ext}`)
      const r = await runCli([...args, '--workspace', ws, '--chart', file])
      expect(r.code, `${ext}: ${r.stderr}`).toBe(0)
      expect(r.stdout, ext).toBe(plain.stdout)
      expect(LOOKS[ext](readFileSync(file)), ext).toBe(true)
    }
    // One chart per currency (the demo has GBP and NOK), stacked in one file.
    const spec = JSON.parse(readFileSync(join(out, `${name}.vl.json`), 'utf8'))
    expect(spec.vconcat).toHaveLength(2)
  })

  it('writes the same SVG and PNG bytes in any time zone and locale', async () => {
    for (const ext of ['svg', 'png']) {
      const files = [join(out, `${name}-east.${ext}`), join(out, `${name}-west.${ext}`)]
      const east = await runCli([...args, '--workspace', ws, '--chart', files[0]], {env: {TZ: 'Pacific/Kiritimati', LANG: 'nb_NO.UTF-8', LC_ALL: 'nb_NO.UTF-8'}})
      const west = await runCli([...args, '--workspace', ws, '--chart', files[1]], {env: {TZ: 'America/Los_Angeles', LANG: 'C'}})
      expect([east.code, west.code]).toEqual([0, 0])
      expect(readFileSync(files[0]).equals(readFileSync(files[1])), ext).toBe(true)
    }
  })

  it('refuses a file name with no known extension: exit 2, one line, no file', async () => {
    const file = join(out, `${name}.jpeg`)
    const r = await runCli([...args, '--workspace', ws, '--chart', file])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^spend: error: --chart: .*\.svg/)
    expect(r.stdout).toBe('')
    expect(existsSync(file)).toBe(false)
  })

  it('exits 1 when there are no rows to draw, and writes no file', async () => {
    const file = join(out, `${name}-none.svg`)
    const r = await runCli([...args, '--workspace', ws, '--from', '2031-01-01', '--chart', file])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stderr).toMatch(/^spend: error: --chart: no rows to draw/m)
    expect(existsSync(file)).toBe(false)
  })
})
