/**
 * Every user-facing message, as named functions: one place to read, reword and
 * test them (vega-lite's log/message.ts habit). Grouped by layer: `msg` and
 * `inspectMsg` (commands), `bytesMsg`, `csvMsg`, `tableMsg`, `rejectMsg`,
 * `ratesMsg`, `ocdsMsg` (reading), `analysisMsg` (src/analysis). Plain
 * functions with no imports, so any layer, src/model and src/analysis
 * included, may use them; reject reasons are built per row, so keep them
 * single template strings.
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
  tableTruncated: (shown: number, total: number) => `showing the first ${shown} of ${total.toLocaleString('en-GB')} rows; use --format csv or md for all of them`,
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
 * @example tableMsg.currencyFromSymbols('GBP') // 'currency GBP: from symbols in the file'
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
  noCurrencyCode: () => 'currency column has no ISO code in the first rows',
  noCurrency: () => 'the file does not say its currency',
  noCurrencyHint: () => 'add --currency GBP (or the right code)',
  /** Warnings of a table plan (shown after an import and by inspect). */
  badOrgIds: (n: number, scheme: string | null) => `${n} supplier ids failed the ${scheme} check: kept as text only`,
  currencyFromPreset: (currency: string, preset: string) => `currency ${currency}: from the ${preset} layout`,
  currencyFromSymbols: (currency: string) => `currency ${currency}: from symbols in the file`,
  noDataRows: () => 'no data rows',
  mixedDecimals: (reason: string) => `amount decimal separator: ${reason}`,
  mixedDates: (reason: string) => `dates: ${reason}`,
  noDateColumn: () => 'no date column',
  noDateColumnWarning: () => 'no date column: every row has no date',
  buyerFallback: (buyer: string, fromTitle: boolean) =>
    `buyer "${buyer}": from the ${fromTitle ? 'title line' : 'file name'} (use --buyer to name it)`,
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
  datesNamedMonth: () => 'dates name the month (e.g. 21 Mar 2012), so the order is not in doubt',
  datesIso: () => 'dates are year-first (ISO)',
  datesUnreadable: (convention: string) => `no readable date in the sample; ${convention}`,
  datesMixed: (dayFirst: number, monthFirst: number, convention: string) =>
    `sample has both day-first and month-first dates (${dayFirst} vs ${monthFirst}); ${convention}`,
  datesDayFirst: (example: string) => `a first part above 12 (${example}) means day-first`,
  datesMonthFirst: (example: string) => `a second part above 12 (${example}) means month-first`,
  datesDotted: () => 'dotted dates (DD.MM.YYYY) are day-first',
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
  badRange: (from: unknown, to: unknown) => `--from ${from} is after --to ${to}`,
  badRangeHint: () => 'swap them',
  emptyName: (kind: string) => `Give a ${kind} id or name`,
  ambiguousName: (q: string, n: number, kind: string, shown: readonly string[], more: number) =>
    `"${q}" matches ${n} ${kind}s: ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`,
  ambiguousNameHint: () => 'give the id or more of the name',
} as const

export type OcdsLevel = 'awards' | 'contracts' | 'transactions'

/**
 * The OCDS reader (src/io/read/ocds); re-exported by src/io/read/ocds/messages.ts.
 * @example ocdsMsg.noValue('award a1') // 'award a1 has no value'
 */
export const ocdsMsg = {
  badLevel: (level: string) => `--ocds-level ${level} is not one of awards, contracts, transactions`,
  notJson: () => 'not JSON (expected an OCDS release, record or package)',
  emptyJson: () => 'empty JSON file (nothing to import)',
  notOcds: () => 'JSON is not OCDS: no releases[], records[] or ocid found',
  badJson: (line: number, why: string) => `not valid JSON near line ${line} (${why})`,
  badJsonLine: (why: string) => `not valid JSON (${why})`,
  lineTooLong: (line: number, max: number) => `JSON Lines line ${line} is longer than ${max} characters (is it one JSON document?)`,
  notOcdsLine: () => 'not an OCDS release, record or package',
  notOcdsItem: () => 'item is not an OCDS release (no ocid)',
  linkedOnly: (n: number) => `${n} record(s) have only linked releases and no compiledRelease: nothing to read from them`,
  compiled: (n: number) => `${n} record(s) had no compiledRelease: compiled from their releases (latest by date, arrays merged by id)`,
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
    `${n} ${level} with several suppliers: each split equally in minor units, remainder to the first supplier listed (description ends "[share i/n]")`,
  duplicates: (n: number, level: string) => `${n} repeated ${level} version(s) ignored (same ocid and id; the latest by release date kept)`,
  noSuppliers: (n: number, level: string) => `${n} ${level} have no supplier (imported with an empty supplier)`,
  noBuyer: (n: number) => `${n} rows have no buyer (no buyer, tender.procuringEntity or buyer party)`,
  status: (n: number, level: string, statuses: string) => `${n} ${level} are not active (${statuses}); imported as published`,
  currencyFromContract: (n: number) => `${n} transactions have no currency: used their contract's currency`,
  currencyFromFlag: (n: number, level: string) => `${n} ${level} have no currency: used --currency`,
  dateOrderReason: () => 'OCDS dates are ISO 8601 (the date part is taken as written)',
  /** Key of the report's skipped_detail. */
  repeatedVersion: (level: string) => `repeated ${level} version`,
  sme: (withScale: number, rows: number, shares: string) =>
    `details.scale known for ${withScale} of ${rows} rows; SME share of that value: ${shares}`,
} as const

/**
 * The workspace's own files (src/io/workspace) and `spend check`: damage
 * found when a part, rejects file or dictionary join is loaded or checked.
 * The `…What` entries say what is wrong with one file; `damaged` and
 * `damagedHint` make the one-line error that names the import.
 * @example workspaceMsg.columnMismatch('date') // 'column date does not match its checksum'
 */
export const workspaceMsg = {
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
