import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {describe, expect, it} from 'vitest'

import {validateOcds} from '../../src/services/validate/ocds/index.js'

const dir = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'fixtures', 'validate', 'ocds')
const run = (name: string) => validateOcds(join(dir, name))
const pick = (p: {code: string; severity: string; line: number | null; column: number | null; field?: string | null}) => ({
  code: p.code,
  severity: p.severity,
  line: p.line,
  column: p.column,
  field: p.field,
})

describe('validateOcds', () => {
  it('passes a clean release package with no errors and no warnings', async () => {
    const out = await run('clean.json')
    expect(out.problems).toEqual([])
    expect(out.rows).toBe(1)
    expect(out.guidance.version).toBe('1.1.5')
  })

  it.each([
    ['wrong-type.json', 'schema-type', 'error'],
    ['missing-required.json', 'schema-required', 'error'],
    ['bad-enum.json', 'schema-enum', 'error'],
    ['bad-format.json', 'schema-format', 'error'],
    ['no-currency.json', 'currency-missing', 'error'],
    ['negative-amount.json', 'negative-amount', 'warning'],
    ['no-suppliers.json', 'award-no-suppliers', 'warning'],
    ['no-date.json', 'date-missing', 'warning'],
    ['bad-scheme.json', 'supplier-scheme-unknown', 'warning'],
    ['not-in-parties.json', 'supplier-not-in-parties', 'warning'],
    ['duplicate-id.json', 'duplicate-release-id', 'error'],
  ])('%s: finds %s', async (name, code, severity) => {
    const out = await run(name)
    const found = out.problems.filter((p) => p.code === code).map(pick)
    expect(found.length).toBeGreaterThan(0)
    expect(found[0]?.severity).toBe(severity)
    expect(found.map((p) => `${p.line}:${p.column} ${p.field}`)).toMatchSnapshot()
  })

  it('reads JSON Lines of releases, locating each problem on its own line', async () => {
    const out = await run('lines.jsonl')
    expect(out.rows).toBe(2)
    expect(out.problems.map(pick)).toEqual([{code: 'schema-enum', severity: 'error', line: 2, column: 107, field: 'initiationType'}])
  })
})
