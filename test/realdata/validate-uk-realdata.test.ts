/**
 * The UK validators on the real published files under ../shared/realdata:
 * counts by severity and code per file, pinned from a run of the validator
 * (the snapshot), so a change in what is found shows up here.
 */
import {readdirSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {validateUk} from '../../src/services/validate/uk/index.js'
import {REALDATA} from '../helpers/cli.js'

/** Central government folders are checked against the £25,000 guidance, the councils' against the Transparency Code. */
const STANDARD: Record<string, 'uk-25k' | 'uk-lga'> = {
  'uk-bbsrc-over25k': 'uk-25k',
  'uk-bis-over25k': 'uk-25k',
  'uk-moj-family-over25k-may2010': 'uk-25k',
  'uk-gla-over250': 'uk-lga',
  'uk-oxford-city-council-over500': 'uk-lga',
  'uk-trafford-council-supplier-spend': 'uk-lga',
}

const files = Object.keys(STANDARD).flatMap((dir) => readdirSync(join(REALDATA, dir)).sort().map((f) => [`${dir}/${f}`, STANDARD[dir] as 'uk-25k' | 'uk-lga'] as const))

describe('validateUk on the real UK files', () => {
  it('finds every uk-* folder and its files', () => {
    expect(readdirSync(REALDATA).filter((d) => d.startsWith('uk-')).sort()).toEqual(Object.keys(STANDARD).sort())
    expect(files.length).toBeGreaterThanOrEqual(14)
  })
  it.each(files)('%s against %s: counts by severity and code', async (path, standard) => {
    const out = await validateUk(join(REALDATA, path), standard)
    const counts: Record<string, number> = {}
    for (const p of out.problems) {
      const k = `${p.severity} ${p.code}`
      counts[k] = (counts[k] ?? 0) + 1
    }
    const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    for (const p of out.problems) {
      expect(p.line === null || p.line >= 1).toBe(true)
      expect(p.column === null || p.column >= 1).toBe(true)
    }
    expect({rows: out.rows, counts: sorted}).toMatchSnapshot()
  }, 60_000)
})
