import {Flags} from '@oclif/core'
import {CATEGORY_LEVELS, DIM_NAMES, parseDims, type DimName} from './analysis/dims.js'
import {isSpendInputError, SpendInputError} from './errors.js'

/** Flags of the analysis commands beyond the common filters (src/flags.ts). */

export const levelFlag = Flags.option({
  options: Object.keys(CATEGORY_LEVELS) as (keyof typeof CATEGORY_LEVELS)[],
  description: 'Cut CPV-style category codes to this level.',
})()

export const fiscalFlag = Flags.integer({
  description: 'First month of the fiscal year (1-12; 4 = April), for year and quarter.',
  min: 1,
  max: 12,
  helpValue: 'MM',
})

/** A single `--by DIM` flag limited to some dimensions (oclif rejects others with exit 2). */
export const dimFlag = <const T extends DimName>(options: readonly T[], description: string) =>
  Flags.option({options, description})()

/** Dimensions a series or ranking can be split by. */
export const SPLIT_DIMS = DIM_NAMES.filter((d) => d !== 'currency')

/**
 * Parse a comma-separated `--by` list; a bad name is a usage error (exit 2).
 * @example byFlag('buyer,category') // ['buyer', 'category']
 */
export function byFlag(text: string): DimName[] {
  try {
    const by = parseDims(text)
    if (by.length === 0) throw new SpendInputError('BAD_DIMENSION', 'No dimension given', {where: '--by', hint: `use ${DIM_NAMES.join(', ')}`})
    if (new Set(by).size !== by.length) throw new SpendInputError('BAD_DIMENSION', `A dimension is repeated in "${text}"`, {where: '--by'})
    return by
  } catch (error) {
    if (!isSpendInputError(error)) throw error
    throw new SpendInputError(error.code, error.message, {where: error.where, hint: error.hint, exit: 2})
  }
}

/**
 * How redacted and blank suppliers are treated, for the commands' descriptions
 * (the flags say the same): the default, --redacted-as-supplier and --exclude-redacted.
 */
export const REDACTED_HELP = 'Redacted and blank suppliers are many unknown payees, not one supplier: by default they stay in every total but are left out of supplier counts, ranks, CRn, HHI and Pareto (whose shares are then of the spend with an identified supplier), and the amount left out is shown beside. --redacted-as-supplier counts them as one supplier; --exclude-redacted drops their rows from everything, totals included.'

/** Count redacted and blank suppliers as one supplier (the behaviour before they were left out). */
export const redactedAsSupplierFlag = Flags.boolean({
  description: 'Count redacted and blank suppliers as one supplier in supplier counts, ranks and shares (default: leave them out of those, keep them in totals, show the amount left out).',
  default: false,
  exclusive: ['exclude-redacted'],
})

/** `--chart FILE`: also draw the result, in the format the extension names. */
export const chartFlag = Flags.string({
  description: 'Also draw the result to FILE: .svg, .png, .vl.json (the Vega-Lite spec, data inline) or .html (one standalone page), chosen by the extension. The table still goes to stdout.',
  helpValue: 'FILE',
  async parse(input) {
    const {chartFormatOf, CHART_FORMATS} = await import('./io/write/charts/chart.js')
    if (!chartFormatOf(input)) {
      throw new SpendInputError('BAD_CHART_FILE', `cannot tell the chart format of "${input}"`, {where: '--chart', hint: `end the file name with ${CHART_FORMATS.map((f) => `.${f}`).join(', ')}`, exit: 2})
    }
    return input
  },
})

/** `--rules FILE|default` (repeatable): classification rules files, tried in the order given (issue 11). */
export const rulesFlag = (description: string) => Flags.string({description, multiple: true, helpValue: 'FILE|default'})

/** `--engine duckdb|postgres` and `--db URL`: run the analysis's SQL (spend sql) on an engine instead of natively. */
export const engineFlags = {
  engine: Flags.option({
    options: ['duckdb', 'postgres'] as const,
    description: 'Run the analysis\'s SQL on an engine: duckdb over the workspace\'s Parquet export (kept in the workspace folder), or postgres over the table spend export --db loads. Same --json; --fx, --deflate, --file and --chart are not run on engines.',
  })(),
  db: Flags.string({description: 'PostgreSQL URL for --engine postgres (default: $SPENDKIT_DB_URL).', env: 'SPENDKIT_DB_URL', helpValue: 'URL'}),
}
