import {SpendInputError, isSpendInputError, oneLine} from '../errors.js'
import {isCurrencyCode} from '../model/currency.js'
import {msg} from '../messages.js'
import {laterImportLine} from './entities-later.js'
import {expandInputs, importOne, type ImportOutcome, label} from './importer.js'
import {readMapFile} from '../io/read/table/map-file.js'
import {createProgress, type Progress} from '../io/write/progress.js'
import {resolveWorkspace, Workspace} from '../io/workspace/index.js'

export interface ImportFlags {
  workspace?: string
  buyer?: string
  currency?: string
  map?: string
  preset?: string
  'ocds-level'?: 'awards' | 'contracts' | 'transactions'
  replace: boolean
  verbose?: boolean
  /** Seconds to wait for another writer's workspace lock. */
  wait?: number
}

/**
 * Run `spend import`: validate options, then import each input in turn (each
 * atomic on its own), reporting mapping and reconciliation through `note`.
 */
export async function runImport(
  inputs: string[],
  flags: ImportFlags,
  toolVersion: string,
  note: (line: string) => void,
): Promise<ImportRun> {
  const currency = flags.currency?.toUpperCase()
  if (currency !== undefined && !isCurrencyCode(currency)) {
    throw new SpendInputError('BAD_CURRENCY', msg.badCurrency(flags.currency!), {exit: 2})
  }
  const map = flags.map ? await readMapFile(flags.map) : undefined
  const ws = new Workspace(resolveWorkspace(flags.workspace), {seconds: flags.wait ?? 0, onWait: note})
  const outcomes: ImportOutcome[] = []
  const failed: ImportFailure[] = []
  const empty: ImportFailure[] = []
  const files = await expandInputs(inputs)
  for (const input of files) {
    // The bar needs the file's size, known once reading starts.
    let bar: Progress | undefined
    try {
      const outcome = await importOne(ws, {
        input, buyer: flags.buyer, currency, map, preset: flags.preset, ocdsLevel: flags['ocds-level'],
        replace: flags.replace, toolVersion,
        onProgress: (bytes, total) => (bar ??= createProgress(label(input), total)).update(bytes),
      }).finally(() => bar?.stop())
      describe(outcome, label(input), note, flags.verbose || files.length === 1)
      if (outcome.status === 'imported') {
        // The import is committed: a crosswalk that cannot be read is said, not a failed import.
        const line = await laterImportLine(ws, outcome.entry.id, label(input)).catch((e: unknown) => `warning: ${isSpendInputError(e) ? oneLine(e.oneLine()) : String(e)}`)
        if (line) note(line)
      }
      outcomes.push(outcome)
    } catch (error) {
      // One bad file among several does not stop the others (each import is atomic on its
      // own); a lone file, a locked workspace or a bug still ends the run at once.
      if (files.length === 1 || !isSpendInputError(error) || FATAL.has(error.code)) throw error
      // In a folder, a file with nothing to import (a NIL return, a tender-only OCDS release) is said
      // clearly but is not a failure.
      if (error.code === 'NO_SPEND_ROWS') {
        note(`warning: ${oneLine(error.oneLine())}`)
        empty.push({file: label(input), code: error.code, message: oneLine(error.oneLine())})
        continue
      }
      note(`spend: error: ${oneLine(error.oneLine())}`)
      failed.push({file: label(input), code: error.code, message: oneLine(error.oneLine())})
    }
  }
  if (failed.length) note(msg.someFailed(failed.length, files.length))
  return {outcomes, failed, empty}
}

/** Errors that concern the whole run, not one file. */
const FATAL = new Set(['WORKSPACE_LOCKED', 'WORKSPACE_CORRUPT', 'WORKSPACE_TOO_NEW', 'DISK_FULL'])

export interface ImportFailure {
  /** The input as typed (`<stdin>` for standard input): these are about this run, in this shell. */
  file: string
  code: string
  message: string
}

export interface ImportRun {
  outcomes: ImportOutcome[]
  failed: ImportFailure[]
  /** Files with nothing to import (several files only; a lone such file is an error). */
  empty: ImportFailure[]
}

/**
 * Messages for people: what was chosen and whether the totals reconcile.
 * The file is named as typed (`shown`): these lines are about this run, in this shell.
 */
function describe({status, entry}: ImportOutcome, shown: string, note: (line: string) => void, detailed: boolean): void {
  if (status === 'unchanged') {
    note(msg.alreadyImported(shown, entry.id))
    return
  }
  // Several files: one import line and its reconciliation each; --verbose adds the mapping and notes.
  for (const f of detailed ? entry.files : []) {
    const pairs = Object.entries(f.mapping)
      .filter(([, header]) => header)
      .map(([field, header]) => `${field}=${JSON.stringify(header)}${f.mapping_how[field] && f.mapping_how[field] !== 'exact' && f.mapping_how[field] !== 'synonym' ? ` (${f.mapping_how[field]})` : ''}`)
      .join(', ')
    if (pairs) note(msg.mapping(f.file, pairs))
    const details = [
      f.preset ? `preset ${f.preset}` : null,
      f.encoding ? `encoding ${f.encoding}` : null,
      f.header_line ? `header on line ${f.header_line}` : null,
      f.date_order_reason ? `date order: ${f.date_order_reason}` : null,
      f.buyer_origin === 'unknown' ? 'buyer unknown' : f.buyer_origin && f.buyer_origin !== 'column' && f.buyer_origin !== 'none' ? `buyer from ${f.buyer_origin}` : null,
    ].filter(Boolean)
    if (details.length) note(`  ${details.join('; ')}`)
    for (const w of f.warnings) note(`  warning: ${w}`)
  }
  note(msg.imported(shown, entry.id, entry.rows.imported, entry.rows.rejected))
  for (const t of entry.totals) {
    const ok = BigInt(t.source_minor) === BigInt(t.imported_minor) + BigInt(t.rejected_minor)
    note(msg.reconcile(t.currency, t.source, t.imported, t.rejected, ok))
  }
}
