/**
 * Usage errors through the real binary: an unknown flag or command (before or
 * after the command), a missing flag or argument, a bad value: one line in the
 * README's format on stderr, exit 2, `{"error":{"code":"USAGE",...,"exit":2}}`
 * on stdout under --json; no usage dump, no stack; the guess is never run.
 */
import {readdirSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

// tempDir's folders are removed after this file (test/helpers/temp.ts).
const temp = (): string => tempDir('spendkit-usage-')

const CASES: [string[], string][] = [
  [['cube', '--by', 'buyer', '--bye'], '--bye: unknown flag (did you mean --by?)'],
  [['summary', '--bogus'], '--bogus: unknown flag (see spend summary --help)'],
  [['import', fixture('cli/uk-25k-small.csv'), '--replce'], '--replce: unknown flag (did you mean --replace?)'],
  [['imprt', fixture('cli/uk-25k-small.csv')], 'imprt: unknown command (did you mean import? see spend --help)'],
  [['imports', 'rmove', '3f2a9c'], 'imports rmove: unknown command (did you mean imports remove? see spend imports --help)'],
  [['profile', 'suplier', 'ACME'], 'profile suplier: unknown command (did you mean profile supplier? see spend profile --help)'],
  [['summary', 'extra'], 'summary: unexpected argument "extra" (see spend summary --help)'],
  [['--bye', 'cube', '--by', 'buyer'], '--bye: unknown flag (did you mean --by? flags go after the command: spend cube --by --by buyer)'],
  [['-w', 'ws', 'summary'], '-w: flag before the command (flags go after the command: spend summary -w ws)'],
  [['cube'], 'cube: missing required flag --by (see spend cube --help)'],
  [['imports', 'remove'], 'imports remove: missing argument ID (see spend imports remove --help)'],
  [['cube', '--by', 'buyer', '--format', 'xyz'], '--format: "xyz" is not one of table, csv, tsv, json, md (see spend cube --help)'],
  [['trend', '--every', 'week'], '--every: "week" is not one of year, quarter, month (see spend trend --help)'],
  [['cube', '--by', 'buyer', '--top', 'abc'], '--top: expected an integer but received: abc (see spend cube --help)'],
]

describe('usage errors', () => {
  it.each(CASES)('%s: one line, exit 2, the guess never run', async (args, line) => {
    const cwd = temp()
    const r = await runCli(args, {cwd})
    expect(r.stderr).toBe(`spend: error: ${line}\n`)
    expect(r.stdout).toBe('')
    expect(r.code).toBe(2)
    // Nothing ran: no workspace was created, nothing imported.
    expect(readdirSync(cwd)).toEqual([])
  })

  it.each(CASES)('%s --json: the JSON error shape on stdout, exit 2', async (args, line) => {
    const cwd = temp()
    const r = await runCli([...args, '--json'], {cwd})
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('')
    // The command line a flag-first mistake is corrected to includes the --json given.
    const message = line.replace(/(flags go after the command: spend [^)]*)\)$/, '$1 --json)')
    expect(JSON.parse(r.stdout)).toEqual({error: {code: 'USAGE', message, exit: 2}})
    expect(readdirSync(cwd)).toEqual([])
  })

  it('--json before the command gives the JSON shape too', async () => {
    const r = await runCli(['--json', 'summary'], {cwd: temp()})
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout)).toEqual({
      error: {code: 'USAGE', message: '--json: flag before the command (flags go after the command: spend summary --json)', exit: 2},
    })
  })
})
