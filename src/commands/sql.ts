import {Args, Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {analysisFlags} from '../flags.js'
import {levelFlag, fiscalFlag} from '../analysis-flags.js'
import {analysisSql, type AnalysisSql} from '../services/engine.js'
import {DIALECTS} from '../sql/dialect.js'
import {checkFlags, SQL_ANALYSES, sqlEntry, type AnalysisFlagSet} from '../sql/registry.js'

/** The analyses' own flags, as the union over them (each analysis refuses those it does not take). */
const OWN_FLAGS = ['by', 'rollup', 'top', 'level', 'fiscal-year-start', 'redacted-as-supplier', 'detail', 'bands', 'every'] as const

export default class Sql extends SpendCommand {
  static override summary = 'Print the SQL that computes an analysis, for DuckDB, PostgreSQL, Spark or Trino.'
  static override description = 'The query reads the exported records (spend export: the table spend_records by default, --table NAME, or --parquet DIR_OR_GLOB for DuckDB and Spark) and gives the same rows as the analysis (cube so far; top, pareto, concentration and trend are refused until their SQL is written), with exact integer sums of minor units; shares are worked out from those integers. Takes the analysis\'s own flags and the common filters (names resolved against the workspace and written as explicit id lists); --fx, --deflate and --file are not run on engines. --json prints {"analysis","dialect","sql"}.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> cube --by buyer,category --rollup --dialect duckdb',
    '<%= config.bin %> <%= command.id %> top suppliers --top 20 --dialect postgres',
    '<%= config.bin %> <%= command.id %> trend --every quarter --fiscal-year-start 4 --dialect spark --parquet s3://bucket/spend/',
  ]
  static override args = {
    analysis: Args.string({description: 'The analysis.', options: Object.keys(SQL_ANALYSES), required: true}),
    what: Args.string({description: 'For top: suppliers, buyers or categories.'}),
  }
  static override flags = {
    dialect: Flags.option({options: DIALECTS, description: 'SQL dialect to write.', required: true})(),
    table: Flags.string({description: 'Table to read (default spend_records).', helpValue: 'NAME'}),
    parquet: Flags.string({description: 'Read Parquet files instead (a folder, possibly hive-partitioned, or a glob); duckdb and spark.', helpValue: 'DIR_OR_GLOB'}),
    by: Flags.string({description: 'The analysis\'s --by (cube: a comma-separated list).', helpValue: 'DIM'}),
    rollup: Flags.boolean({description: 'cube: subtotal rows.'}),
    top: Flags.integer({description: 'cube, top: how many to keep.', min: 1, helpValue: 'N'}),
    level: levelFlag,
    'fiscal-year-start': fiscalFlag,
    'redacted-as-supplier': Flags.boolean({description: 'top, pareto, concentration: count redacted and blank suppliers as one supplier.'}),
    detail: Flags.boolean({description: 'pareto: every supplier with its class.'}),
    bands: Flags.option({options: ['2010', '2023'] as const, description: 'concentration: DOJ/FTC HHI bands.'})(),
    every: Flags.option({options: ['year', 'quarter', 'month'] as const, description: 'trend: period length.'})(),
    ...analysisFlags,
  }

  async run(): Promise<AnalysisSql> {
    const {args, flags} = await this.parse(Sql)
    const entry = sqlEntry(args.analysis)
    const given = OWN_FLAGS.filter((f) => flags[f] !== undefined && flags[f] !== false)
    checkFlags(entry, given, args.what)
    const out = await analysisSql(args.analysis, args.what, flags as AnalysisFlagSet & typeof flags, flags.dialect)
    if (!this.jsonEnabled()) {
      if (flags.format === 'json') this.log(JSON.stringify(out, null, 2))
      else this.log(out.sql)
    }
    return out
  }
}
