/**
 * `spend import` and `spend inspect` on JSON that is not spend data: one line
 * saying what the file holds, exit 1, and the workspace exactly as it was.
 */
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli} from '../helpers/cli.js'

const dirs: string[] = []
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true})
})

/** Every path under a folder with its size: what "the workspace is unchanged" compares. */
function tree(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name)
      const st = statSync(p)
      out.push(`${relative(root, p)} ${st.isDirectory() ? 'dir' : st.size}`)
      if (st.isDirectory()) walk(p)
    }
  }
  walk(root)
  return out
}

let files: Record<string, string>
beforeAll(() => {
  const dir = temp('spendkit-notocds-')
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text)
    return join(dir, name)
  }
  files = {
    deep: write('deep.json', '['.repeat(300_000) + ']'.repeat(300_000)),
    object: write('config.json', '{"foo": 1, "bar": {"baz": [1, 2]}}'),
    objects: write('people.json', '[{"name": "Ann", "age": 31}, {"name": "Bo", "age": 42}]'),
  }
})

describe('JSON that is not OCDS', () => {
  it.each([
    ['deep', 'a JSON array nested 300,000 deep, not OCDS releases or records'],
    ['object', 'a JSON object with keys foo, bar: not an OCDS release or record package'],
    ['objects', 'a JSON array of 2 objects with keys name, age: not OCDS releases or records'],
  ])('%s: import fails with one line, exit 1, and leaves the workspace as it was', async (name, what) => {
    const ws = temp('spendkit-ws-')
    expect((await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', ws])).code).toBe(0)
    const before = tree(ws)
    const manifest = readFileSync(join(ws, 'manifest.json'), 'utf8')
    const r = await runCli(['import', files[name]!, '--workspace', ws])
    expect(r.code).toBe(1)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^spend: error: \S*\.json: /)
    expect(lines[0]).toContain(`.json: ${what} (`)
    expect(lines[0]).toMatch(/save other data as CSV/)
    expect(r.stdout).toBe('')
    expect(tree(ws)).toEqual(before)
    expect(readFileSync(join(ws, 'manifest.json'), 'utf8')).toBe(manifest)
    // Into a workspace that does not exist yet: no manifest, no import folder, no lock (at most the empty folder).
    const fresh = join(temp('spendkit-ws-'), 'new')
    expect((await runCli(['import', files[name]!, '--workspace', fresh])).code).toBe(1)
    expect(existsSync(fresh) ? readdirSync(fresh) : []).toEqual([])
  })

  it('--json gives the NOT_OCDS error shape', async () => {
    const r = await runCli(['import', files.deep!, '--workspace', temp('spendkit-ws-'), '--json'])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).error).toMatchObject({code: 'NOT_OCDS', exit: 1})
  })

  it('inspect explains it in the same one line, exit 1 like any file it cannot read', async () => {
    for (const name of ['deep', 'object', 'objects']) {
      const r = await runCli(['inspect', files[name]!])
      expect(r.code).toBe(1)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(/not (OCDS releases|an OCDS release)/)
      const j = await runCli(['inspect', files[name]!, '--json'])
      expect(JSON.parse(j.stdout).error.code).toBe('NOT_OCDS')
    }
  })

  it('real OCDS fixtures still import', async () => {
    const ws = temp('spendkit-ws-')
    const r = await runCli(['import', fixture('ocds/multi-supplier-split.json'), fixture('ocds/releases.jsonl'), '--workspace', ws, '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).imports.every((i: {rows: {imported: number}}) => i.rows.imported > 0)).toBe(true)
  })
})
