/**
 * Every user-facing message, as named functions: one place to read, reword and
 * test them (vega-lite's log/message.ts habit). Grouped by layer: `msg` and
 * `inspectMsg` (commands), `bytesMsg`, `csvMsg`, `tableMsg`, `rejectMsg`,
 * `ratesMsg`, `ocdsMsg` (reading), `analysisMsg` (src/analysis). Plain
 * functions with no imports, so any layer, src/model and src/analysis
 * included, may use them; reject reasons are built per row, so keep them
 * single template strings.
 */
/**
 * A noun for a count: `word(1, 'row')` is 'row', `word(2, 'row')` 'rows' (`many` for irregular plurals).
 * @example `${n} ${word(n, 'row')}`
 */
const word = (n: number, one: string, many = `${one}s`): string => (n === 1 ? one : many)
/** 'has' or 'have' for a count. */
const have = (n: number): string => (n === 1 ? 'has' : 'have')
/** The singular of an OCDS level ('awards' -> 'award'). */
const one = (level: string): string => level.replace(/s$/, '')

export const msg = {
  internalError: (message: string) => `internal error: ${message} (run again with --debug for details, and report it)`,
  fileNotFound: (file: string) => `${file}: no such file or directory`,
  notReadable: (file: string, why: string) => `${file}: cannot be read (${why})`,
  stdinIsTty: () => 'no input file and nothing piped on standard input (give a FILE, or pipe data and use -)',
  alreadyImported: (file: string, id: string) => `${file}: already imported as ${id}, nothing to do (use --replace to import it again)`,
  imported: (file: string, id: string, rows: number, rejected: number) =>
    `${file}: imported ${rows.toLocaleString('en-GB')} ${word(rows, 'row')} as ${id}${rejected ? `, rejected ${rejected.toLocaleString('en-GB')} (see rejects)` : ''}`,
  mapping: (file: string, pairs: string) => `${file}: columns ${pairs}`,
  reconcile: (currency: string, source: string, imported: string, rejected: string, ok: boolean) =>
    `  ${currency}: source ${source} = imported ${imported} + rejected ${rejected} ${ok ? 'OK' : 'MISMATCH'}`,
  noImports: (ws: string) => `workspace ${ws} has no imports yet (run: spend import FILE)`,
  noRowsInFiles: () => 'the files given with --file have no spend rows',
  noRowsMatch: (filters: string, has: string) => `no rows match ${filters} (${has})`,
  dataDates: (where: string, from: string, to: string) => `${where} has ${from} to ${to}`,
  dataUndated: (where: string) => `no row of ${where} has a date`,
  dataRows: (where: string, rows: number) => `${where} has ${rows.toLocaleString('en-GB')} rows`,
  removed: (id: string, file: string) => `removed import ${id} (${file})`,
  someFailed: (failed: number, total: number) => `${failed} of ${total} files could not be imported (see the errors above); the others were`,
  tableTruncated: (shown: number, total: number) => `showing the first ${shown} of ${total.toLocaleString('en-GB')} rows; use --format csv or md for all of them`,
  tableColumnsLeftOut: (headers: readonly string[], width: number) =>
    `left out column${headers.length > 1 ? 's' : ''} ${headers.join(', ')} to fit ${width} characters; use --format csv to see every column`,
  emptyImport: (file: string) => `${file}: no spend rows found (nothing to import)`,
  mapFileUnreadable: (why: string) => `cannot read --map file (${why})`,
  mapNotAMapping: () => 'not a mapping',
  mapFieldNotColumn: (field: string) => `"${field}" must name a column`,
  badMapFile: (file: string, why: string) => `${file}: not a valid --map file (${why}); expected YAML or JSON like "amount: Net Amount"`,
  unknownMapField: (field: string, valid: readonly string[]) => `unknown field "${field}" in --map; valid fields: ${valid.join(', ')}`,
  badCurrency: (code: string) => `--currency ${code} is not an ISO 4217 code (e.g. GBP, NOK, USD, EUR)`,
} as const

/** Messages of `spend inspect`. */
export const inspectMsg = {
  sourceFailed: (oneLine: string) => `skipped, cannot be read: ${oneLine}`,
  currencyUnknown: (file: string, flag: string) => `${file}: currency unknown: import refuses this file without ${flag}`,
} as const

/** A word (path, argument) as typed in a shell: quoted only when it needs to be. */
const shellWord = (s: string) => (/^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`)

/**
 * Usage errors (src/usage.ts): unknown flags and commands, missing or
 * unexpected arguments, bad values. Exit 2, code USAGE.
 * @example usageMsg.unknownFlag('--bye') // '--bye: unknown flag'
 */
export const usageMsg = {
  unknownFlag: (flag: string) => `${flag}: unknown flag`,
  unknownCommand: (words: string) => `${words}: unknown command`,
  didYouMean: (guess: string) => `did you mean ${guess}?`,
  seeHelp: (command?: string) => `see spend${command ? ` ${command}` : ''} --help`,
  unexpectedArguments: (command: string, args: readonly string[]) =>
    `${command}: unexpected argument${args.length === 1 ? '' : 's'} ${args.map((a) => JSON.stringify(a)).join(', ')}`,
  missingArgument: (command: string, names: readonly string[]) => `${command}: missing argument${names.length === 1 ? '' : 's'} ${names.join(', ')}`,
  missingFlag: (command: string, flag: string) => `${command}: missing required flag ${flag}`,
  notAnOption: (where: string, value: string, options: readonly string[]) => `${where}: ${JSON.stringify(value)} is not one of ${options.join(', ')}`,
  needsValue: (flag: string, options?: readonly string[]) => `${flag}: needs a value${options ? `, one of ${options.join(', ')}` : ''}`,
  flagBeforeCommand: (flag: string) => `${flag}: flag before the command`,
  putAfter: (command: string, args: readonly string[]) => `flags go after the command: spend ${command} ${args.map(shellWord).join(' ')}`,
} as const

/**
 * The workspace as commands find it (src/io/workspace): absent, not a folder,
 * locked. `ws` is the path as shown to the user; `…Hint` go with the message before them.
 * @example new SpendInputError('WORKSPACE_NOT_FOUND', workspaceMsg.notFound(), {where: '.spendkit', hint: workspaceMsg.createDefaultHint()})
 */
export const workspaceMsg = {
  notFound: () => 'no such workspace',
  foreign: () => 'not a spendkit workspace: no manifest.json, and it holds other files',
  foreignHint: () => 'give the workspace folder with --workspace DIR; spend import FILE --workspace NEW-DIR creates one',
  noDefault: () => 'no workspace in this folder yet',
  createHint: (ws: string) => `create one with: spend import FILE --workspace ${shellWord(ws)}`,
  createDefaultHint: () => 'import a file first: spend import FILE; or name a workspace with --workspace DIR',
  notDirectory: () => 'not a directory, so not a workspace',
  notDirectoryHint: () => 'give a workspace folder with --workspace DIR; spend import FILE --workspace DIR creates one',
  lockHolder: (pid: number, host: string, since: string) => `pid ${pid} on ${host}${since ? ` since ${since}` : ''}`,
  lockHolderUnknown: () => 'a process that is still writing the lock file',
  lockWaiting: (holder: string, seconds: number) => `spend: waiting for the workspace lock held by ${holder}; up to ${seconds} s (--wait SECONDS)`,
  locked: (holder: string) => `the workspace is locked by ${holder}, another spend writing it`,
  lockedHint: (waited: number, lockFile: string) =>
    `${waited > 0 ? `waited ${waited} s; wait longer` : 'wait for it'} with --wait SECONDS, or remove ${lockFile} if that process is gone`,
  // Damage found when a part, rejects file or dictionary join is loaded or checked (`spend check`):
  // the `…What` entries say what is wrong with one file; `damaged` and `damagedHint` make the one-line error.
  columnMismatch: (column: string) => `column ${column} does not match its checksum`,
  metadataMismatch: () => 'footer or metadata does not match its checksum',
  fileMismatch: () => 'does not match its checksum',
  missing: () => 'is missing',
  sizeMismatch: (bytes: number, expected: number) => `is ${bytes} bytes, the manifest says ${expected}`,
  rowsMismatch: (rows: number, expected: number) => `has ${rows} rows, the manifest says ${expected}`,
  unreadable: (why: string) => `cannot be read (${why})`,
  columnUnreadable: (column: string, why: string) => `column ${column} cannot be read (${why})`,
  noColumn: (column: string) => `has no column ${column}`,
  joinUnreadable: () => 'is not a dictionary join this spend can read',
  /** The message of a WORKSPACE_DAMAGED error, after `where` (the damaged file). */
  damaged: (what: string, id: string, file: string) => `${what}: import ${id} (${file}) is damaged`,
  damagedHint: (fix: string) => `re-import it: ${fix}; or run spend check to list every damaged import`,
  /** `spend check` findings about a whole import. */
  partsRows: (rows: number, expected: number) => `the parts hold ${rows} rows, the manifest says ${expected} were imported`,
  badAmount: (row: number, value: number) => `row ${row} has amount ${value}, not a whole number of minor units`,
  totalMismatch: (kind: 'imported' | 'rejected', currency: string, found: string, expected: string) =>
    `${kind} ${currency} total is ${found}, the manifest says ${expected}`,
  manifestUnbalanced: (currency: string) => `the manifest's ${currency} totals do not add up (source is not imported + rejected)`,
  rejectsRows: (rows: number, expected: number) => `holds ${rows} rejected rows, the manifest says ${expected}`,
  noRejectsFile: (rows: number) => `the manifest counts ${rows} rejected rows but names no rejects file`,
  badRejectsLine: (line: number) => `line ${line} is not a rejected row (file, line, reason, currency, amount, raw)`,
  joinMismatch: (column: string) => `maps column ${column} to other values than the parts hold`,
  unverifiable: () => 'no checksums stored (written by an older spend): only row counts, control totals and column shapes checked',
  /** `spend check` notes on stderr. */
  checkOk: (n: number) => `all ${n} import${n === 1 ? '' : 's'} verified: every checksum, row count and control total matches`,
  checkDamaged: (n: number, total: number) => `${n} of ${total} imports damaged: re-import ${n === 1 ? 'it' : 'each'} with the command shown`,
  checkUnverifiable: (n: number) =>
    `${n} import${n === 1 ? ' has' : 's have'} no checksums (written by an older spend); re-import to add them: the command is shown`,
} as const

const EXPECTED_FORMATS = 'expected CSV, TSV, XLS(X), JSON, ZIP or GZ'
const SAVE_AS_CSV = 'save it as CSV and import that'
const SPREADSHEET_FIX = 'open it in a spreadsheet program and save it again as .xlsx or CSV'

/**
 * Bytes layer (src/io/read: sources, detect, decode, archive, zip, spreadsheet,
 * limits): files, folders, archives and workbooks that cannot be read.
 * `…Hint` entries are the SpendInputError hints that go with them.
 * @example new SpendInputError('EMPTY_FILE', bytesMsg.emptyFile(), {where: name, hint: bytesMsg.emptyFileHint()})
 */
