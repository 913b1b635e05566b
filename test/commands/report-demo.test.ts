/**
 * The default report of the demo data (fixtures/demo): report.md as a
 * snapshot, so a change in what the report says shows in review.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

let dir = ''

beforeAll(async () => {
  dir = tempDir('spendkit-report-demo-')
  expect((await runCli(['import', fixture('demo'), '--workspace', join(dir, 'ws')])).code).toBe(0)
})

describe('the default report of the demo data', () => {
  it('says what the snapshot says (report.md), with the benchmark npm run demo asks for', async () => {
    const demo = (await import(pathToFileURL(join(import.meta.dirname, '..', '..', 'scripts', 'demo.mjs')).href)) as {REPORT_ARGS: string[]; SETUP_STEPS: [string, string[]][]}
    const args = demo.REPORT_ARGS.map((a) => (a === 'demo-report' ? 'report' : a))
    expect(args).toContain('--benchmark')
    // The rules and the crosswalk npm run demo stores first.
    expect(demo.SETUP_STEPS.map(([, a]) => a.slice(0, 2).join(' '))).toEqual(['classify apply', 'entities suggest', 'entities apply'])
    for (const [, step] of demo.SETUP_STEPS) expect((await runCli([...step, '-w', 'ws'], {cwd: dir})).code).toBe(0)
    const r = await runCli([...args, '-w', 'ws'], {cwd: dir})
    expect(r.code).toBe(0)
    await expect(readFileSync(join(dir, 'report', 'report.md'), 'utf8')).toMatchFileSnapshot('__snapshots__/report-demo.md')
  })
})
