/**
 * A new user's first steps, as the README writes them: `npm link` puts
 * `spend` on the PATH (checked offline, into a temp prefix), `spend --help`
 * then works; the ./bin/run.js form works without it; the demo's closing hint
 * uses the same forms; shell completion is there as documented. Never
 * `npx spend`: on npm, `spend` is an unrelated package npx would download.
 */
import {readFileSync, realpathSync, statSync, writeFileSync, existsSync} from 'node:fs'
import {delimiter, dirname, join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'
import {BIN, ROOT, runCli, runProcess, tempDir} from '../helpers/cli.js'

// tempDir's folders are removed after this file (test/helpers/temp.ts).
const temp = (): string => tempDir('spendkit-start-')

const README = readFileSync(join(ROOT, 'README.md'), 'utf8')

/** The command lines (comments cut) of the first ```sh block under a README heading. */
function shellBlock(heading: string): {line: string; command: string}[] {
  const section = README.split(/^## /m).find((s) => s.startsWith(`${heading}\n`))
  expect(section, `README section "${heading}"`).toBeDefined()
  const block = /```sh\n([\s\S]*?)```/.exec(section!)
  expect(block, `a sh block in "${heading}"`).not.toBeNull()
  return block![1].split('\n').filter((l) => l.trim()).map((line) => ({line, command: line.replace(/\s+#.*$/, '').trim()}))
}

const sh = (command: string, env: Record<string, string>) => runProcess('sh', ['-c', command], {env})

describe('getting started as the README says', () => {
  it('"Using it" starts with npm link, after which `spend --help` works from the PATH', async () => {
    const [link, help] = shellBlock('Using it')
    expect(link.command).toBe('npm link')
    expect(link.line).toContain('./bin/run.js')
    expect(help.command).toBe('spend --help')
    const prefix = temp()
    const npmrc = join(prefix, 'npmrc')
    writeFileSync(npmrc, '')
    // npm's global prefix in a temp folder; offline, and without the prepare script (the build is already there).
    const npmEnv = {
      PATH: process.env.PATH ?? '', HOME: prefix, npm_config_prefix: prefix, npm_config_cache: join(prefix, 'cache'),
      npm_config_userconfig: npmrc, npm_config_offline: 'true', npm_config_ignore_scripts: 'true',
      npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false',
    }
    const linked = await sh(link.command, npmEnv)
    expect(linked.code, linked.stderr).toBe(0)
    const spend = join(prefix, 'bin', 'spend')
    expect(realpathSync(spend)).toBe(realpathSync(BIN))
    // Only the temp prefix's bin and node's own folder on the PATH: `spend` can only be the linked one.
    const r = await sh(help.command, {PATH: [join(prefix, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter), HOME: prefix, TZ: 'UTC', LANG: 'C'})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^Command-line toolkit for public-sector spend analysis/)
    expect(r.stdout).toMatch(/\n {2}\$ spend \[COMMAND\]\n/)
    expect(r.stdout).toMatch(/\n {2}import +Import spend files/)
  })

  it('./bin/run.js is the same command without npm link: executable, with a node shebang', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {bin: Record<string, string>}
    expect(pkg.bin).toEqual({spend: './bin/run.js'})
    expect(statSync(BIN).mode & 0o111).not.toBe(0)
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node')
    const r = await sh('./bin/run.js --help', {PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter), TZ: 'UTC', LANG: 'C'})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^Command-line toolkit/)
  })

  it("the demo's closing hint gives the same two forms, and nothing says npx spend", async () => {
    const {closingHint} = (await import(pathToFileURL(join(ROOT, 'scripts/demo.mjs')).href)) as {closingHint: (ws: string) => string}
    const hint = closingHint('/somewhere/.spendkit-demo')
    expect(hint).toContain('/somewhere/.spendkit-demo')
    expect(hint).toMatch(/^ {2}spend summary --workspace \.spendkit-demo --json +\(after npm link, once\)$/m)
    expect(hint).toMatch(/^ {2}\.\/bin\/run\.js summary --workspace \.spendkit-demo --json +\(without npm link\)$/m)
    for (const text of [README, hint]) {
      expect(text).not.toMatch(/npx\s+spend/)
      expect(text).not.toMatch(/node bin\/run\.js/)
    }
  })
})

describe('shell completion', () => {
  it('is documented, and `spend autocomplete bash|zsh` exits 0 with setup instructions', async () => {
    expect(README).toMatch(/`spend autocomplete bash` \(or `zsh`\)/)
    const home = temp()
    for (const shell of ['bash', 'zsh']) {
      const r = await runCli(['autocomplete', shell], {env: {HOME: home, XDG_CACHE_HOME: join(home, 'cache')}})
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toContain('Setup Instructions for SPEND CLI Autocomplete')
      expect(r.stdout).toContain(`spend autocomplete script ${shell}`)
    }
    // Its cache went to the given home, not the real one.
    expect(existsSync(join(home, 'cache', 'spendkit', 'autocomplete'))).toBe(true)
  })
})