export const bytesMsg = {
  expectedFormats: () => EXPECTED_FORMATS,
  stdinIsTty: () => 'no input: stdin is a terminal',
  stdinIsTtyHint: () => 'give a file name or pipe data in',
  notFound: () => 'no such file or folder',
  notFoundHint: () => 'check the path',
  emptyFolder: () => 'folder has no files',
  folderTooDeep: () => 'folders nested more than 32 deep (a link loop?)',
  emptyFile: () => 'file is empty',
  emptyFileHint: () => 'export the data again; ' + EXPECTED_FORMATS,
  notSpendData: (what: string) => `not spend data: looks like ${what}`,
  /** What a binary file looks like, for notSpendData. */
  binary: () => 'binary data',
  binaryNul: () => 'binary data (NUL bytes in text)',
  png: () => 'a PNG image',
  jpeg: () => 'a JPEG image',
  gif: () => 'a GIF image',
  pdf: () => 'a PDF document',
  sevenZip: () => 'a 7-Zip archive',
  rar: () => 'a RAR archive',
  bzip2: () => 'a bzip2 archive',
  xz: () => 'an xz archive',
  zstd: () => 'a zstd archive',
  parquet: () => 'a Parquet file',
  arrow: () => 'an Arrow file',
  word: () => 'a Word document',
  powerPoint: () => 'a PowerPoint file',
  brokenArchive: (why: string) => `broken archive: ${why}`,
  brokenArchiveHint: () => 'download it again or unpack it yourself; ' + EXPECTED_FORMATS,
  archiveRefused: (why: string) => `archive refused: ${why}`,
  archiveRefusedHint: () => 'unpack it yourself and import the files you need',
  /** Reasons for brokenArchive / archiveRefused. */
  nestedTooDeep: (max: number) => `archives nested more than ${max} deep`,
  unpacksTooLarge: (max: number) => `unpacks to more than ${max} bytes`,
  ratioTooHigh: (max: number) => `compressed more than ${max}:1 (zip bomb?)`,
  memberRatioTooHigh: (member: string, max: number) => `${member} is compressed more than ${max}:1 (zip bomb?)`,
  tooManyMembers: (count: number, max: number) => `${count} members (limit ${max})`,
  cannotInflate: (why: string) => `cannot inflate (${why})`,
  encryptedMember: () => 'member is encrypted',
  unsupportedMethod: (method: number) => `unsupported compression method ${method}`,
  badMemberHeader: () => 'bad member header',
  memberPastEnd: () => 'member runs past the end of the file (truncated?)',
  memberTooLarge: () => 'member is larger than the zip directory says (zip bomb?)',
  memberTooShort: () => 'member is shorter than the zip directory says (truncated?)',
  checksumMismatch: () => 'checksum mismatch (corrupt download?)',
  tooLargeForMemory: (cap: number) => `more than ${cap} bytes to hold in memory`,
  noZipDirectory: () => 'no zip directory found (truncated download?)',
  badZip64: () => 'bad zip64 directory',
  zipDirectoryOutside: () => 'zip directory points outside the file',
  corruptZipDirectory: () => 'corrupt zip directory',
  /** Workbooks. */
  brokenWorkbook: (why: string) => `cannot read workbook: ${why}`,
  brokenWorkbookHint: () => SPREADSHEET_FIX,
  workbookTooLarge: (max: number) => `workbook is larger than ${max} bytes`,
  workbookUnpacksTooLarge: (mb: number) => `workbook unpacks to more than ${mb} MB`,
  workbookOutOfMemory: () => 'workbook needs too much memory to read',
  workbookTooLargeHint: () => SAVE_AS_CSV,
  workbookTimeout: (seconds: number) => `gave up after ${seconds} s`,
  workbookReaderStopped: (code: number) => `reader stopped (exit ${code})`,
  workbookUnknownError: () => 'unknown error',
  workbookTooManyColumnsHint: () => 'delete the unused columns',
  workbookEmpty: () => 'workbook has no data',
  workbookEmptyHint: () => 'check the file, or export the sheet you need as CSV',
  jsonValueTooLong: (max: number) => `JSON value longer than ${max} characters`,
  jsonValueTooLongHint: () => 'check the file is complete, valid JSON',
} as const

/**
 * CSV records (src/io/read/csv*.ts): where is `file:line`.
 * @example csvMsg.tooManyColumns(4096) // 'more than 4096 columns'
 */
export const csvMsg = {
  recordTooLong: (max: number) => `record longer than ${max} characters`,
  recordTooLongHint: () => 'check the line endings and quotes',
  fieldTooLong: (max: number) => `field longer than ${max} characters`,
  fieldTooLongHint: () => 'check for an unclosed quote or a wrong delimiter',
  tooManyColumns: (max: number) => `more than ${max} columns`,
  tooManyColumnsHint: () => 'check the delimiter',
  unclosedQuote: () => 'quote opened here is never closed',
  unclosedQuoteHint: () => 'check the quotes in this line',
} as const

/**
 * Table layer (mapping, presets, tableplan, table): errors that stop a table,
 * the plan's warnings, and the reasons it gives for what it guessed.
 * @example tableMsg.currencyFrom('GBP', 'the uk-25k layout') // 'currency GBP: from the uk-25k layout'
 */
export const tableMsg = {
  unknownMapField: (field: string) => `unknown field "${field}" in --map`,
  unknownMapFieldHint: (fields: readonly string[]) => `fields: ${fields.join(', ')}`,
  mapColumnNotFound: (column: string, field: string) => `--map column "${column}" for ${field} not in the header`,
  mapColumnNotFoundHint: (columns: readonly string[]) => `columns: ${columns.join(', ')}`,
  noAmountColumn: (cols: readonly string[]) => `no amount column among ${cols.join(', ') || '(no columns)'}`,
  noAmountColumnHint: () => `--map map.yaml with "amount: <column>"`,
  notSpendSheet: (sheet: string, why: string, rows: number) =>
    `${sheet}: not a spend table (${why}); its ${rows} row${rows === 1 ? '' : 's'} skipped`,
  unknownPreset: (name: string) => `unknown preset "${name}"`,
  unknownPresetHint: (names: readonly string[]) => `valid: ${names.join(', ')}`,
  noRows: () => 'no rows to import',
  badCurrency: (code: string) => `"${code}" is not an ISO 4217 code`,
  badCurrencyHint: () => 'e.g. --currency GBP',
  noCurrencyCode: () => 'the currency column has no ISO code in the first rows',
  noCurrency: () => 'the file does not say its currency: no currency column, symbol or ISO code, and no layout that fixes one',
  /** `code` is the currency suggested (null when nothing points to one); `why` what suggests it. */
  noCurrencyHint: (code: string | null, why: string) =>
    code === null
      ? `give --currency with the ISO 4217 code of the amounts, e.g. GBP, USD or EUR; ${why}`
      : `give --currency ${code} if the amounts are in ${code}; ${why}`,
  noCurrencyClue: () => 'nothing in the header points to a country',
  currencyClue: (language: string, cells: readonly string[], others: readonly string[]) =>
    `the header is ${language}${cells.length ? `: ${cells.join(', ')}` : ''}${others.length ? ` (or ${others.join(', ')})` : ''}`,
  /** What decided the currency (report fields, and the warnings below). */
  currencyColumnEvidence: (header: string) => `the "${header}" column`,
  currencyPresetEvidence: (preset: string) => `the ${preset} layout`,
  currencyAmountsEvidence: (token: string) => `"${token}" in the amounts`,
  currencyHeaderEvidence: (cell: string) => `the header "${cell}"`,
  currencyTitleEvidence: (line: string, token: string) => `"${token}" in the title line ${line}`,
  currencyLayoutEvidence: (columns: readonly string[]) =>
    `the UK spending-transparency layout (columns ${columns.join(', ')}), which is published in pounds`,
  noDataRowsEvidence: () => 'nothing (no data rows)',
  unknownCurrencyEvidence: () => 'unknown: nothing in the file names it',
  /** Warnings of a table plan (shown after an import and by inspect). */
  badOrgIds: (n: number, scheme: string | null) => `${n} supplier ${word(n, 'id')} failed the ${scheme} check: kept as text only`,
  currencyFrom: (currency: string, evidence: string) => `currency ${currency}: from ${evidence}`,
  currencyFlagOverrides: (flag: string, other: string, evidence: string) => `--currency ${flag} used, not ${other} from ${evidence}`,
  unknownCurrency: (what: string, flag: string, why: string) => `currency unknown: ${what}; import refuses it without ${flag} (${why})`,
  noDataRows: () => 'no data rows',
  mixedDecimals: (reason: string) => `amount decimal separator: ${reason}`,
  mixedDates: (reason: string) => `dates: ${reason}`,
  noDateColumn: () => 'no date column',
  noDateColumnWarning: () => 'no date column: every row has no date',
  buyerFallback: (buyer: string, fromTitle: boolean) =>
    `buyer "${buyer}": from the ${fromTitle ? 'title line' : 'file name'} (use --buyer to name it)`,
  buyerUnknown: (buyer: string, file: string, stdin: boolean) =>
    `buyer "${buyer}": no buyer column, and ${stdin ? 'standard input has no file name' : `the file name "${file}" names a period or the kind of data, not a buyer`} (use --buyer to name it)`,
  buyerFlagRefused: (buyer: string, column: string) =>
    `--buyer "${buyer}" refused: the "${column}" column names the buyer of each row, and it wins`,
  buyerFlagRefusedHint: () => 'drop --buyer; it names the buyer of files with no buyer column',
  noSupplierColumn: () => 'no supplier column: rows count as redacted',
  publisherIds: (header: string) => `"${header}" holds the publisher's own numbers: not used as supplier_id`,
  /** Why the plan chose what it did (report fields). */
  buyerFromColumn: (fallback: string) => `column (blank cells: ${fallback})`,
  typedDecimals: () => 'spreadsheet cells hold numbers',
  usDates: (preset: string | null) => `month-first, the US convention${preset ? ` (${preset})` : ' (USD)'}`,
  dayFirstDates: (currency: string) =>
    `day-first, the ${currency === 'NOK' ? 'Norwegian' : currency === 'GBP' ? 'UK' : 'European'} convention`,
  decimalsDot: (n: number) => `'.' decimals in ${n} sample values`,
  decimalsComma: (n: number) => `',' decimals in ${n} sample values`,
  decimalsMixed: (dot: number, comma: number, used: string) => `mixed separators (${dot} '.', ${comma} ','); using '${used}'`,
  decimalsByConvention: (fallback: string) => `no decisive sample value; '${fallback}' by convention`,
  datesSerial: (n: number) => `all ${n} sample values are Excel serial day numbers`,
  datesNamedMonth: (example: string) => `dates name the month (e.g. ${example}), so the order is not in doubt`,
  datesIso: (example: string) => `dates are year-first (ISO, e.g. ${example})`,
  datesUnreadable: (convention: string) => `no readable date in the sample; ${convention}`,
  datesMixed: (dayFirst: number, monthFirst: number, convention: string) =>
    `sample has both day-first and month-first dates (${dayFirst} vs ${monthFirst}); ${convention}`,
  datesDayFirst: (example: string) => `a first part above 12 (${example}) means day-first`,
  datesMonthFirst: (example: string) => `a second part above 12 (${example}) means month-first`,
  datesDotted: (example: string) => `dotted dates (DD.MM.YYYY, e.g. ${example}) are day-first`,
  datesByConvention: (n: number, convention: string) => `no part above 12 in ${n} sample dates; ${convention}`,
} as const

/**
 * Reject reasons, built per rejected row (hot path: plain template strings).
 * Callers pass cell text already trimmed.
 * @example rejectMsg.badAmount('not a number', 'n/a') // 'amount not a number: "n/a"'
 */
export const rejectMsg = {
  unknownCurrency: (code: string) => `unknown currency "${code}"`,
  noAmount: () => 'no amount',
  badAmount: (why: string, cell: string) => `amount ${why}: "${cell}"`,
  notANumber: () => 'not a number',
  tooManyDecimals: (exponent: number) => `more decimals than the currency allows (${exponent})`,
  amountTooLarge: () => 'amount too large',
  misplacedThousands: () => 'misplaced thousands separator',
  impossibleDate: (text: string) => `impossible date "${text}"`,
  dateOutOfRange: (text: string) => `date out of range "${text}"`,
  unreadableDate: (text: string) => `unreadable date "${text}"`,
  unreadableDateShort: () => 'unreadable date',
} as const

