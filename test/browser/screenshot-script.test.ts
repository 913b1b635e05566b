/**
 * scripts/screenshot.mjs: the browser harness outside the tests (for the
 * README's screenshot of the demo report). It saves WIDTHxHEIGHT of a quiet
 * page and refuses a page that makes a request, writing nothing.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runProcess, tempDir} from '../helpers/cli.js'
import {tempEnv} from '../helpers/temp.js'
import {PNG_SIGNATURE} from './page-facts.js'

const SCRIPT = join(ROOT, 'scripts', 'screenshot.mjs')
const run = (args: string[]) => runProcess(process.execPath, [SCRIPT, ...args], {env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...tempEnv()}})

describe('node scripts/screenshot.mjs', () => {
  it('saves the first WIDTHxHEIGHT of a page as PNG', async () => {
    const dir = tempDir('spendkit-screenshot-')
    const page = join(dir, 'page.html')
    writeFileSync(page, '<!doctype html><html><head><meta charset="utf-8"></head><body><svg width="300" height="3000"><rect width="300" height="3000" fill="#E69F00"/></svg></body></html>')
    const png = join(dir, 'page.png')
    const r = await run([page, png, '--width', '640', '--height', '480'])
    expect(r.code, r.stderr).toBe(0)
    const bytes = readFileSync(png)
    expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([640, 480])
  })

  it('blocks and refuses a page that makes a request, writing nothing', async () => {
    const dir = tempDir('spendkit-screenshot-')
    const page = join(dir, 'page.html')
    writeFileSync(page, '<!doctype html><html><head><link rel="stylesheet" href="http://example.invalid/x.css"></head><body>x</body></html>')
    const png = join(dir, 'page.png')
    const r = await run([page, png])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('blocked a request to http://example.invalid/x.css')
    expect(existsSync(png)).toBe(false)
  })

  it('exits 2 on bad usage', async () => {
    const r = await run(['only-one.html'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^screenshot: error: .*usage: node scripts\/screenshot.mjs/)
  })
})
