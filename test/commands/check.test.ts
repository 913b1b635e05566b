/**
 * Damage on disk through the real binary: the case (one bit of a
 * part's date column flipped turned a dated row undated, and `summary`
 * printed the wrong range with exit 0) is now a one-line error naming the
 * part, the column, the import and the command that fixes it, exit 1;
 * `spend check` lists it and exits 1; running the fix it prints repairs it.
 */
import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import {basename, join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {openIpc} from '../../src/io/workspace/arrow-ipc.js'
import {check, loadSchema} from '../contracts/schema-check.js'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'

type Json = Record<string, any>

const DEMO = 'fixtures/demo/uk-dis-spend-over-25k-2023-02.csv'
const SMALL = 'fixtures/cli/uk-25k-small.csv'
let ws = ''
let ids: Record<string, string> = {}
let before = ''

async function spend(args: string[]) {
  return runCli([...args, '--workspace', ws], {cwd: ROOT})
}

beforeAll(async () => {
  ws = join(tempDir('spendkit-check-'), 'ws')
  const r = await spend(['import', DEMO, SMALL, '--json'])
  expect(r.code, r.stderr).toBe(0)
  // In the order given: each import's id under the path as typed.
  ids = Object.fromEntries((JSON.parse(r.stdout).imports as Json[]).map((i, k) => [[DEMO, SMALL][k], i.id]))
  before = (await spend(['summary', '--json'])).stdout
})

afterAll(() => {
  rmSync(join(ws, '..'), {recursive: true, force: true})
})

describe('spend check and damaged parts', () => {
  it('says every import is ok, exit 0, in the check.json shape', async () => {
    const r = await spend(['check', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as Json
    expect(check(loadSchema('check'), out)).toEqual([])
    expect(out.counts).toEqual({ok: 2, damaged: 0, unverifiable: 0})
  })

  it('a flipped bit in a part\'s date column: summary fails with one line naming part, column, import and fix; check lists it', async () => {
    const id = ids[DEMO]
    const part = join(ws, 'imports', id, 'part-00000.arrow')
    const bytes = readFileSync(part)
    const ipc = openIpc({size: bytes.length, read: (o, n) => bytes.subarray(o, o + n)})
    const keys = ipc.buffers(ipc.fields.findIndex((f) => f.name === 'date'))[1]
    bytes[keys.offset + 4] ^= 0x01
    writeFileSync(part, bytes)

    const summary = await spend(['summary'])
    expect(summary.code).toBe(1)
    expect(summary.stdout).toBe('')
    const fix = `spend import ${DEMO} --replace`
    expect(summary.stderr).toBe(
      `spend: error: ${part}: column date does not match its checksum: import ${id} (${basename(DEMO)}) is damaged ` +
      `(re-import it: ${fix}; or run spend check to list every damaged import)\n`,
    )
    const asJson = JSON.parse((await spend(['summary', '--json'])).stdout) as Json
    expect(asJson.error).toMatchObject({code: 'WORKSPACE_DAMAGED', exit: 1})
    // A query that does not read the date column still works.
    expect((await spend(['top', 'suppliers', '--json'])).code).toBe(0)

    const c = await spend(['check', '--json'])
    expect(c.code).toBe(1)
    const out = JSON.parse(c.stdout) as Json
    expect(check(loadSchema('check'), out)).toEqual([])
    expect(out.ok).toBe(false)
    expect(out.counts).toEqual({ok: 1, damaged: 1, unverifiable: 0})
    const damaged = (out.imports as Json[]).find((i) => i.id === id)!
    expect(damaged).toMatchObject({
      file: basename(DEMO), status: 'damaged', fix: `${fix} --workspace ${ws}`,
      problems: [{file: `imports/${id}/part-00000.arrow`, problem: 'column date does not match its checksum'}],
    })
    const table = await spend(['check', '--format', 'csv'])
    expect(table.code).toBe(1)
    expect(table.stdout).toContain(`${id},${basename(DEMO)},damaged,imports/${id}/part-00000.arrow: column date does not match its checksum,${fix} --workspace ${ws}`)
    expect(table.stderr).toMatch(/^1 of 2 imports damaged/)

    // The fix it names repairs it.
    const again = await runCli(damaged.fix.split(' ').slice(1), {cwd: ROOT})
    expect(again.code, again.stderr).toBe(0)
    expect((await spend(['check'])).code).toBe(0)
    expect((await spend(['summary', '--json'])).stdout).toBe(before)
  })
})