/**
 * Rate and price-index files (--fx, --deflate; src/io/read/rates.ts).
 * @example ratesMsg.badRate('x') // 'Bad rate "x"'
 */
export const ratesMsg = {
  emptyFile: () => 'The file is empty',
  missingColumn: (what: string, header: readonly string[]) => `No ${what} column (header: ${header.join(', ')})`,
  missingColumnHint: (names: readonly string[]) => `name a column ${names.join(' or ')}`,
  badDate: (text: string) => `Bad date "${text}"`,
  badDateHint: () => 'use YYYY-MM-DD or YYYY-MM',
  badCurrency: (text: string) => `Bad currency "${text}"`,
  badCurrencyHint: () => 'use ISO 4217, e.g. EUR',
  badRate: (text: string) => `Bad rate "${text}"`,
  badRateHint: () => 'a positive decimal with a dot, e.g. 0.8612',
  badPeriod: (text: string) => `Bad period "${text}"`,
  badPeriodHint: () => 'use YYYY or YYYY-MM',
  badIndex: (text: string) => `Bad index "${text}"`,
  badIndexHint: () => 'a positive decimal with a dot, e.g. 104.2',
} as const

/** "a", "a or b", "a, b or c". */
const orList = (list: readonly string[]): string => (list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list.at(-1)}` : (list[0] ?? ''))

/** First six of a list, then "and N more". */
const someOf = (list: readonly string[]): string => `${list.slice(0, 6).join(', ')}${list.length > 6 ? ` and ${list.length - 6} more` : ''}`

/**
 * src/analysis: bad flag values and names that match nothing (pure text, no I/O).
 * @example analysisMsg.noMatch('supplier', 'Acme') // 'No supplier matches "Acme"'
 */
export const analysisMsg = {
  badFiscalStart: (month: unknown) => `Fiscal year start must be a month 1-12, got ${month}`,
  badPeriod: (text: string) => `Not a date or period: "${text}"`,
  badPeriodHint: () => 'use YYYY-MM-DD, YYYY-MM, YYYY-Q1 or YYYY',
  badBands: (bands: string) => `Unknown HHI bands "${bands}"`,
  badBandsHint: () => 'use 2010 or 2023',
  badPeriodKind: (every: unknown) => `Unknown period "${every}"`,
  badPeriodKindHint: () => 'use month, quarter or year',
  badTrendSplit: (by: unknown) => `Cannot split a trend by ${by}`,
  badSubject: (what: unknown) => `Cannot rank "${what}"`,
  badSubjectHint: () => 'use suppliers, buyers or categories',
  rankBySelf: (what: unknown, by: unknown) => `Cannot rank ${what} by ${by}`,
  groupBySelf: (member: string) => `Cannot group ${member}s by ${member}`,
  unknownDimension: (name: string) => `Unknown dimension "${name}"`,
  unknownDimensionHint: (names: readonly string[]) => `use one of ${names.join(', ')}`,
  unknownLevel: (level: string) => `Unknown category level "${level}"`,
  unknownLevelHint: (levels: readonly string[]) => `use ${levels.join(', ')}`,
  repeatedDimension: (by: readonly string[]) => `A dimension is repeated in --by ${by.join(',')}`,
  chartTooManyDims: (by: readonly string[]) => `a chart draws one or two dimensions, not ${by.length} (--by ${by.join(',')})`,
  chartTooManyDimsHint: () => 'give --chart with one or two --by dimensions, or drop --chart',
  badTop: (top: unknown) => `--top must be a positive whole number, got ${top}`,
  badCurrency: (code: unknown) => `Not a currency code: "${code}"`,
  badCurrencyHint: () => 'use ISO 4217, e.g. EUR',
  badRate: (rate: string, currency: string, period: string) => `Bad rate "${rate}" for ${currency} ${period}`,
  fxMissing: (to: string, missing: readonly string[]) => `No ${to} rate for ${someOf(missing)}`,
  fxMissingHint: () => 'add a rate per currency and month (or day)',
  tooLargeToKeepExact: (v: unknown) => `A converted amount is too large to keep exact: ${v}`,
  indexMissing: (missing: readonly string[]) => `No price index for ${someOf(missing)}`,
  indexMissingHint: () => 'add index values for these periods',
  badIndexPeriod: (period: string) => `Index period "${period}" is not YYYY or YYYY-MM`,
  indexMixesGrains: () => 'Index mixes years and months',
  indexMixesGrainsHint: () => 'use one or the other',
  badIndexValue: (value: string, period: string) => `Bad index value "${value}" for ${period}`,
  emptyIndex: () => 'The price index is empty',
  baseLacksMonth: (base: unknown, month: unknown) => `Base year ${base} lacks month ${month} in the index`,
  noBaseIndex: (base: unknown) => `No index value for base ${base}`,
  noMatch: (what: string, text: string) => `No ${what} matches "${text}"`,
  noMatchHint: () => 'check the spelling or the ID',
  didYouMean: (names: readonly string[]) => `did you mean ${orList(names.map((n) => JSON.stringify(n)))}?`,
  badRange: (from: unknown, to: unknown) => `--from ${from} is after --to ${to}`,
  badRangeHint: () => 'swap them',
  emptyName: (kind: string) => `Give a ${kind} id or name`,
  ambiguousName: (q: string, n: number, kind: string, shown: readonly string[], more: number) =>
    `"${q}" matches ${n} ${kind}s: ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`,
  ambiguousNameHint: () => 'give the id or more of the name',
} as const

/** Choosing peers and the common period (src/analysis/benchmark). */
export const benchmarkMsg = {
  badWeights: (text: string) => `Bad weights "${text}"`,
  badWeightsHint: () => 'use GROUP=NUMBER pairs, e.g. size=1,mix=1 (groups: size, mix; weights 0 or more, not all 0)',
  badWeight: (group: string, value: string) => `Bad weight "${value}" for ${group}`,
  unknownWeightGroup: (group: string) => `Unknown feature group "${group}"`,
  repeatedWeight: (group: string) => `The weight for ${group} is given twice`,
  allWeightsZero: () => 'Every weight is 0, so no peer is nearer than another',
  targetNotCandidate: (buyer: string) => `The buyer "${buyer}" is not among the candidate buyers`,
  targetNotCandidateHint: () => 'check that it has spend in the chosen currency (and a size value when sizes are given)',
  noCandidates: (buyer: string) => `No buyer but "${buyer}" to choose peers from`,
  noCandidatesHint: () => 'import other buyers\' spend in the same currency',
  badPeerCount: (n: unknown) => `The number of peers must be a positive whole number, got ${n}`,
  noFeatures: () => 'No feature varies between the candidate buyers, so no distance can be computed',
  noFeaturesHint: () => 'compare more buyers, or buyers with different sizes or category mixes',
  featureDropped: (feature: string) => `${feature} is the same for every candidate buyer (standard deviation 0) and is left out`,
  featureWeightZero: (feature: string, group: string) => `${feature} is left out (the ${group} weight is 0)`,
  noCommonPeriod: (months: number, covers: readonly string[]) => `No ${months} consecutive months are covered by both the buyer and at least one peer: ${covers.join('; ')}`,
  noCommonPeriodHint: () => 'give --from/--to or --year, or --any-period to compare shares each on its own period',
  partialBuyer: (buyer: string, period: string) => `${buyer} has no payments at the start or end of ${period} and is left out`,
  /** `lower`/`higher` are the direction words with the measure: 'spend a smaller share on IT services'. */
  standing: (count: number, peers: number, words: string, same: number) =>
    `${count} of ${peers} ${word(peers, 'peer')} ${words}${same ? `, ${same} the same` : ''}`,
  noPeerValue: (label: string) => `no peer has a value for ${label}`,
  noBuyerValue: (label: string) => `the buyer has no value for ${label}`,
  floorGroup: (amount: string) => `compared on payments of ${amount} or more, the highest floor among these buyers`,
  floorByHand: (amount: string) => `compared on payments of ${amount} or more, the floor set by --floor`,
  floorNone: () => 'compared on all payments: no known publication floor among these buyers',
  floorCurrencies: (currencies: readonly string[]) => `Publication floors in different currencies (${currencies.join(', ')}) cannot be compared`,
  floorCurrenciesHint: () => 'convert the peers with --fx, or leave out those in another currency',
  floorManualSource: () => 'set by --floor',
  badFloor: (floor: unknown) => `The floor must be a whole, non-negative number of minor units, got ${floor}`,
  badFloorHint: () => 'give an amount such as 500 or 25000',
  badPeriodFrom: (text: unknown) => `Not a period start date: "${text}"`,
  badPeriodFromHint: () => 'use YYYY-MM-DD',
  noPeriodStart: () => 'not computed: no period start was given',
  noLookback: (from: string, start: string) => `not computed: the data does not reach back to ${start}, 12 months before the period starts on ${from}`,
  noSuppliers: () => 'not computed: no payment at or above the floor with an identified supplier',
  noPayments: () => 'not computed: no payment at or above the floor',
  noTotal: () => 'not computed: the total spend is zero',
} as const

/** The spend supplier measures leave out (redacted and blank suppliers), said beside the measures. */
export const unidentifiedMsg = {
  /** Stderr line for scripts (csv, tsv): `parts` like `GBP 1,234.50 in 12 payments (16.4% of GBP spend)`. */
  leftOut: (what: string, parts: readonly string[]) =>
    `left out of the ${what}: redacted or blank suppliers (many unknown payees, not one supplier): ${parts.join('; ')}; totals keep them; --redacted-as-supplier counts them as one supplier`,
  part: (currency: string, amount: string, payments: string, share: string, group?: string) =>
    `${group ? `${group}: ` : ''}${currency} ${amount} in ${payments} payments (${share} of ${currency} spend)`,
  moreGroups: (n: number) => `and ${n} more group${n === 1 ? '' : 's'} (all in --json)`,
  viewTitle: (what: string) => `Left out of the ${what}: redacted or blank suppliers (unknown payees)`,
  sharesOfIdentified: () => 'shares of identified spend',
  profileNote: () => 'redacted or blank names (many unknown payees)',
  notRanked: (of: string) => `not ranked: many payees (${of} ranked)`,
} as const

/**
 * `spend rows` (src/services/raw-lines.ts, src/io/write/rows-report.ts): why a
 * row has no raw line, and the notes around its listing.
 * @example rowsMsg.moved('/data/spend.csv') // 'file moved: no file at /data/spend.csv'
 */
export const rowsMsg = {
  stdin: () => 'read from standard input: there is no file to read the line from',
  archive: (container: string) => `inside an archive (${container}): raw lines are read from plain CSV/TSV files`,
  notText: (format: string) => `raw lines are for CSV/TSV text files (this source is ${format})`,
  moved: (path: string) => `file moved: no file at ${path}`,
  changed: () => 'file changed since import (sha256 differs)',
  changedSize: (bytes: number, was: number) => `file changed since import (${bytes} bytes, was ${was}; sha256 differs)`,
  unreadable: (why: string) => `cannot be read (${why})`,
  notImported: () => 'read with --file: raw lines come from imported files (import it, then run spend rows --raw)',
  lineNotFound: (rows: number) => `${rows.toLocaleString('en-GB')} recorded line${rows === 1 ? ' is' : 's are'} not in the file (it matches its SHA-256: please report this)`,
  rawSource: (id: string, file: string, rows: number, note: string) =>
    `${id} ${file}: no raw line${rows === 1 ? '' : 's'} for ${rows.toLocaleString('en-GB')} row${rows === 1 ? '' : 's'}: ${note}`,
} as const

/**
 * The XLSX writer (src/io/write/xlsx.ts).
 * @example xlsxMsg.tooManyRows('top-suppliers', 2000000, 1048575) // 'sheet top-suppliers has 2,000,000 rows: a worksheet holds at most 1,048,575 below its header'
 */
export const xlsxMsg = {
  tooManyRows: (sheet: string, rows: number, max: number) =>
    `sheet ${sheet} has ${rows.toLocaleString('en-GB')} rows: a worksheet holds at most ${max.toLocaleString('en-GB')} below its header`,
  tooManyRowsHint: () => 'write this table as CSV, or narrow it with --top or filters',
} as const

export type OcdsLevel = 'awards' | 'contracts' | 'transactions'

/** What a JSON source is at its top: a document's array or object, or JSON Lines. */
export type JsonRoot = 'array' | 'object' | 'lines'

const JSON_ROOT: Record<JsonRoot, string> = {array: 'a JSON array', object: 'a JSON object', lines: 'JSON Lines'}
const NOT_OCDS_TAIL: Record<JsonRoot, string> = {
  array: ', not OCDS releases or records', object: ': not an OCDS release or record package', lines: ', not OCDS releases or records',
}
const nounCount = (n: number, noun: string, plural = `${noun}s`): string => `${n.toLocaleString('en-GB')} ${n === 1 ? noun : plural}`

/**
 * The OCDS reader (src/io/read/ocds); re-exported by src/io/read/ocds/messages.ts.
 * @example ocdsMsg.noValue('award a1') // 'award a1 has no value'
 */
export const ocdsMsg = {
  badLevel: (level: string) => `--ocds-level ${level} is not one of awards, contracts, transactions`,
  notJson: () => 'not JSON (expected an OCDS release, record or package)',
  emptyJson: () => 'empty JSON file (nothing to import)',
  notOcds: () => 'JSON is not OCDS: no releases[], records[] or ocid found',
  /** NOT_OCDS: what the file holds instead (one line, then the hint). */
  notOcdsDeep: (root: 'array' | 'object', depth: number) => `${JSON_ROOT[root]} nested ${depth.toLocaleString('en-GB')} deep${NOT_OCDS_TAIL[root]}`,
  notOcdsKeys: (keys: readonly string[], more: number) =>
    keys.length === 0
      ? `an empty JSON object${NOT_OCDS_TAIL.object}`
      : `a JSON object with keys ${keys.join(', ')}${more ? ` and ${more.toLocaleString('en-GB')} more` : ''}${NOT_OCDS_TAIL.object}`,
  /** `found`: the parts of a NotOcdsTally ("2 objects with keys a, b; 3 numbers"). */
  notOcdsFound: (root: JsonRoot, found: string) =>
    root === 'object'
      ? `a JSON object whose releases or records are ${found}, none with an ocid${NOT_OCDS_TAIL.object}`
      : `${JSON_ROOT[root]} of ${found}: not OCDS releases or records`,
  notOcdsHint: () => 'spend reads OCDS release and record packages, releases, records and JSON Lines of them; save other data as CSV with an amount column',
  foundObjects: (n: number, keys: readonly string[], more: boolean) =>
    keys.length === 0 ? nounCount(n, 'empty object') : `${nounCount(n, 'object')} with keys ${keys.join(', ')}${more ? ' and more' : ''}`,
  foundArrays: (n: number, depth: number) => `${nounCount(n, 'array')}${depth > 2 ? ` nested ${n === 1 ? '' : 'up to '}${depth.toLocaleString('en-GB')} deep` : ''}`,
  foundDeep: (n: number, depth: number) => `${nounCount(n, 'value')} nested ${n === 1 ? '' : 'up to '}${depth.toLocaleString('en-GB')} deep`,
  foundScalars: (n: number, noun: string) => nounCount(n, noun),
  foundNotJson: (n: number, line: number, why: string) => `${nounCount(n, 'line')} that ${n === 1 ? 'is' : 'are'} not JSON (line ${line}: ${why})`,
  tooDeepLine: (depth: number) => `JSON nested ${depth.toLocaleString('en-GB')} deep: not an OCDS release, record or package`,
  badJson: (line: number, why: string) => `not valid JSON near line ${line} (${why})`,
  badJsonLine: (why: string) => `not valid JSON (${why})`,
  lineTooLong: (line: number, max: number) => `JSON Lines line ${line} is longer than ${max} characters (is it one JSON document?)`,
  notOcdsLine: () => 'not an OCDS release, record or package',
  notOcdsItem: () => 'item is not an OCDS release (no ocid)',
  linkedOnly: (n: number) =>
    `${n} ${word(n, 'record')} ${have(n)} only linked releases and no compiledRelease: nothing to read from ${n === 1 ? 'it' : 'them'}`,
  compiled: (n: number) =>
    `${n} ${word(n, 'record')} had no compiledRelease: compiled from ${n === 1 ? 'its' : 'their'} releases (latest by date, arrays merged by id)`,
  /** The "nothing to analyse" line; `try` names levels that do have data. */
  nothingAtLevel: (file: string, what: string, tags: string, level: OcdsLevel, tryLevels: OcdsLevel[]) =>
    `${file}: OCDS ${what} has no ${level} (tags: ${tags || 'none'}); nothing to import at --ocds-level ${level}` +
    (tryLevels.length ? `; try --ocds-level ${tryLevels.join(' or ')}` : '; it holds no awards, contracts or transactions'),
  noValue: (what: string) => `${what} has no value`,
  zeroValue: (what: string) => `${what} has a zero value`,
  noCurrency: (what: string) => `${what} has no currency`,
  badAmount: (what: string, amount: string) => `${what} amount "${amount}" is not a number`,
  tooPrecise: (what: string, amount: string, currency: string) => `${what} amount ${amount} has more decimals than ${currency} allows`,
  tooLarge: (what: string, amount: string) => `${what} amount ${amount} is too large`,
  split: (n: number, level: string) =>
    `${n} ${word(n, one(level), level)} with several suppliers: each split equally in minor units, remainder to the first supplier listed (description ends "[share i/n]")`,
  duplicates: (n: number, level: string) =>
    `${n} repeated ${one(level)} ${word(n, 'version')} ignored (same ocid and id; the latest by release date kept)`,
  noSuppliers: (n: number, level: string) => `${n} ${word(n, one(level), level)} ${have(n)} no supplier (imported with an empty supplier)`,
  noBuyer: (n: number) => `${n} ${word(n, 'row')} ${have(n)} no buyer (no buyer, tender.procuringEntity or buyer party)`,
  status: (n: number, level: string, statuses: string) =>
    `${n} ${word(n, one(level), level)} ${n === 1 ? 'is' : 'are'} not active (${statuses}); imported as published`,
  currencyFromContract: (n: number) =>
    `${n} ${word(n, 'transaction')} ${have(n)} no currency: used ${n === 1 ? 'its' : 'their'} contract's currency`,
  currencyFromFlag: (n: number, level: string) => `${n} ${word(n, one(level), level)} ${have(n)} no currency: used --currency`,
  dateOrderReason: () => 'OCDS dates are ISO 8601 (the date part is taken as written)',
  currencyEvidence: (fromFlag: number) => `each value's own currency${fromFlag ? `; --currency for ${fromFlag} without one` : ''}`,
  /** Key of the report's skipped_detail. */
  repeatedVersion: (level: string) => `repeated ${level} version`,
  sme: (withScale: number, rows: number, shares: string) =>
    `details.scale known for ${withScale} of ${rows} ${word(rows, 'row')}; SME share of that value: ${shares}`,
} as const


