/**
 * Every user-facing message, as named functions: one place to read, reword and
 * test them (vega-lite's log/message.ts habit).
 */
export const msg = {
  internalError: (message: string) => `internal error: ${message} (run again with --debug for details, and report it)`,
  fileNotFound: (file: string) => `${file}: no such file or directory`,
  notReadable: (file: string, why: string) => `${file}: cannot be read (${why})`,
  stdinIsTty: () => 'no input file and nothing piped on standard input (give a FILE, or pipe data and use -)',
  alreadyImported: (file: string, id: string) => `${file}: already imported as ${id}, nothing to do (use --replace to import it again)`,
  imported: (file: string, id: string, rows: number, rejected: number) =>
    `${file}: imported ${rows.toLocaleString('en-GB')} rows as ${id}${rejected ? `, rejected ${rejected.toLocaleString('en-GB')} (see rejects)` : ''}`,
  mapping: (file: string, pairs: string) => `${file}: columns ${pairs}`,
  reconcile: (currency: string, source: string, imported: string, rejected: string, ok: boolean) =>
    `  ${currency}: source ${source} = imported ${imported} + rejected ${rejected} ${ok ? 'OK' : 'MISMATCH'}`,
  noImports: (ws: string) => `workspace ${ws} has no imports yet (run: spend import FILE)`,
  removed: (id: string, file: string) => `removed import ${id} (${file})`,
  someFailed: (failed: number, total: number) => `${failed} of ${total} files could not be imported (see the errors above); the others were`,
  emptyImport: (file: string) => `${file}: no spend rows found (nothing to import)`,
  badMapFile: (file: string, why: string) => `${file}: not a valid --map file (${why}); expected YAML or JSON like "amount: Net Amount"`,
  unknownMapField: (field: string, valid: readonly string[]) => `unknown field "${field}" in --map; valid fields: ${valid.join(', ')}`,
  badCurrency: (code: string) => `--currency ${code} is not an ISO 4217 code (e.g. GBP, NOK, USD, EUR)`,
} as const

/** Messages of `spend inspect`. */
export const inspectMsg = {
  sourceFailed: (oneLine: string) => `skipped, cannot be read: ${oneLine}`,
} as const
