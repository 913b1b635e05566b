import {Command, Errors} from '@oclif/core'
import {SpendInputError, isSpendInputError, oneLine} from './errors.js'
import type {Format} from './flags.js'
import {debugFlag} from './flags.js'
import {msg} from './messages.js'
import {defaultFormat, renderViews, stdoutContext} from './io/write/render.js'
import type {View} from './io/write/view.js'
import {type CommandSpec, parseErrorLine} from './usage.js'

/** Rows a terminal table shows at most; csv, tsv, md and json carry every row. */
export const TABLE_ROW_LIMIT = 500

/** Turn errors the user can act on (missing file, permissions) into SpendInputError. */
export function asUserError(err: unknown): SpendInputError | null {
  if (isSpendInputError(err)) return err
  const e = err as NodeJS.ErrnoException
  const file = typeof e?.path === 'string' ? e.path : undefined
  switch (e?.code) {
    case 'ENOENT':
      return new SpendInputError('FILE_NOT_FOUND', 'no such file or directory', {where: file, hint: 'check the path'})
    case 'EACCES':
    case 'EPERM':
      return new SpendInputError('NOT_READABLE', 'permission denied', {where: file, hint: 'check the file permissions'})
    case 'EISDIR':
      return new SpendInputError('IS_DIRECTORY', 'is a directory, expected a file', {where: file})
    case 'ENOSPC':
      return new SpendInputError('DISK_FULL', 'no space left on device', {where: file, hint: 'free some disk space and retry'})
    default:
      return null
  }
}

/**
 * Base of every spend command: oclif's --json, one-line errors with exit codes
 * (1 data/runtime, 2 usage), stack traces only with --debug, and one output
 * path for all formats.
 */
export abstract class SpendCommand extends Command {
  static override enableJsonFlag = true
  static override baseFlags = {debug: debugFlag}

  /**
   * Print a command's result: views for people and CSV/TSV/MD, the result
   * itself as JSON. `machineNote`, when given, is said on stderr with machine formats (CSV,
   * TSV), whose views cannot carry it (tables and Markdown show it as a view).
   */
  protected async emit(result: object, views: View[] | ((human: boolean) => View[]), format?: Format, machineNote?: () => string | null): Promise<void> {
    if (this.jsonEnabled()) return
    const ctx = {...stdoutContext(), note: (m: string) => this.note(m)}
    const fmt = format ?? defaultFormat(ctx)
    if (fmt === 'json') {
      this.log(JSON.stringify(result, null, 2))
      return
    }
    const human = fmt === 'table' || fmt === 'md'
    const note = human ? null : machineNote?.()
    if (note) this.note(note)
    const chosen = typeof views === 'function' ? views(human) : views
    if (fmt === 'table') {
      // A terminal table of 100k rows helps nobody (and cli-table3 slows down badly): show the top.
      for (const view of chosen) {
        if (view.rows.length > TABLE_ROW_LIMIT) {
          this.note(msg.tableTruncated(TABLE_ROW_LIMIT, view.rows.length))
          view.rows = view.rows.slice(0, TABLE_ROW_LIMIT)
        }
      }
    }
    const text = await renderViews(chosen, fmt, ctx)
    // Written directly: this.log would copy and format a many-megabyte CSV once more.
    if (typeof text !== 'string') process.stdout.write(text)
    else if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
  }

  /**
   * `--json` output. oclif's logJson colours the text through a tokenizer
   * (~0.9 s for a 15 MB benchmark result); when stdout is not a terminal the
   * colours are dropped anyway, so the same text is written directly.
   */
  protected override logJson(json: unknown): void {
    if (process.stdout.isTTY) {
      super.logJson(json)
      return
    }
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`)
  }

  /** A message for people on stderr (silent under --json). */
  protected note(message: string): void {
    this.logToStderr(message)
  }

  protected get debugging(): boolean {
    return this.argv.includes('--debug') || Boolean(process.env.SPENDKIT_DEBUG)
  }

  /** This command as the usage errors name it: id with spaces, and every flag it takes. */
  protected get commandSpec(): CommandSpec {
    const ctor = this.ctor
    const flags = {...ctor.baseFlags, ...ctor.flags, ...(ctor.enableJsonFlag ? {json: {}} : {})} as Record<string, {char?: string}>
    return {id: (this.id ?? '').replaceAll(':', ' '), flags: Object.entries(flags).map(([name, f]) => ({name, char: f?.char}))}
  }

  override async catch(err: Error & {oclif?: {exit?: number}; skipOclifErrorHandling?: boolean}): Promise<unknown> {
    if (err instanceof Errors.ExitError) throw err
    // oclif's own errors are about the command line (unknown flag, bad option value, missing
    // argument): usage errors, one line in our format, exit 2, our JSON shape under --json.
    const usage = err?.oclif && !isSpendInputError(err) ? new SpendInputError('USAGE', parseErrorLine(err, this.commandSpec), {exit: 2}) : null
    const user = usage ?? asUserError(err)
    const line = oneLine(user ? user.oneLine() : msg.internalError(err?.message ?? String(err)))
    const exit = user ? user.exit : 1
    process.exitCode = exit
    if (this.jsonEnabled()) {
      this.logJson({error: {code: user?.code ?? 'INTERNAL', message: line, exit}})
    } else {
      process.stderr.write(`spend: error: ${line}\n`)
    }
    if (this.debugging && err?.stack) process.stderr.write(`${err.stack}\n`)
    this.exit(exit)
    return undefined
  }
}