/** spend report: the configuration, the output folder, the period. */
export const reportMsg = {
  yamlError: (what: string) => `not valid YAML: ${what}`,
  yamlHint: () => 'fix the YAML syntax (see the Reports section of the README)',
  notAMap: (what: string) => `${what} must be a mapping of keys to values`,
  mapHint: () => 'write key: value lines',
  badKey: (what: string) => `a key of ${what} is not text`,
  unknownKey: (key: string, what: string) => `unknown key "${key}" in ${what}`,
  oneOf: (allowed: readonly string[]) => `use ${allowed.join(', ')}`,
  notText: (key: string) => `${key} must be text`,
  textHint: () => 'give a non-empty value',
  notInt: (key: string, v: unknown) => `${key} must be a whole number, got ${JSON.stringify(v)}`,
  intHint: (min: number, max?: number) => (max === undefined ? `use a whole number from ${min}` : `use a whole number ${min}-${max}`),
  notBool: (key: string) => `${key} must be true or false`,
  boolHint: () => 'write true or false',
  badCurrency: (code: string) => `not a currency code: "${code}"`,
  currencyHint: () => 'use ISO 4217, e.g. GBP',
  badValue: (key: string, v: string) => `${key} cannot be "${v}"`,
  badId: (id: string) => `section id "${id}" is not a slug`,
  idHint: () => 'use lower-case letters, digits and dashes',
  noType: (what: string) => `${what} has no type`,
  unknownType: (type: string) => `unknown section type "${type}"`,
  missingParam: (type: string, key: string) => `a ${type} section needs ${key}`,
  notAList: (key: string) => `${key} must be a list`,
  sectionsHint: () => 'write each section as "- type: ..."',
  badPeriod: (text: string) => `not a period: "${text}"`,
  periodHint: (relative: readonly string[]) => `use YYYY, YYYY-Q1, YYYY-MM, YYYY-MM-DD, {from, to} or ${relative.join(', ')}`,
  periodBoundHint: () => 'use YYYY, YYYY-Q1, YYYY-MM or YYYY-MM-DD',
  needsAsOf: (period: string) => `the period "${period}" is relative and needs --as-of DATE`,
  needsAsOfHint: () => 'add --as-of YYYY-MM-DD, so a rerun gives the same report',
  badAsOf: (text: string) => `not a date: "${text}"`,
  asOfHint: () => 'use YYYY-MM-DD',
  duplicateId: (id: string) => `two sections have the id "${id}"`,
  duplicateIdHint: () => 'give each section its own id',
  importGone: (id: string) => `import ${id} is not in the workspace`,
  importGoneHint: () => 'import the file again, or report on the imports there are',
  notAReport: (dir: string) => `${dir} is not empty and holds no spend report`,
  notAReportHint: () => 'choose a new or empty folder for --out',
  outIsFile: () => 'is a file, not a folder',
  outIsFileHint: () => 'choose a folder for --out',
  noRows: (rows: number) => `spend: warning: no row of the workspace's ${rows} is in the report's period and filters: the report is empty (check the period, --as-of and the filters)`,
  configUnreadable: (code: string) => `cannot read the configuration (${code})`,
  configUnreadableHint: () => 'check the --config path',
  periodReversed: (from: string, to: string) => `the period runs backwards: from ${from} is after to ${to}`,
  periodReversedHint: () => 'swap from and to',
  outInWorkspace: (out: string, ws: string) => `${out} is inside the workspace ${ws}`,
  outHoldsWorkspace: (out: string, ws: string) => `${out} holds the workspace ${ws} (replacing the report would delete it)`,
  outInWorkspaceHint: () => 'keep the report and the workspace in separate folders',
  inSection: (id: string) => `section ${id}`,
  outNotWritable: (code: string) => `cannot write the report folder there (${code === 'ENOSPC' || code === 'EDQUOT' ? 'no space left' : code === 'EROFS' ? 'read-only file system' : code === 'ENOENT' || code === 'ENOTDIR' ? 'no such folder' : 'permission denied'}); nothing was written`,
  outNotWritableHint: (code: string) => (code === 'ENOSPC' || code === 'EDQUOT' ? 'free some disk space and retry' : 'choose a folder you can write for --out'),
} as const

