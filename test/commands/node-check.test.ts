/**
 * The Node.js version check in bin/run.js: zip import calls zlib.crc32, which
 * exists from Node 20.15, so an older Node must be told so at start-up in one
 * line, not fail later with an "internal error".
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'
import {BIN, ROOT, runProcess} from '../helpers/cli.js'

interface NodeCheck {
  MINIMUM: string
  nodeVersionProblem: (version: string) => string | null
}
const load = async (): Promise<NodeCheck> => (await import(pathToFileURL(join(ROOT, 'bin/node-check.js')).href)) as NodeCheck
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {engines: {node: string}; files: string[]}

/** Run bin/run.js with process.version replaced (set before bin/run.js runs). */
function runAs(version: string, args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
  const preload = `data:text/javascript,Object.defineProperty(process,'version',{value:${JSON.stringify(version)}})`
  return runProcess(process.execPath, ['--import', preload, BIN, ...args], {env: {PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C'}})
}

describe('Node.js version check', () => {
  it('states the same minimum as package.json engines, and ships with the package', async () => {
    const {MINIMUM} = await load()
    expect(pkg.engines.node).toBe(`>=${MINIMUM}`)
    expect(pkg.files).toContain('bin')
  })

  it('refuses versions below the minimum and accepts the minimum and later', async () => {
    const {MINIMUM, nodeVersionProblem} = await load()
    const [major, minor, patch] = MINIMUM.split('.').map(Number)
    for (const old of [`v${major}.${minor - 1}.9`, `v${major}.${minor - 1}.0`, `v${major - 2}.${minor + 5}.0`, 'v18.20.4', 'v8.0.0']) {
      expect(nodeVersionProblem(old), old).toBe(
        `spend: error: Node.js ${major}.${minor} or later is needed (this is ${old}): install a current Node.js LTS from https://nodejs.org or with a version manager (e.g. nvm install --lts), then run spend again`,
      )
    }
    for (const ok of [`v${MINIMUM}`, `v${major}.${minor}.${patch + 1}`, `v${major}.${minor + 1}.0`, `v${major + 1}.0.0`, 'v22.12.0', `${MINIMUM}`]) {
      expect(nodeVersionProblem(ok), ok).toBeNull()
    }
  })

  it('bin/run.js stops an old Node.js with one line and exit 1, before loading the CLI', async () => {
    const r = await runAs('v20.14.0', ['--help'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr.split('\n')).toHaveLength(2)
    expect(r.stderr).toMatch(/^spend: error: Node\.js 20\.15 or later is needed \(this is v20\.14\.0\): install .*\n$/)
    // The same run on the real version gets as far as the help.
    const ok = await runAs(process.version, ['--help'])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/^Command-line toolkit/)
  })
})
