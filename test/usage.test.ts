/**
 * "Did you mean" and the one-line usage errors, as pure functions: the edit
 * distance, the nearest name, and oclif's real parse errors (made by oclif's
 * own parser, so a change in its wording shows here) turned into the
 * README's format.
 */
import {Args, Flags, Parser} from '@oclif/core'
import {describe, expect, it} from 'vitest'
import {closest, editDistance, maxEdits} from '../src/suggest.js'
import {type CommandSpec, commandNotFoundLine, type Known, parseErrorLine, suggestFlag, unknownFlagsLine} from '../src/usage.js'

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('import', 'import')).toBe(0)
    expect(editDistance('imprt', 'import')).toBe(1) // deletion
    expect(editDistance('importt', 'import')).toBe(1) // insertion
    expect(editDistance('impart', 'import')).toBe(1) // substitution
    expect(editDistance('tpo', 'top')).toBe(1) // swap
    expect(editDistance('rmove', 'remove')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('abc', '')).toBe(3)
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('ca', 'abc')).toBe(3) // optimal string alignment: no edit of a swapped pair
  })

  it('is symmetric and never more than the longer length', () => {
    const words = ['', 'a', 'by', 'bye', 'buyer', 'summary', 'sumary', 'concentration', 'cube', 'top']
    for (const a of words) {
      for (const b of words) {
        expect(editDistance(a, b)).toBe(editDistance(b, a))
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length))
      }
    }
  })
})

describe('closest', () => {
  it('finds the nearest within about one edit in three characters, else a unique start', () => {
    expect(closest('bye', ['buyer', 'by', 'top'])).toBe('by')
    expect(closest('sumary', ['summary', 'cube'])).toBe('summary')
    expect(closest('SUMMARY', ['summary'])).toBe('summary')
    expect(closest('conc', ['concentration', 'cube'])).toBe('concentration')
    expect(closest('co', ['concentration', 'cube'])).toBeUndefined()
    expect(closest('zzz', ['by', 'top'])).toBeUndefined()
    expect(closest('x', ['by', 'y'])).toBeUndefined()
    expect(maxEdits(3)).toBe(1)
    expect(maxEdits(9)).toBe(3)
  })

  it('breaks ties the same way whatever the order of the candidates', () => {
    expect(closest('tob', ['top', 'tot'])).toBe('top')
    expect(closest('tob', ['tot', 'top'])).toBe('top')
  })
})

const cube: CommandSpec = {id: 'cube', flags: [{name: 'by'}, {name: 'buyer'}, {name: 'top'}, {name: 'format'}, {name: 'workspace', char: 'w'}, {name: 'json'}]}

/** The error oclif's own parser throws for argv. */
async function parseError(argv: string[], input: Parameters<typeof Parser.parse>[1]): Promise<Error> {
  try {
    await Parser.parse(argv, input)
  } catch (error) {
    return error as Error
  }
  throw new Error(`no parse error for ${argv.join(' ')}`)
}

describe('unknown flags', () => {
  it('says which flag and suggests the nearest, or points to the help', () => {
    expect(unknownFlagsLine(['--bye'], cube)).toBe('--bye: unknown flag (did you mean --by?)')
    expect(unknownFlagsLine(['--bye=3'], cube)).toBe('--bye: unknown flag (did you mean --by?)')
    expect(unknownFlagsLine(['--zzzz'], cube)).toBe('--zzzz: unknown flag (see spend cube --help)')
    expect(unknownFlagsLine(['--bye', '-q'], cube)).toBe('--bye: unknown flag (did you mean --by?); -q: unknown flag (see spend cube --help)')
    expect(suggestFlag('--hlep', cube.flags)).toBe('--help')
    expect(suggestFlag('-q', cube.flags)).toBeUndefined()
  })
})