/** spend verify: the report folder's manifest, what differs, what to do. */
export const verifyMsg = {
  noManifest: () => 'no manifest.json: not a report folder',
  noManifestHint: () => 'give the folder spend report --out wrote',
  badManifest: (what: string) => `manifest.json is not a spendkit report manifest (${what})`,
  badManifestHint: () => 'give the folder spend report --out wrote, with its manifest.json as written',
  newerFormat: (version: number) => `manifest.json is report format ${version}, newer than this spend reads`,
  newerFormatHint: () => 'verify with the spend version named in the manifest (tool.version), or newer',
  cannotRebuild: (why: string) => `the report cannot be rebuilt from its manifest: ${why}`,
  cannotRebuildHint: () => 'restore the published manifest.json, or re-run the report with this spend version',
  noWorkspace: (why: string, recorded: string | null) => `the report's workspace: ${why}${recorded === null ? '' : ` (manifest.json records it as ${JSON.stringify(recorded)}, relative to the report folder)`}`,
  noWorkspaceHint: () => 'give the workspace the report was made from with --workspace DIR',
  noRebuild: () => 'spend: note: a pinned import is missing or changed, so the report was not rebuilt: its files were checked against the hashes in manifest.json only',
  fileLine: (path: string, status: string, detail: string | null) => `spend: ${path}: ${status}${detail ? ` (${detail})` : ''}`,
  inputLine: (id: string, file: string, status: string) => `spend: import ${id} (${file}): ${status}`,
  ok: (files: number, inputs: number) => `spend: verified: ${files} ${files === 1 ? 'file' : 'files'} rebuilt byte for byte from ${inputs} pinned ${inputs === 1 ? 'import' : 'imports'}`,
  failedInputs: () => 'spend: verify failed: re-import the original file of each missing or changed import (spend import FILE), then run spend verify again',
  failedFiles: (n: number) => `spend: verify failed: ${n} ${n === 1 ? 'file is' : 'files are'} not as rebuilt (differs, missing or added): restore the published report, or re-run the report (its command is in manifest.json) and publish it again`,
  bytesDiffer: () => 'bytes differ from the rebuild',
  hashDiffers: () => 'SHA-256 or size differs from manifest.json',
  notRebuilt: () => 'listed in manifest.json but not made by the rebuild',
  notInFolder: () => 'not in the folder',
  notListed: () => 'not listed in manifest.json',
  manifestDiffers: () => 'differs from the rebuilt manifest (apart from generated_at)',
  shaChanged: () => 'the workspace has this import with another SHA-256',
  importMissing: () => 'not in the workspace',
} as const

/** spend peers, and the --size and --peer-group files. */
export const peersMsg = {
  emptyFile: () => 'the file has no header and no rows',
  emptyFileHint: () => 'give a CSV with a header line, e.g. buyer,year,population',
  missingColumn: (what: string, header: readonly string[]) => `no ${what} column (columns: ${header.join(', ') || 'none'})`,
  missingColumnHint: (names: readonly string[]) => `name a column ${names.join(' or ')}`,
  noValueColumns: () => 'no size column after buyer and year',
  noValueColumnsHint: () => 'add a named numeric column such as population, employees or budget',
  blankBuyer: () => 'the buyer cell is empty',
  blankBuyerHint: () => 'give the buyer id or name on every line',
  badYear: (year: string) => `year ${JSON.stringify(year)} is not a year`,
  badYearHint: () => 'write the year as 2024 or a fiscal year as 2024-25',
  badNumber: (column: string, value: string) => `${column} ${JSON.stringify(value)} is not a plain number`,
  badNumberHint: () => 'write plain digits with an optional decimal point and no thousands separators, e.g. 152000 or 1520.5; leave the cell empty when unknown',
  repeatedRow: (buyer: string, year: string, first: number) => `${buyer} ${year} is given twice (first on line ${first})`,
  repeatedRowHint: () => 'keep one line per buyer and year',
  blankGroup: () => 'the group cell is empty',
  blankGroupHint: () => 'give every buyer a group name',
  repeatedBuyer: (buyer: string, first: number) => `${buyer} is given twice (first on line ${first})`,
  repeatedBuyerHint: () => 'keep one line per buyer: a buyer belongs to one group',
  sizeColumnNeedsSize: () => '--size-column needs --size FILE',
  sizeColumnNeedsSizeHint: () => 'give the size file with --size FILE',
  chooseSizeColumn: (columns: readonly string[]) => `the size file has several columns (${columns.join(', ')})`,
  chooseSizeColumnHint: () => 'choose one with --size-column NAME',
  unknownSizeColumn: (name: string, columns: readonly string[]) => `no column ${JSON.stringify(name)} in the size file (columns: ${columns.join(', ')})`,
  unknownSizeColumnHint: () => 'give one of the columns listed to --size-column',
  noSizeYear: (year: string) => `no line of the size file is for ${year}`,
  noSizeYearHint: () => 'add the sizes of that year, or choose another --year',
  buyerNoSize: (buyer: string, column: string, year: string) => `${buyer} has no ${column} for ${year} in the size file`,
  buyerNoSizeHint: () => 'add the buyer\'s line to the size file',
  sizeUnmatched: (n: number, names: readonly string[]) => `spend: note: ${n} ${n === 1 ? 'line' : 'lines'} of the size file ${n === 1 ? 'names' : 'name'} no buyer in the data, left out: ${names.join(', ')}`,
  sizeYearUsed: (column: string, year: string) => `spend: note: size is ${column} for ${year}, the latest year in the size file`,
  severalCurrencies: (buyer: string, currencies: readonly string[]) => `${buyer} spends in several currencies (${currencies.join(', ')}), and peers are compared in one`,
  severalCurrenciesHint: (currencies: readonly string[]) => `choose one with --currency ${currencies[0]}`,
  noSpend: (buyer: string) => `${buyer} has no payments in the selection`,
  noSpendHint: () => 'widen --from/--to or --year, or check the --currency',
  yearAndRange: () => '--year cannot be given with --from or --to',
  yearAndRangeHint: () => 'give either --year Y or --from/--to',
  badYearFlag: (year: string) => `--year ${JSON.stringify(year)} is not a year`,
  excluded: (n: number, names: readonly string[]) => `spend: note: ${n} ${n === 1 ? 'buyer' : 'buyers'} left out of the candidates (no positive spend in the currency, or no size): ${names.join(', ')}`,
  dropped: (message: string) => `spend: note: ${message}`,
  title: (n: number, buyer: string, currency: string) => `Nearest ${n} ${n === 1 ? 'peer' : 'peers'} of ${buyer} (${currency}; z-scores over the candidates, weighted Euclidean distance)`,
  notInGroup: (buyer: string) => `${buyer} is in no group of the peer-group file`,
  notInGroupHint: () => 'add a line with the buyer and its group',
  groupUnmatched: (n: number, names: readonly string[]) => `spend: note: ${n} ${n === 1 ? 'line' : 'lines'} of the peer-group file ${n === 1 ? 'names' : 'name'} no buyer in the data, left out: ${names.join(', ')}`,
  featuresTitle: (size: number, mix: number) => `Features used (weights: size=${size}, mix=${mix}; the mix weight is spread evenly over the categories)`,
} as const

/** `spend benchmark BUYER` (src/services/benchmark*.ts, src/io/write/benchmark-report.ts). */
export const benchmarkCmdMsg = {
  peersOrAuto: () => 'Give the peers with --peers A,B,C or choose them with --auto N',
  peersOrAutoHint: () => 'use one of --peers and --auto',
  yearAndRange: () => '--year cannot be combined with --from/--to',
  yearAndRangeHint: () => 'give either --year (with --fiscal-year-start) or --from/--to',
  fromAndTo: () => 'A benchmark period needs both --from and --to',
  fromAndToHint: () => 'give both (e.g. --from 2024-04 --to 2025-03), or --year, or neither for the latest 12 months all cover',
  anyPeriodAndRange: () => '--any-period compares each buyer on its own period, so it takes no --year or --from/--to',
  anyPeriodAndRangeHint: () => 'drop --any-period, or drop the period',
  manyCurrencies: (buyer: string, currencies: readonly string[]) => `${buyer} has spend in ${currencies.length} currencies (${currencies.join(', ')}); currencies are never added together`,
  manyCurrenciesHint: () => 'choose one with --currency CODE',
  oneCurrency: () => 'A benchmark is in one currency',
  oneCurrencyHint: () => 'give --currency once',
  buyerNoSpend: (buyer: string, currency: string | null) => `${buyer} has no spend${currency ? ` in ${currency}` : ''} in the selection`,
  buyerNoSpendHint: () => 'check the buyer, --currency and the filters',
  peerOtherCurrency: (peer: string, currency: string) => `${peer} has no spend in ${currency} and is left out (currencies are never added together)`,
  buyerPartial: (buyer: string, period: string, covers: readonly string[]) =>
    `${buyer} has no payments at the start or end of ${period} (it covers ${covers.length > 0 ? covers.join(', ') : 'no dated months'})`,
  partialPeer: (peer: string, period: string) => `${peer} has no payments at the start or end of ${period} and is left out`,
  buyerPartialHint: () => 'choose a period the buyer covers with --from/--to or --year, or leave them out for the latest 12 months all cover',
  noPeers: (buyer: string) => `No peer is left to compare ${buyer} with`,
  noPeersHint: () => 'name peers with spend in the same currency and period (--peers), or use --any-period when their periods differ',
  weak: (n: number) => `only ${n} ${n === 1 ? 'peer' : 'peers'}: the comparison is weak (fewer than 3), no measure is flagged`,
  badFloor: (text: string) => `Not an amount: "${text}"`,
  badFloorHint: (currency: string) => `give the floor in ${currency} as a plain number, e.g. 500 or 25000`,
  badAuto: (n: number) => `--auto must be 1 or more, got ${n}`,
  totalNotFlagged: () => 'total spend is shown, never flagged: bodies differ in size',
  anyPeriod: () => 'no common period: each buyer is compared on its own latest 12 months (or all it covers), on share measures only',
  lower: (label: string) => `have a lower ${label}`,
  higher: (label: string) => `have a higher ${label}`,
  fewer: (label: string) => `have fewer ${label}`,
  more: (label: string) => `have more ${label}`,
  categoryLabel: (category: string) => `share of spend on ${category}`,
  categoryLower: (category: string) => `spend a smaller share on ${category}`,
  categoryHigher: (category: string) => `spend a larger share on ${category}`,
  noCategory: () => 'no category',
  otherCategories: (n: number) => `the other ${n} ${n === 1 ? 'category' : 'categories'}`,
  otherCategoriesLabel: (n: number) => `share of spend on the other ${n} ${n === 1 ? 'category' : 'categories'}`,
  title: (buyer: string, currency: string, period: string) => `Benchmark of ${buyer} (${currency}, ${period})`,
  peersLine: (peers: readonly string[]) => `peers: ${peers.join(', ')}`,
} as const

/** The shared-suppliers table of `spend benchmark` (src/analysis/benchmark/shared-suppliers.ts, src/io/write/benchmark-report.ts). */
export const benchSharedMsg = {
  note: () => 'A starting point for price comparison, not a price benchmark: the same supplier may sell different things to each buyer.',
  anyPeriod: () => 'shared suppliers are not compared with --any-period: each buyer\'s period differs, so their spend is not comparable',
  badTop: (n: number) => `--shared-top must be 0 or more, got ${n}`,
  badTopHint: () => 'give the number of shared suppliers to show, e.g. --shared-top 20 (0 shows none, still counted)',
  title: (shown: number, total: number) => `Shared suppliers (${shown} of the ${total} the buyer shares with its peers, its largest spend first)`,
  more: (rest: number) => `${rest} more shared ${rest === 1 ? 'supplier' : 'suppliers'} not shown (--shared-top N shows more)`,
  none: () => 'no supplier the buyer pays is paid by a peer in the period',
} as const

