import {Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {analysisFlags} from '../flags.js'
import {SpendInputError} from '../errors.js'
import {EXPORT_FORMATS, type ExportResult, runExport} from '../services/export/run.js'

export default class Export extends SpendCommand {
  static override summary = 'Write the workspace\'s records to a file other tools read (CSV, JSON Lines, Parquet, XLSX, Arrow) or a PostgreSQL table.'
  static override description = 'The canonical records with the entity and classification columns the analyses use, and the analyses\' filters. The format comes from the extension of --out (.csv, .jsonl, .parquet, .xlsx, .arrow) or --as; --format is the format of this command\'s own one-row report (out, rows, bytes, sha256). The file is written beside the target and renamed into place when complete; an existing target needs --force. CSV has money as `amount` in major units with `currency` beside; JSON Lines has every column plus `amount`; Parquet and Arrow keep money exact as amount_minor (int64 minor units) beside currency and currency_exponent; XLSX has one sheet with a frozen header (at most 1,048,576 rows). --db URL loads a PostgreSQL table instead (see the README).'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --out spend.csv',
    '<%= config.bin %> <%= command.id %> --out spend.jsonl --buyer GB-GOV-1 --from 2024',
    '<%= config.bin %> <%= command.id %> --out records.parquet --force --json',
    '<%= config.bin %> <%= command.id %> --out parquet-folder --as parquet --partition-by year,buyer',
    '<%= config.bin %> <%= command.id %> --db postgresql://analyst@db.example.org/spend',
  ]
  static override flags = {
    out: Flags.string({description: 'The file (or, with --partition-by, the folder) to write.', helpValue: 'FILE|DIR'}),
    db: Flags.string({description: 'Load the records into this PostgreSQL database instead (COPY in one transaction; re-running replaces the same imports\' rows).', helpValue: 'URL'}),
    table: Flags.string({description: 'With --db: the table (default spend_records; created when missing).', helpValue: 'NAME'}),
    as: Flags.option({options: EXPORT_FORMATS, description: 'The file format (default: from the extension of --out).'})(),
    'partition-by': Flags.string({description: 'Write a hive-style folder (year=2024/buyer_id=.../part-0.csv) by year, buyer or year,buyer; --out is then the folder.', helpValue: 'KEYS'}),
    force: Flags.boolean({description: 'Replace an existing --out.', default: false}),
    ...analysisFlags,
  }

  async run(): Promise<ExportResult> {
    const {flags} = await this.parse(Export)
    if ((flags.out === undefined) === (flags.db === undefined)) throw new SpendInputError('BAD_FLAG', 'spend export needs one of --out FILE and --db URL', {hint: 'give --out FILE|DIR to write a file, or --db URL to load a PostgreSQL table', exit: 2})
    if (flags.table !== undefined && flags.db === undefined) throw new SpendInputError('BAD_FLAG', '--table is for --db', {where: '--table', hint: 'give --db URL, or leave out --table', exit: 2})
    const result = flags.db === undefined
      ? await runExport({out: flags.out!, as: flags.as, partitionBy: flags['partition-by'], force: flags.force, flags})
      : await (await import('../services/export/db.js')).runDbExport(flags.db, {table: flags.table, flags})
    this.note(result.bytes === null ? `spend: loaded ${result.rows} rows into ${result.table} (${result.replaced} rows of the same imports replaced)` : `spend: wrote ${result.rows} rows to ${result.out} (${result.bytes} bytes)`)
    await this.emit(result, [{
      columns: [{key: 'out', header: 'out', fit: 'path'}, {key: 'rows', header: 'rows', kind: 'int'}, {key: 'bytes', header: 'bytes', kind: 'int'}, {key: 'sha256', header: 'sha256'}],
      rows: [{out: result.out, rows: result.rows, bytes: result.bytes, sha256: result.sha256}],
    }], flags.format)
    return result
  }
}
