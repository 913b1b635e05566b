/**
 * The command surface scripts rely on (ids, args, flags) must change only on
 * purpose: command-snapshot.json is checked in and compared with the manifest
 * that `npm run build` writes. Also: every command has a schema, and the tiny
 * schema checker really rejects what it should.
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'
import {ROOT} from '../helpers/cli.js'
import {check, loadSchema} from './schema-check.js'

interface Manifest {
  commands: Record<string, unknown>
}
interface SnapshotEntry {
  command: string
}
interface SnapshotModule {
  snapshot: (m: Manifest) => SnapshotEntry[]
  snapshotText: (m: Manifest) => string
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as Manifest
const loadScript = async (): Promise<SnapshotModule> => (await import(pathToFileURL(join(ROOT, 'scripts/snapshot.mjs')).href)) as SnapshotModule

describe('command-snapshot.json', () => {
  it('matches the built manifest (flags and args are a contract)', async () => {
    const {snapshot, snapshotText} = await loadScript()
    const checkedIn = readFileSync(join(ROOT, 'command-snapshot.json'), 'utf8')
    if (checkedIn === snapshotText(manifest)) return
    const before = new Map((JSON.parse(checkedIn) as SnapshotEntry[]).map((e) => [e.command, JSON.stringify(e)]))
    const after = new Map(snapshot(manifest).map((e) => [e.command, JSON.stringify(e)]))
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id)).sort()
    expect.fail(
      `command flags/args changed for: ${changed.join(', ') || '(formatting only)'}. ` +
        'Scripts depend on these names: review the change, then run `node scripts/snapshot.mjs` to accept it.',
    )
  })

  it('is sorted and deterministic', async () => {
    const {snapshot} = await loadScript()
    const ids = snapshot(manifest).map((e) => e.command)
    expect(ids).toEqual([...ids].sort())
    const shuffled: Manifest = {commands: Object.fromEntries(Object.entries(manifest.commands).reverse())}
    expect(JSON.stringify(snapshot(shuffled))).toBe(JSON.stringify(snapshot(manifest)))
  })
})

describe('schemas/*.json', () => {
  it.each(Object.keys(manifest.commands))('%s has a schema for its --json output', (id) => {
    expect(existsSync(join(ROOT, 'schemas', `${id.replaceAll(':', '-')}.json`))).toBe(true)
  })

  it('the checker rejects a wrong type, a missing field, a bad pattern and a value outside enum', () => {
    const summary = loadSchema('summary')
    const good = {
      rows: 2, buyers: 1, suppliers: 2, from: null, to: '2024-01-31', totals: [{currency: 'GBP', amount: '-12.50'}], extra: 1,
      supplier_names: 2, unidentified: [{currency: 'GBP', amount: '0.00', count: 0, share: 0}],
      identical_rows: 0, identical_groups: 0, supplier_rule: {suppliers: 'a', supplier_names: 'b', unidentified: 'c'}, identical_rule: 'd', unidentified_suppliers: 'left-out', filters: {},
    }
    expect(check(summary, good)).toEqual([])
    expect(check(summary, {...good, rows: 2.5})).toEqual(['$.rows: expected integer, got number 2.5'])
    expect(check(summary, {...good, to: '31/01/2024'})[0]).toMatch(/^\$\.to: .* does not match/)
    expect(check(summary, {...good, totals: [{currency: 'GBP', amount: 12.5}]})[0]).toMatch(/^\$\.totals\[0\]\.amount: expected string/)
    expect(check(summary, {...good, totals: [{currency: 'GBP', amount: '1,234.50'}]})).toHaveLength(1)
    const {buyers: _, ...noBuyers} = good
    expect(check(summary, noBuyers)).toEqual(['$: missing required "buyers"'])
    expect(check(loadSchema('error'), {error: {code: 'X', message: 'a', exit: 3}})[0]).toMatch(/not one of/)
    expect(() => check({type: 'object', oneOf: []}, {})).toThrow(/unsupported keyword "oneOf"/)
  })
})