/** `spend benchmark` --size/--per/--peer-group (issue 10, benchmark inputs). */
export const benchInputsMsg = {
  peersAndGroup: () => '--peers cannot be combined with --peer-group',
  peersAndGroupHint: () => 'name the peers with --peers, or compare within the group with --peer-group (and --auto N for the nearest in it)',
  perNeedsSize: () => '--per needs --size FILE',
  perNeedsSizeHint: () => 'give the size file with --size FILE and a column of it with --per NAME',
  sizeUnused: () => '--size is used by --auto (as the size feature) or --per (money per unit); neither is given',
  sizeUnusedHint: () => 'add --per COLUMN for per-unit measures, or --auto N, or drop --size',
  sizeYearPeriod: (column: string, year: string) => `spend: note: size is ${column} for ${year}, the period's year`,
  noSize: (n: number, names: readonly string[], column: string, year: string) =>
    `spend: note: ${n} ${n === 1 ? 'buyer has' : 'buyers have'} no ${column} for ${year} in the size file and ${n === 1 ? 'is' : 'are'} left out of the per-${column} measures only: ${names.join(', ')}`,
  buyerNoSizeNote: (column: string, year: string) => `not computed: the buyer has no ${column} for ${year} in the size file`,
  perUnitLabel: (column: string) => `Total spend per ${column}`,
  noGroupPeers: (buyer: string, group: string) => `No other buyer of ${buyer}'s group "${group}" is in the data`,
  noGroupPeersHint: () => 'check the peer-group file, or name peers with --peers',
  perAnyPeriod: (column: string) => `spend: note: no total spend per ${column}: with no common period only share measures are compared`,
} as const

/** The benchmark section of `spend report` (issue 10). */
export const benchReportMsg = {
  notBoth: (type: string, a: string, b: string) => `a ${type} section takes ${a} or ${b}, not both`,
  notBothHint: (a: string, b: string) => `drop ${a} or ${b}`,
  anyPeriodWithPeriod: () => 'any_period compares each buyer on its own period, so it takes no report or section period',
  anyPeriodWithPeriodHint: () => 'drop any_period, or the period: a section takes the report\'s unless it gives its own',
  flagPeersAndAuto: () => '--benchmark-peers and --benchmark-auto cannot be combined',
  flagPeersAndAutoHint: () => 'name the peers with --benchmark-peers A,B or let --benchmark-auto N choose them',
  flagNeedsBenchmark: (flag: string) => `${flag} needs --benchmark BUYER`,
  flagNeedsBenchmarkHint: () => 'give the buyer to benchmark with --benchmark BUYER',
  periodAll: () => 'the latest 12 months the buyer and every peer cover',
  periodLine: (label: string, how: string) => `Period: ${label} (${how}).`,
  periodGiven: () => 'the report\'s period',
  periodYear: (fiscal: boolean) => (fiscal ? 'the fiscal year asked for' : 'the year asked for'),
  periodOwn: () => 'no common period: each buyer on its own latest 12 months, share measures only',
  peersNamed: (n: number) => `Peers: named (${n} compared).`,
  peersAuto: (n: number, currency: string, weights: string, level: string) =>
    `Peers: the ${n} nearest buyers with spend in ${currency} by size and category mix (${level}): each feature a z-score over the candidate buyers, Euclidean distance, weights ${weights}; the table of peers shows each one's distance, the feature that brings it closest and the one that pushes it furthest.`,
  setBy: (buyers: readonly string[]) => `the floor of ${buyers.join(', ')}`,
  peersTitle: () => 'Why these peers',
  valuesTitle: () => 'Each peer\'s value',
  methods: (quantile: string, percentile: string, fences: string) => `Methods: quantiles ${quantile}; percentile ${percentile}; fences ${fences}.`,
} as const

/** SME share: the supplier_scale column, `benchmark --supplier-info` and the sme measures (issue 10). */
export const benchSmeMsg = {
  smeUnknown: () => 'not computed: no payment at or above the floor has a supplier of known size (supplier_scale in the data, or --supplier-info FILE)',
  noSmeColumn: () => 'no sme column (it says yes or no for each supplier)',
  noSmeColumnHint: () => 'give a CSV with a supplier id or name column and an sme column of yes/no, true/false or Y/N',
  badSme: (value: string) => `"${value}" is not an sme value`,
  badSmeHint: () => 'write yes/no, true/false or Y/N (or sme/micro/small/medium/large)',
  ambiguous: (name: string, matches: readonly string[]) => `"${name}" matches more than one supplier (${matches.join(', ')})`,
  ambiguousHint: () => 'give the supplier id instead of the name',
  conflict: (name: string) => `"${name}" is given twice with different sme values`,
  conflictHint: () => 'keep one line per supplier',
  unmatched: (n: number, names: readonly string[]) =>
    `--supplier-info: ${n} ${n === 1 ? 'line matches' : 'lines match'} no supplier in the data and ${n === 1 ? 'is' : 'are'} ignored (${names.join(', ')}${n > names.length ? ', ...' : ''})`,
} as const

/** The legal-form table (data/legal-forms.csv) behind supplier-name matching (issue 11). */
export const entityNameMsg = {
  emptyFile: () => 'the legal-form table is empty',
  emptyFileHint: () => 'give a CSV with the header form,variants,country,language,source',
  missingColumn: (column: string, header: readonly string[]) => `no ${column} column (the header is ${header.join(', ')})`,
  missingColumnHint: () => 'the header must be form,variants,country,language,source',
  emptyForm: () => 'a legal form has no form or no variants',
  emptyFormHint: () => 'give the form and at least one spelling in variants, separated by ;',
  noSource: (form: string) => `legal form "${form}" names no source`,
  noSourceHint: () => 'name the public list it comes from in the source column',
  duplicate: (variant: string, first: number) => `the spelling "${variant}" is already listed on line ${first}`,
  duplicateHint: () => 'list each spelling once, on the row of the form it means',
} as const

/** The crosswalk and rules a workspace stores and applies at load (io/workspace/overlays.ts). */
export const overlayMsg = {
  missing: (kind: string) => `the workspace's stored ${overlayNoun(kind)} is missing`,
  changed: (kind: string) => `the workspace's stored ${overlayNoun(kind)} does not match its checksum`,
  storeAgain: (kind: string) => (kind === 'entities' ? 'store it again with spend entities apply FILE' : 'store them again with spend classify apply --rules FILE'),
} as const

function overlayNoun(kind: string): string {
  return kind === 'entities' ? 'supplier crosswalk' : 'classification rules'
}

/** The supplier-entity crosswalk: its CSV (io/read/crosswalk.ts) and `spend entities suggest|apply|stats` (issue 11, task B). */
export const entitiesMsg = {
  empty: () => 'the crosswalk is empty',
  header: (got: string) => `the header must start with variant,entity_key,entity_name,score,evidence,decision (it is ${got})`,
  headerHint: () => 'write the header spend entities suggest writes, or start from its output',
  unterminated: () => 'a quoted cell is never closed',
  unterminatedHint: () => 'close the quote with " (write "" for a quote inside a cell)',
  noVariant: () => 'the variant is blank',
  noVariantHint: () => 'give the published supplier name, or delete the row',
  decision: (got: string) => `the decision "${got}" is not auto, review, accept or reject`,
  decisionHint: () => 'write auto, review, accept or reject',
  score: (got: string) => `the score "${got}" is not a number from 0 to 1`,
  scoreHint: () => 'write a number such as 0.95, or leave it blank',
  noKey: (decision: string) => `a row with decision ${decision} has no entity_key`,
  noKeyHint: () => 'give the entity key the variant merges into, or set the decision to review or reject',
  duplicate: (variant: string, id: string | null, first: number) => `"${variant}"${id ? ` with id ${id}` : ''} is already listed on line ${first}`,
  duplicateHint: () => 'keep one row per variant (and supplier_id), delete the other',
  twoEntities: (variant: string, first: string, firstLine: number, second: string) => `"${variant}" is merged into "${second}" here and into "${first}" on line ${firstLine}`,
  twoEntitiesHint: () => 'merge a variant into one entity: change one entity_key, or set one decision to reject',
  noFile: () => 'give the crosswalk FILE to store, or --clear to remove the stored one',
  fileAndClear: () => 'give either FILE or --clear, not both',
  usageHint: () => 'spend entities apply FILE, or spend entities apply --clear',
  wrote: (file: string, rows: number, fresh: number) => `wrote ${rows} crosswalk ${rows === 1 ? 'row' : 'rows'} (${fresh} new) to ${file}`,
  stored: (rows: number, entities: number, merged: number, review: number, rejected: number) =>
    `stored the crosswalk: ${rows} ${rows === 1 ? 'variant' : 'variants'}, ${entities} ${entities === 1 ? 'entity' : 'entities'}, ${merged} auto or accepted, ${review} left for review (kept apart until accepted), ${rejected} rejected`,
  changes: (added: number, changed: number, removed: number) => `against the crosswalk stored before: ${added} added, ${changed} changed, ${removed} removed`,
  cleared: (file: string) => `removed the stored crosswalk (${file}); suppliers are grouped as published again`,
  nothingToClear: () => 'no crosswalk is stored; nothing removed',
  noneStored: () => 'no crosswalk is stored: names before and after are the same (store one with spend entities apply FILE)',
} as const

/** Classification rules, `spend classify`, `classify apply` and `classify suggest` (issue 11, task C1). */
export const classifyMsg = {
  emptyFile: () => 'the rules file has no header',
  headerHint: () => 'the header must be buyer,field,scheme,match,pattern,cpv,note',
  missingColumn: (column: string, header: readonly string[]) => `no ${column} column (the header is ${header.join(', ')})`,
  badField: (field: string) => `unknown field "${field}"`,
  badFieldHint: () => 'use expense_type, category, category_code, unit or description',
  badMatch: (match: string) => `unknown match "${match}"`,
  badMatchHint: () => 'use exact or regex',
  schemeNotCode: (field: string) => `a scheme is given on a rule testing ${field}`,
  schemeNotCodeHint: () => 'a scheme applies only to category_code rules: leave it blank',
  emptyPattern: () => 'the rule has no pattern',
  emptyPatternHint: () => 'give the text (exact) or the regular expression (regex) to match',
  badRegex: (pattern: string, why: string) => `bad regular expression "${pattern}" (${why})`,
  badRegexHint: () => 'write a JavaScript regular expression, or use match exact',
  badCpv: (cpv: string) => `"${cpv}" is not a CPV code`,
  badCpvHint: () => 'give 8 digits with an optional check digit, e.g. 72000000-5',
  unknownCpv: (cpv: string) => `CPV code ${cpv} is not in the CPV 2008 list`,
  unknownCpvHint: () => 'use a code from data/cpv-2008-en.csv',
  noRulesFlag: () => 'no rules given',
  noRulesFlagHint: () => 'give --rules FILE (repeatable) or --rules default, or --clear',
  clearWithRules: () => '--clear takes no --rules',
  clearWithRulesHint: () => 'run spend classify apply --clear alone',
  cannotRead: (code: string) => `cannot read the rules file (${code})`,
  cannotReadHint: () => 'check the path, or use --rules default for the shipped rules',
  defaultMissing: (file: string) => `the shipped rules file ${file} is missing`,
  defaultMissingHint: () => 'reinstall spendkit, or give your own --rules FILE',
  stored: (rules: number, source: string, sha: string) => `stored ${rules} classification ${rules === 1 ? 'rule' : 'rules'} from ${source} (sha256 ${sha}); every load now classifies with them`,
  cleared: (source: string) => `removed the stored classification rules (from ${source}); categories are as published again`,
  nothingToClear: () => 'no classification rules were stored; nothing to remove',
  usedStored: (source: string, sha: string, rules: number) => `classification: the stored rules from ${source} (sha256 ${sha}, ${rules} ${rules === 1 ? 'rule' : 'rules'})`,
  usedPreview: (source: string, rules: number) => `classification: previewing ${rules} ${rules === 1 ? 'rule' : 'rules'} from ${source} (not stored; spend classify apply --rules stores them)`,
  usedNone: () => 'classification: no rules stored; only CPV codes that came with the data count (spend classify apply --rules FILE|default adds rules)',
} as const

