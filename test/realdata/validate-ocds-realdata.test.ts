import {readdirSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {validateOcds} from '../../src/services/validate/ocds/index.js'
import {REALDATA} from '../helpers/cli.js'

const dir = join(REALDATA, 'ocds')
const files = readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.jsonl')).sort()

describe('validateOcds on the real OCDS files', () => {
  it('finds the files', () => {
    expect(files.length).toBeGreaterThan(0)
  })
  it.each(files)('%s: counts by code and severity', async (name) => {
    const out = await validateOcds(join(dir, name))
    const counts: Record<string, number> = {}
    for (const p of out.problems) {
      const k = `${p.severity} ${p.code}`
      counts[k] = (counts[k] ?? 0) + 1
    }
    const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    expect(out.problems.every((p) => p.line === null || p.line >= 1)).toBe(true)
    expect({rows: out.rows, counts: sorted}).toMatchSnapshot()
  }, 60_000)
})