describe('parseErrorLine on oclif parse errors', () => {
  const flags = {by: Flags.string({required: true}), top: Flags.integer({min: 1}), format: Flags.option({options: ['csv', 'md'] as const})()}

  it('unknown flag', async () => {
    expect(parseErrorLine(await parseError(['--by', 'x', '--bye'], {flags}), cube)).toBe('--bye: unknown flag (did you mean --by?)')
  })

  it('missing required flag, missing and unexpected arguments', async () => {
    expect(parseErrorLine(await parseError([], {flags}), cube)).toBe('cube: missing required flag --by (see spend cube --help)')
    const remove = {id: 'imports remove', flags: []}
    expect(parseErrorLine(await parseError([], {args: {id: Args.string({required: true})}}), remove)).toBe('imports remove: missing argument ID (see spend imports remove --help)')
    expect(parseErrorLine(await parseError(['x', 'y'], {}), {id: 'summary', flags: []})).toBe('summary: unexpected arguments "x", "y" (see spend summary --help)')
  })

  it('bad values', async () => {
    expect(parseErrorLine(await parseError(['--by', 'x', '--format', 'xyz'], {flags}), cube)).toBe('--format: "xyz" is not one of csv, md (see spend cube --help)')
    expect(parseErrorLine(await parseError(['--by', 'x', '--format'], {flags}), cube)).toBe('--format: needs a value, one of csv, md (see spend cube --help)')
    expect(parseErrorLine(await parseError(['--by'], {flags}), cube)).toBe('--by: needs a value (see spend cube --help)')
    expect(parseErrorLine(await parseError(['--by', 'x', '--top', 'abc'], {flags}), cube)).toBe('--top: expected an integer but received: abc (see spend cube --help)')
    const top = {id: 'top', flags: []}
    expect(parseErrorLine(await parseError(['nobody'], {args: {what: Args.string({options: ['suppliers', 'buyers'], required: true})}}), top))
      .toBe('top: "nobody" is not one of suppliers, buyers (see spend top --help)')
  })

  it('anything else keeps its text, on one line, with the help', () => {
    expect(parseErrorLine(new Error('Flag --by can only be\nspecified once\nSee more help with --help'), cube)).toBe('cube: flag --by can only be specified once (see spend cube --help)')
  })
})

describe('commandNotFoundLine', () => {
  const known: Known = {
    commands: ['import', 'imports', 'imports remove', 'inspect', 'summary', 'cube', 'top', 'pareto', 'concentration', 'trend', 'profile buyer', 'profile supplier']
      .map((id) => ({id, flags: id === 'cube' ? cube.flags : id === 'summary' ? [{name: 'json'}, {name: 'workspace', char: 'w'}] : []})),
    topics: ['imports', 'profile'],
  }

  it('suggests the nearest command, at the level of the mistake', () => {
    expect(commandNotFoundLine('imprt', [], known)).toBe('imprt: unknown command (did you mean import? see spend --help)')
    // oclif joins every word up to the first flag into the id.
    expect(commandNotFoundLine('imprt:data/file.csv', ['--json'], known)).toBe('imprt: unknown command (did you mean import? see spend --help)')
    expect(commandNotFoundLine('imports:rmove', [], known)).toBe('imports rmove: unknown command (did you mean imports remove? see spend imports --help)')
    expect(commandNotFoundLine('imports:rmove:3f2a', [], known)).toBe('imports rmove: unknown command (did you mean imports remove? see spend imports --help)')
    expect(commandNotFoundLine('profle:supplier:ACME', [], known)).toBe('profle: unknown command (did you mean profile supplier? see spend --help)')
    expect(commandNotFoundLine('profile:suplier:ACME', [], known)).toBe('profile suplier: unknown command (did you mean profile supplier? see spend profile --help)')
    expect(commandNotFoundLine('profile:foo', [], known)).toBe('profile foo: unknown command (see spend profile --help)')
    expect(commandNotFoundLine('frobnicate', [], known)).toBe('frobnicate: unknown command (see spend --help)')
  })

  it('calls words under a command that takes none unexpected arguments', () => {
    expect(commandNotFoundLine('summary:extra', [], known)).toBe('summary: unexpected argument "extra" (see spend summary --help)')
    expect(commandNotFoundLine('imports:extra', [], known)).toBe('imports: unexpected argument "extra" (see spend imports --help)')
  })

  it('tells a flag before the command to go after it', () => {
    expect(commandNotFoundLine('--json', ['summary'], known)).toBe('--json: flag before the command (flags go after the command: spend summary --json)')
    expect(commandNotFoundLine('-w', ['my ws', 'summary', '--json'], known)).toBe("-w: flag before the command (flags go after the command: spend summary -w 'my ws' --json)")
    expect(commandNotFoundLine('--bye', ['cube'], known)).toBe('--bye: unknown flag (did you mean --by? flags go after the command: spend cube --by)')
    expect(commandNotFoundLine('--zzzz', ['cube'], known)).toBe('--zzzz: unknown flag (see spend cube --help)')
    expect(commandNotFoundLine('--hepl', [], known)).toBe('--hepl: unknown flag (did you mean --help? see spend --help)')
    expect(commandNotFoundLine('--bye', [], known)).toBe('--bye: unknown flag (see spend --help)')
  })
})