/** The GPP tag set (data/gpp-groups.csv), `spend classify gpp`, the report's gpp section and its pinned overlays (issue 11). */
export const gppMsg = {
  emptyFile: () => 'the GPP tag set is empty',
  emptyFileHint: () => 'give a CSV with the header prefix,group,source',
  missingColumn: (column: string, header: readonly string[]) => `no ${column} column (the header is ${header.join(', ')})`,
  missingColumnHint: () => 'the header must be prefix,group,source',
  badPrefix: (prefix: string) => `"${prefix}" is not a CPV prefix`,
  badPrefixHint: () => 'give 2 to 8 leading digits of a CPV code',
  emptyGroup: (prefix: string) => `prefix ${prefix} names no group`,
  emptyGroupHint: () => 'name the GPP product group in the group column',
  noSource: (prefix: string) => `prefix ${prefix} names no source`,
  noSourceHint: () => 'name the criteria document it comes from in the source column',
  duplicate: (prefix: string, first: number) => `prefix ${prefix} is already listed on line ${first}`,
  duplicateHint: () => 'list each prefix once',
  noGroup: 'not a GPP group',
  overlayLine: (kind: string, status: string, pinned: {sha256: string; source: string} | null, stored: {sha256: string; source: string} | null) => {
    const what = overlayNoun(kind)
    const one = (o: {sha256: string; source: string} | null) => (o === null ? 'none' : `${o.source} (sha256 ${o.sha256.slice(0, 12)})`)
    if (status === 'added') return `spend: the workspace's ${what}: added since the report was built (stored now: ${one(stored)}; the report was built with none)`
    if (status === 'removed') return `spend: the workspace's ${what}: removed since the report was built (the report was built with ${one(pinned)})`
    return `spend: the workspace's ${what}: changed since the report was built (stored now: ${one(stored)}; the report was built with ${one(pinned)})`
  },
  overlayNoRebuild: () => 'spend: note: the workspace applies other common definitions than the report was built with, so the report was not rebuilt: its files were checked against the hashes in manifest.json only',
  overlayFailed: (kinds: readonly string[]) => `spend: verify failed: store the ${kinds.map(overlayNoun).join(' and the ')} the report was built with again (${kinds.map((k) => (k === 'entities' ? 'spend entities apply FILE' : 'spend classify apply --rules FILE')).join(', ')}), or verify against a copy of the workspace as it was, then run spend verify again`,
  sectionTitle: () => 'Spend in EU green public procurement product groups',
  sectionIntro: () => 'Per buyer and currency, the spend whose CPV code is in a product group with EU green public procurement (GPP) criteria (European Commission; the tag set is data/gpp-groups.csv), as a share of all its spend and of its classified spend (rows with a CPV code). Spend with no CPV code is in no group.',
} as const

/** Later imports matched against the stored crosswalk (issue 11, task G). */
export const entitiesLaterMsg = {
  importNames: (file: string, c: {names: number; listed: number; joined: number; fresh: number}) =>
    `${file}: ${c.names} distinct supplier ${c.names === 1 ? 'name' : 'names'} against the stored crosswalk: ${c.listed} already listed, ${c.joined} joined an entity automatically, ${c.fresh} new${c.fresh > 0 ? ' (list them with spend entities suggest --new)' : ''}`,
} as const

/** The report's classification section and the data-quality section's supplier-entities line (issue 11, task F). */
export const reportClassifyMsg = {
  sectionTitle: () => 'Classification coverage',
  sectionIntro: () => 'Per buyer and currency, the rows and the spend classified (a CPV code from the data, or from the workspace\'s classification rules), as spend classify computes it; then the largest unclassified expense types (as spend classify suggest lists them), where a rule would help most.',
  rulesLabel: () => 'Classification rules',
  rulesStored: (source: string, sha: string, rules: number) => `${source} (sha256 ${sha}, ${rules} ${rules === 1 ? 'rule' : 'rules'})`,
  rulesNone: () => 'none stored (only CPV codes that came with the data count; spend classify apply --rules FILE|default adds rules)',
  suggestTitle: (top: number) => `Largest unclassified expense types (top ${top} per currency)`,
  entitiesLabel: () => 'Supplier entities (stored crosswalk)',
  entitiesLine: (before: number, after: number, review: number, source: string) =>
    `${before} ${before === 1 ? 'supplier name' : 'supplier names'} as published, ${after} ${after === 1 ? 'entity' : 'entities'} after the crosswalk (${source}); ${review} ${review === 1 ? 'variant waits' : 'variants wait'} for review`,
  misaligned: () => 'bug: the published frame does not line up with the report\'s frame',
} as const

/** The new-supplier-large, market-share and concentration checks (issue 12, task F4). */
export const flagsSupplierMsg = {
  newSupplierScore: () => 'the first payment divided by the buyer\'s upper fence (Q3 x (Q3/Q1)^k on the log scale, or Q3 + k IQR; above 1 = above the fence)',
  newSupplierMethod: () => 'Tukey fences of the buyer\'s positive payments per currency (type-7 quartiles, exact), echoed per buyer as OCP\'s Cardinal echoes its fences; a supplier\'s first payment is its earliest-dated row for that buyer in the data, ties by source order',
  newSupplierLarge: (supplier: string, date: string, amount: string, times: string, fence: string, k: string, payments: string, log = false) =>
    `first payment to ${supplier} on ${date}: ${amount}, ${times} times the buyer's upper fence ${fence} (${log ? `Q3 x (Q3/Q1)^${k}, Tukey's fence on log amounts,` : `Q3 + ${k} IQR`} of ${payments} payments)`,
  newSupplierFew: (n: number, min: number) => `${n} positive ${n === 1 ? 'payment' : 'payments'}, fewer than min_payments ${min}: first payments not tested`,
  newSupplierWarmup: (n: number, from: string, until: string, days: number) =>
    `${n} first ${n === 1 ? 'payment' : 'payments'} above the fence from ${from} to ${until} not flagged: the first ${days} days of the buyer's data (warmup_days), when every supplier is new`,
  shareScore: () => 'the supplier\'s share of the group\'s positive spend with identified suppliers (0-1)',
  buyerShare: (supplier: string, share: string, buyer: string, amount: string, base: string, suppliers: string) =>
    `${supplier} received ${share} of ${buyer}'s spend with identified suppliers: ${amount} of ${base} (${suppliers} suppliers)`,
  categoryShare: (supplier: string, share: string, category: string, amount: string, base: string, suppliers: string) =>
    `${supplier} received ${share} of the spend on category ${category} with identified suppliers: ${amount} of ${base} (${suppliers} suppliers)`,
  manyBuyers: (n: number) => `${n} buyers`,
  untested: (n: number, what: string, minSuppliers: number | null, minPayments: number | null, minSpend: string) =>
    `${n} ${what} not tested: ${minSuppliers === null ? '' : `fewer than ${minSuppliers} suppliers or `}${minPayments === null ? '' : `fewer than ${minPayments} payments or `}under ${minSpend} of spend`,
  noCategories: () => 'no row has a category: nothing to test (classify the spend with spend classify apply, or import files with a category column)',
  concentrationScore: () => 'the category\'s HHI (0-10,000, sum of squared percentage shares of suppliers with a positive total)',
  concentrated: (category: string, hhi: string, band: string, bands: string, high: string, suppliers: string, payments: string, top: string, share: string) =>
    `category ${category}: HHI ${hhi} (${band}, ${bands}: above ${high}) over ${suppliers} suppliers and ${payments} payments; the largest, ${top}, has ${share}`,
} as const

/** The `duplicates` check's explanations (issue 12, task F1). */
export const duplicatesMsg = {
  exact: (k: number, money: string, supplier: string, date: string, num: string | null) =>
    `${k} identical payments of ${money} to ${supplier} on ${date || 'no date'}${num === null ? ', no invoice or transaction number' : `, number ${num}`}`,
  routineAbove: (share: string, fence: string) => `; identical lines are routine in this file (${share} of its rows), and this line is above its typical line (Q3 + 3 IQR = ${fence})`,
  otherDate: (num: string, money: string, dates: string) => `number ${num}: ${money} paid on ${dates}`,
  closeAmount: (num: string, amounts: string, dates: string, tolerance: string) => `number ${num}: amounts ${amounts} on ${dates}, within ${tolerance} of each other`,
  otherNumber: (k: number, money: string, span: number, dates: string, nums: string, similar: boolean) =>
    `${money} paid ${k} times ${span === 0 ? `on ${dates}` : `within ${span} ${span === 1 ? 'day' : 'days'} (${dates})`} under ${similar ? 'similar' : 'different'} numbers ${nums}`,
  withinDays: (k: number, money: string, span: number, dates: string) =>
    `${money} paid on ${k} dates within ${span} ${span === 1 ? 'day' : 'days'} (${dates}); the file publishes no invoice or transaction numbers`,
} as const

/** The benford, round-amounts, weekend and year-end checks (issue 12): explanations, notes and what the echo says. */
export const flagsDigitsDatesMsg = {
  benfordTooFew: (digits: 1 | 2, n: string, min: string) =>
    `${digits === 1 ? 'first-digit' : 'first-two-digits'} test not run: ${n} amounts at or above the floor, fewer than the ${min} it needs (min_${digits === 1 ? 'first_digit' : 'first_two'})`,
  benfordFlag: (digits: 1 | 2, n: string, madText: string, bound: string, expected: string, top: string, over: string) =>
    `${digits === 1 ? 'first digits' : 'first two digits'} of ${n} amounts: MAD ${madText}, over Nigrini's nonconformity bound ${bound} (sampling alone gives about ${expected}); most over-represented: ${top}; ${over} payments carry over-represented digits`,
  benfordScore: () => 'MAD / the nonconformity bound (0.015 first digit, 0.0022 first two digits): above 1 is nonconformity',
  benfordAmounts: () => 'absolute amounts in major units; the first-digit test takes amounts of 1 or more, the first-two-digits test 10 or more, both only at or above the buyer\'s publication floor, against Benford\'s law restricted to that range',
  roundFlag: (unit: string, r: string, n: string, share: string, expected: string, p: string, pair: boolean) =>
    `${r} of ${n} payments of ${unit} or more are exact multiples of ${unit} (${share}; a repeated round amount counted once), against ${expected} expected from ${pair ? 'the buyer\'s payments to its other suppliers' : 'the other buyers\' payments in this currency'} (binomial p = ${p})`,
  roundScore: () => 'observed share of round amounts / the expected share',
  roundBaseline: () => 'expected share: round amounts among the other buyers\' payments of the currency (for a buyer) or the buyer\'s other suppliers (for a pair), at least base_share; significance: binomial upper tail under alpha divided by the number of tests (Bonferroni)',
  weekendRoutine: (k: string, n: string, share: string, limit: string) =>
    `weekend or holiday dates are routine here: ${k} of ${n} payments (${share}, over routine_share ${limit}); no weekend flags raised`,
  weekendFlag: (what: string, date: string, k: string, total: string, share: string) =>
    `${k} ${k === '1' ? 'payment' : 'payments'} dated ${date} (${what}), ${total}; the buyer dates ${share} of its payments on weekends or listed holidays`,
  weekendScore: () => '1 - (the buyer\'s weekend and holiday share / routine_share): near 1 where such dates are rare in its data',
  yearEndFlag: (month: string, spend: string, avg: string, ratio: string, year: string) =>
    `spend in ${month}, the last month of fiscal year ${year}: ${spend}, ${ratio} times the year's monthly average of ${avg}`,
  yearEndPartial: (years: string) =>
    `fiscal years without 12 months of payments not tested: ${years}`,
  yearEndScore: () => 'last month\'s spend / the fiscal year\'s monthly average (spend / 12)',
} as const

