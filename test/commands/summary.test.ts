import {describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

describe('spend summary', () => {
  it('returns the JSON contract with exact totals per currency, never added across currencies', async () => {
    const ws = tempDir()
    await runCli(['import', fixture('cli/uk-25k-small.csv'), fixture('cli/latin1-semicolon.csv'), '--workspace', ws])
    const r = await runCli(['summary', '--workspace', ws, '--json'])
    expect(r.code).toBe(0)
    const s = JSON.parse(r.stdout)
    expect(Object.keys(s).slice(0, 6)).toEqual(['rows', 'buyers', 'suppliers', 'from', 'to', 'totals'])
    expect(s.rows).toBe(6)
    expect(s.buyers).toBe(2)
    expect(s.from).toBe('2024-04-03')
    expect(s.to).toBe('2024-04-17')
    expect(s.totals).toEqual([{currency: 'GBP', amount: '58134.50'}, {currency: 'NOK', amount: '984.50'}])
    expect(s.quality.redacted).toBe(1)
    expect(s.per_import).toHaveLength(2)
  })

  it('says where each buyer came from', async () => {
    const ws = tempDir()
    await runCli(['import', fixture('cli/formula.csv'), '--buyer', 'Test Council', '--currency', 'GBP', '--workspace', ws])
    const s = JSON.parse((await runCli(['summary', '--workspace', ws, '--json'])).stdout)
    expect(s.by_buyer).toEqual([expect.objectContaining({buyer: 'Test Council', origins: ['flag']})])
  })

  it('prints CSV with a header when piped, and Markdown and tables on request', async () => {
    const ws = tempDir()
    await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', ws])
    const csv = await runCli(['summary', '--workspace', ws])
    expect(csv.stdout.split('\n')[0]).toMatch(/^scope,file,rows,buyers,suppliers,from,to,currency,amount/)
    expect(csv.stdout).not.toMatch(/\u001B\[/)
    const md = await runCli(['summary', '--workspace', ws, '--format', 'md'])
    expect(md.stdout).toContain('| Total GBP | 58,134.50 |')
    const table = await runCli(['summary', '--workspace', ws, '--format', 'table'])
    for (const line of table.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80)
  })

  it('works on an empty workspace and says how to start', async () => {
    const r = await runCli(['summary', '--workspace', tempDir(), '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({rows: 0, buyers: 0, suppliers: 0, from: null, to: null, totals: []})
    const text = await runCli(['summary', '--workspace', tempDir()])
    expect(text.stderr).toMatch(/no imports yet/)
  })

  it('gives the same bytes in any time zone and locale', async () => {
    const ws = tempDir()
    await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', ws])
    const a = await runCli(['summary', '--workspace', ws, '--format', 'md'], {env: {TZ: 'Pacific/Kiritimati', LANG: 'nb_NO.UTF-8', LC_ALL: 'nb_NO.UTF-8'}})
    const b = await runCli(['summary', '--workspace', ws, '--format', 'md'], {env: {TZ: 'America/Los_Angeles', LANG: 'C'}})
    expect(a.stdout).toBe(b.stdout)
  })
})
