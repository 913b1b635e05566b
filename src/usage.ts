/**
 * Usage errors as one line in the README's format (`--bye: unknown flag (did
 * you mean --by?)`), for oclif's command-line parse errors (SpendCommand.catch)
 * and for unknown commands (the command_not_found hook). Suggests, never runs
 * the guess. Pure: the caller passes what it knows of the commands and flags.
 */
import {usageMsg} from './messages.js'
import {closest} from './suggest.js'

/** A flag as the parser knows it: long name without dashes, optional one-letter alias. */
export interface FlagSpec {
  name: string
  char?: string
}

/** A command as the help shows it: id with spaces (`imports remove`) and its flags. */
export interface CommandSpec {
  id: string
  flags: readonly FlagSpec[]
}

/** Flags every command understands besides its own: oclif's --help. */
const ALWAYS: FlagSpec[] = [{name: 'help'}]
/** Flags `spend` understands before any command. */
const ROOT_FLAGS: FlagSpec[] = [{name: 'help'}, {name: 'version'}]

const withHint = (what: string, hints: readonly string[]) => (hints.length ? `${what} (${hints.join('; ')})` : what)

/** The flag's name as typed, without a `=value`. */
const flagName = (given: string) => given.replace(/=.*$/s, '')

/**
 * Is `given` (`--by`, `-w`, `--format=csv`) one of `flags`?
 * @example isKnownFlag('--by=buyer', [{name: 'by'}]) // true
 */
export function isKnownFlag(given: string, flags: readonly FlagSpec[]): boolean {
  const name = flagName(given)
  return flags.some((f) => name === `--${f.name}` || (f.char !== undefined && name === `-${f.char}`))
}

/**
 * The flag nearest to a mistyped one, as `--name`; none for a lone unknown letter (`-q`).
 * @example suggestFlag('--bye', [{name: 'by'}, {name: 'buyer'}]) // '--by'
 */
export function suggestFlag(given: string, flags: readonly FlagSpec[]): string | undefined {
  const name = flagName(given).replace(/^-+/, '')
  if (name.length < 2) return undefined
  const hit = closest(name, [...flags, ...ALWAYS].map((f) => f.name))
  return hit === undefined ? undefined : `--${hit}`
}

/**
 * One line for unknown flags of a command.
 * @example unknownFlagsLine(['--bye'], {id: 'cube', flags: [{name: 'by'}]}) // '--bye: unknown flag (did you mean --by?)'
 */
export function unknownFlagsLine(given: readonly string[], command: CommandSpec): string {
  const parts = given.map((g) => {
    const guess = suggestFlag(g, command.flags)
    return withHint(usageMsg.unknownFlag(flagName(g)), [guess ? usageMsg.didYouMean(guess) : usageMsg.seeHelp(command.id)])
  })
  return parts.join('; ')
}

/** What oclif's parse errors carry besides the message (their classes are not exported). */
interface ParseErrorLike {
  message: string
  flags?: unknown
  args?: unknown
}

/**
 * One line for an oclif parse error (unknown flag, missing or unexpected
 * argument, missing required flag, bad value), in the README's format.
 * Unrecognised messages keep their text, on one line, with the help hint.
 * @example parseErrorLine(new Error('Expected --format=x to be one of: csv, md'), cube) // '--format: "x" is not one of csv, md (see spend cube --help)'
 */
export function parseErrorLine(err: ParseErrorLike, command: CommandSpec): string {
  const text = stripAnsi(err.message).replace(/\s*See more help with --help\s*$/, '')
  const help = usageMsg.seeHelp(command.id)
  if (/^Nonexistent flags?: /.test(text) && Array.isArray(err.flags)) return unknownFlagsLine(err.flags.map(String), command)
  if (/^Missing \d+ required args?/.test(text) && Array.isArray(err.args)) {
    const names = err.args.map((a: {name?: string}) => String(a?.name ?? '').toUpperCase()).filter(Boolean)
    return withHint(usageMsg.missingArgument(command.id, names), [help])
  }
  if (/^Unexpected arguments?: /.test(text) && Array.isArray(err.args)) {
    return withHint(usageMsg.unexpectedArguments(command.id, err.args.map(String)), [help])
  }
  let m = /^Expected --([\w-]+)=([\s\S]*) to be one of: (.*)$/.exec(text)
  if (m) return withHint(usageMsg.notAnOption(`--${m[1]}`, m[2], m[3].split(', ')), [help])
  m = /^Expected ([\s\S]*) to be one of: (.*)$/.exec(text)
  if (m) return withHint(usageMsg.notAnOption(command.id, m[1], m[2].split(', ')), [help])
  m = /^Flag --([\w-]+) expects (?:one of these values: (.*)|a value)$/.exec(text)
  if (m) return withHint(usageMsg.needsValue(`--${m[1]}`, m[2]?.split(', ')), [help])
  m = /^Parsing --([\w-]+)\s+([\s\S]*)$/.exec(text)
  if (m) return withHint(`--${m[1]}: ${lowerFirst(m[2].trim())}`, [help])
  m = /^The following errors? occurred:\s*([\s\S]*)$/.exec(text)
  if (m) {
    const reasons = m[1].split('\n').map((r) => r.trim()).filter(Boolean).map((r) => {
      const missing = /^Missing required flag ([\w-]+)$/.exec(r)
      return missing ? usageMsg.missingFlag(command.id, `--${missing[1]}`) : `${command.id}: ${lowerFirst(r)}`
    })
    return withHint(reasons.join('; '), [help])
  }
  return withHint(`${command.id}: ${lowerFirst(text.split('\n').map((l) => l.trim()).filter(Boolean).join(' '))}`, [help])
}