/** `spend rows --at IMPORT:LINE` (issue 12, task F7). */
export const rowsAtMsg = {
  malformed: (ref: string) => `${JSON.stringify(ref)} is not IMPORT:LINE`,
  malformedHint: () => 'give the import id (or a unique prefix) and a line number, e.g. --at 3f2a9c01b2d4:12, as the evidence of spend flags lists them',
  unknownImport: (id: string) => `no import ${JSON.stringify(id)} in the workspace`,
  ambiguousImport: (id: string, n: number) => `import ${JSON.stringify(id)} is a prefix of ${n} import ids`,
  importHint: () => 'spend imports lists the import ids',
  noRecord: (id: string, line: number) => `import ${id} has no record at line ${line}`,
  noRecordHint: () => 'the line may be a header, a blank line or a rejected row: spend imports names the rejects file, spend rows --sort file lists the lines imported',
  fileUnreadable: (why: string) => `cannot read the list of lines (${why})`,
} as const

/** `spend flags`: its config file, the command and the report's flags section (issue 12, task F5). */
export const flagsConfigMsg = {
  notMoney: (key: string, v: unknown) => `${key} must be an amount in major units, not "${String(v)}"`,
  moneyHint: () => 'write it as text with a point, e.g. "5000.00"',
  notDate: (key: string, v: string) => `${key} must be an ISO date, not "${v}"`,
  dateHint: () => 'write YYYY-MM-DD, e.g. 2024-12-25',
  toBeforeFrom: (from: string, to: string) => `to ${to} is before from ${from}`,
  unknownCheck: (name: string) => `unknown check "${name}"`,
  missingKey: (where: string, key: string) => `${where} has no ${key}`,
  thresholdHint: () => 'write - {name: quotation, currency: GBP, amount: "5000.00", from: 2020-01-01, source: "who sets it, the document and its date"}',
  reasonHint: () => 'write - {check: duplicates, supplier: "Acme Ltd", amount: "1250.00", reason: "why it is allowed"}',
  badNumber: (key: string, v: unknown) => `${key} cannot be ${JSON.stringify(v)}`,
  numberHint: (integer: boolean, min?: number, max?: number) =>
    `give ${integer ? 'a whole number' : 'a number'}${min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : max !== undefined ? ` of at most ${max}` : ''}`,
  badJurisdiction: (j: string) => `jurisdiction "${j}" is not a thresholds file name`,
  jurisdictionHint: () => 'name a file of data/thresholds/ without .csv, e.g. GBP: uk',
} as const

export const flagsMsg = {
  unknownCheck: (names: readonly string[]) => `unknown ${names.length === 1 ? 'check' : 'checks'} ${names.map((n) => `"${n}"`).join(', ')}`,
  unknownFlag: (id: string) => `no flag ${id} in this run`,
  unknownFlagHint: () => 'run spend flags without --flag to list the flags and their ids (the same filters and config give the same ids)',
  verdict: (flags: number, checks: number, allowed: number, below: number) =>
    `${groupCount(flags)} ${flags === 1 ? 'flag' : 'flags'} from ${checks} ${checks === 1 ? 'check' : 'checks'}${allowed ? `; ${groupCount(allowed)} allowed by the allow-list` : ''}${below ? `; ${groupCount(below)} under --min-amount` : ''}. A flag is a reason to look, never a verdict.`,
  note: () => 'A flag is a reason to look, never a verdict: each lists the source lines behind it (spend rows shows them in full), and most have an innocent explanation.',
  failOnFlags: (flags: number) => `spend: ${groupCount(flags)} ${flags === 1 ? 'flag' : 'flags'} raised; exit 1 (--fail-on-flags)`,
  moreFlags: (rest: number) => `${groupCount(rest)} more ${rest === 1 ? 'flag' : 'flags'} (spend flags lists them all)`,
  noFlags: () => 'No flags raised.',
  sectionTitle: () => 'Integrity flags',
  sectionIntro: () => 'Standard audit and procurement-integrity tests on the payments (spend flags, the same code). A flag is a reason to look, never a verdict: most have an innocent explanation, and each names the source lines behind it.',
} as const

/** Thousands separators by hand: the same on every machine and locale. */
function groupCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Procurement thresholds files, `splitting` and `threshold-bunching` (issue 12, task F2). */
export const thresholdsMsg = {
  emptyFile: () => 'the thresholds file is empty',
  emptyFileHint: () => 'give a header line name,currency,amount,from,to,applies,source and one line per threshold',
  missingColumn: (column: string, header: readonly string[]) => `no ${column} column (the header has: ${header.join(', ') || 'nothing'})`,
  missingColumnHint: () => 'the columns are name,currency,amount,from,to,applies,source',
  badName: (name: string) => `threshold name "${name}" is not a short name`,
  badNameHint: () => 'use lower-case letters, digits and dashes, e.g. quotation or goods-services-central',
  badCurrency: (currency: string) => `"${currency}" is not a currency code`,
  badCurrencyHint: () => 'give a three-letter ISO 4217 code, e.g. GBP',
  badAmount: (amount: string, currency: string) => `"${amount}" is not a positive amount in ${currency}`,
  badAmountHint: () => 'give major units with at most the currency\'s decimals and no separators, e.g. 5000.00',
  badDate: (field: string, value: string) => `${field} "${value}" is not a date`,
  badDateHint: () => 'give an ISO date YYYY-MM-DD, or leave it empty for an open end',
  badRange: (from: string, to: string) => `from ${from} is after to ${to}`,
  badRangeHint: () => 'give the first and last day the threshold is in force',
  noSource: (name: string) => `threshold ${name} names no source`,
  noSourceHint: () => 'name who sets it, the document and its date in the source column',
  overlap: (name: string, currency: string, first: number) => `threshold ${name} ${currency} overlaps the period of line ${first}`,
  overlapHint: () => 'give each period of a threshold once, with to before the next from',
  unknownJurisdiction: (j: string, currency: string, known: readonly string[]) => `no thresholds file for jurisdiction "${j}" (asked for ${currency}; known: ${known.join(', ')})`,
  unknownJurisdictionHint: () => 'name one of the known jurisdictions, or give the thresholds by hand under thresholds:',
  configEntry: () => 'a threshold needs name, currency, amount and source',
  configEntryHint: () => 'e.g. {name: quotation, currency: GBP, amount: "5000.00", from: 2020-01-01, source: "Council contract procedure rules 2020"}',
  noThreshold: (currency: string) => `no procurement threshold is known for ${currency}`,
  noThresholdHint: () => 'give one in --config thresholds: (e.g. the buyer\'s quotation limit from its contract procedure rules)',
  floorAtOrAbove: (floor: string, name: string, threshold: string) =>
    `the publication floor ${floor} is at or above ${name} ${threshold}: payments under the threshold are not published, so a split under it cannot appear`,
  floorInBand: (floor: string, name: string, from: string) =>
    `the publication floor ${floor} is above the band under ${name} (from ${from}): the payments just below the threshold are not all published, so the test cannot run`,
  splitExplanation: (n: string, days: number, each: string, sum: string, name: string, threshold: string) =>
    `${n} payments within ${days} days, each under ${name} ${threshold} (${each}), together ${sum}`,
  bunchingExplanation: (below: string, lowBand: string, above: string, highBand: string, name: string, threshold: string, expected: string, p: string) =>
    `${below} payments in ${lowBand} against ${above} in ${highBand} around ${name} ${threshold} (share below expected ${expected} under a log-uniform density); one-sided binomial p = ${p}`,
  splitScore: () => 'the window\'s sum divided by the threshold (1 = exactly the threshold; 2 = twice it)',
  bunchingScore: () => '-log10 of the one-sided binomial p-value (3 = p 0.001; higher = a stronger excess just below the threshold)',
} as const

/** spend export. */
export const exportMsg = {
  unknownExtension: (out: string) => `cannot tell the export format from "${out}"`,
  extensionHint: () => 'end --out with .csv, .jsonl, .parquet, .xlsx or .arrow (or give --as csv|jsonl|parquet|xlsx|arrow)',
  xlsxTooMany: (max: number) => `the records do not fit one XLSX sheet (it holds ${max} rows below its header)`,
  xlsxTooManyHint: () => 'export to CSV or Parquet instead (--out FILE.csv or FILE.parquet), or narrow the records with the filters (--from, --buyer...)',
  noMoneyFlag: (flag: string) => `spend export writes the records as stored: --${flag} is not taken here`,
  noPartition: (format: string) => `--partition-by writes CSV, JSON Lines or Parquet folders, not ${format}`,
  badPartition: (text: string) => `--partition-by "${text}" is not a list of partition keys`,
  partitionHint: () => 'give year, buyer or year,buyer',
  notExport: (out: string) => `${out} exists and is not a previous spend export (no _spendkit_export.json)`,
  exists: (out: string) => `${out} already exists`,
  existsHint: () => 'give --force to replace it, or another --out',
  isFolder: (out: string) => `${out} is a folder: a single-file export does not replace a folder`,
  unwritable: (out: string, code: string) => `cannot write ${out} (${code})`,
} as const

/** spend sql, --engine and the PostgreSQL export. */
export const sqlMsg = {
  unknownAnalysis: (name: string) => `spend sql does not cover the analysis "${name}"`,
  allowed: (values: readonly string[]) => `use one of: ${values.join(', ')}`,
  badValue: (where: string, value: string) => `${where} "${value}" is not one of the values this analysis takes`,
  missingArg: (name: string) => `${name} needs what to rank`,
  missingBy: () => 'cube needs --by DIM[,DIM...]',
  flagNotTaken: (analysis: string, flag: string) => `${analysis} does not take --${flag}`,
  flagsTaken: (flags: readonly string[]) => (flags.length ? `its own flags are ${flags.filter((f) => f !== 'exclude-redacted').map((f) => `--${f}`).join(', ')} (and the common filters)` : 'it takes only the common filters'),
  argNotTaken: (analysis: string, arg: string) => `${analysis} takes no argument (got "${arg}")`,
  notOnEngines: (flag: string) => `${flag} is not run on SQL engines`,
  notOnEnginesHint: () => 'leave it out, or run the analysis natively (without --engine) to use it',
  sourceBoth: () => '--table and --parquet are alternatives',
  sourceBothHint: () => 'give one of them: the table the records were loaded into, or the Parquet export',
  parquetDialect: (dialect: string) => `--parquet is for the duckdb and spark dialects, not ${dialect}`,
  parquetDialectHint: () => 'for trino or postgres, name the table (external table over the Parquet files) with --table',
  badTable: (name: string) => `"${name}" is not a table name`,
  badTableHint: () => 'use letters, digits and underscores, optionally schema.table',
  needDb: () => '--engine postgres needs the database',
  needDbHint: () => 'give --db postgresql://user@host:port/db or set $SPENDKIT_DB_URL',
  noTable: (table: string) => `the database has no table ${table}`,
  noTableHint: () => 'load the records first: spend export --db URL',
  chartEngine: () => '--chart is not drawn from an engine\'s result',
  chartEngineHint: () => 'leave out --engine to draw the chart, or --chart to run on the engine',
  loadFailed: (reason: string) => `loading into PostgreSQL failed, nothing was changed: ${reason}`,
  loadFailedHint: () => 'fix the cause and run spend export --db again (it replaces the imports it loads)',
} as const