/** Commands and topics (ids with spaces), as the help lists them. */
export interface Known {
  commands: readonly CommandSpec[]
  topics: readonly string[]
}

/**
 * One line for `spend WORDS...` that names no command. oclif gives the id as
 * every word up to the first flag, joined by ':' (`imprt:file.csv`), and the
 * rest in argv. The first word that is not a command or topic is the mistake:
 * the nearest command or topic at that level is suggested; words under a
 * command that takes none are an unexpected argument; a flag before the
 * command is told to go after it.
 * @example commandNotFoundLine('imprt', [], known) // 'imprt: unknown command (did you mean import? see spend --help)'
 */
export function commandNotFoundLine(id: string, argv: readonly string[], known: Known): string {
  if (id.startsWith('-')) return flagFirstLine(id, argv, known)
  const words = id.split(':')
  const commands = new Map(known.commands.map((c) => [c.id, c]))
  const names = new Set([...commands.keys(), ...known.topics])
  let k = 0
  while (k < words.length && names.has(words.slice(0, k + 1).join(' '))) k++
  const at = words.slice(0, k).join(' ')
  const bad = words[k] ?? ''
  const children = [...names].filter((n) => k === 0 || n.startsWith(`${at} `)).map((n) => n.split(' ')).filter((w) => w.length > k).map((w) => w[k])
  const guess = closest(bad, children)
  const help = usageMsg.seeHelp(known.topics.includes(at) ? at : undefined)
  if (guess === undefined && commands.has(at)) {
    return withHint(usageMsg.unexpectedArguments(at, words.slice(k)), [usageMsg.seeHelp(at)])
  }
  const shown = words.slice(0, k + 1).join(' ')
  if (guess === undefined) return withHint(usageMsg.unknownCommand(shown), [help])
  // `profle supplier`: the guess and the next word make a command.
  let meant = k === 0 ? guess : `${at} ${guess}`
  if (words[k + 1] !== undefined && commands.has(`${meant} ${words[k + 1]}`)) meant = `${meant} ${words[k + 1]}`
  return withHint(usageMsg.unknownCommand(shown), [`${usageMsg.didYouMean(meant)} ${help}`])
}

/** `spend --json summary`: a flag before the command, which oclif took as the command. */
function flagFirstLine(flag: string, argv: readonly string[], known: Known): string {
  const name = flagName(flag)
  const commands = new Map(known.commands.map((c) => [c.id, c]))
  // The command among the words after the flag (a value such as `-w DIR` may come first).
  let command: CommandSpec | undefined
  let rest: string[] = []
  for (let i = 0; i < argv.length && !command; i++) {
    for (let n = argv.length - i; n > 0 && !command; n--) {
      command = commands.get(argv.slice(i, i + n).join(' '))
      if (command) rest = [...argv.slice(0, i), ...argv.slice(i + n)]
    }
  }
  if (!command) {
    const guess = suggestFlag(name, ROOT_FLAGS)
    return withHint(usageMsg.unknownFlag(name), [guess ? `${usageMsg.didYouMean(guess)} ${usageMsg.seeHelp()}` : usageMsg.seeHelp()])
  }
  // The command line as it should be: the command first, then the flags and the rest in their order.
  const value = flag.slice(name.length)
  if (isKnownFlag(name, command.flags) || isKnownFlag(name, ALWAYS)) {
    return withHint(usageMsg.flagBeforeCommand(name), [usageMsg.putAfter(command.id, [flag, ...rest])])
  }
  const guess = suggestFlag(name, command.flags)
  const fixed = guess ? `${usageMsg.didYouMean(guess)} ${usageMsg.putAfter(command.id, [guess + value, ...rest])}` : usageMsg.seeHelp(command.id)
  return withHint(usageMsg.unknownFlag(name), [fixed])
}

function lowerFirst(s: string): string {
  return s && /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s
}

function stripAnsi(s: string): string {
  return s.replace(/\u001B\[[0-9;]*m/g, '')
}
