import {SPLIT_DIMS, byFlag} from '../analysis-flags.js'
import type {CategoryLevel, DimName} from '../analysis/dims.js'
import {PERIOD_KINDS} from '../analysis/period.js'
import {TOP_SUBJECTS, type TopSubject} from '../analysis/top.js'
import {SpendInputError} from '../errors.js'
import {sqlMsg} from '../messages.js'
import {concentrationSql} from './analyses/concentration.js'
import {cubeSql} from './analyses/cube.js'
import {paretoSql} from './analyses/pareto.js'
import {topSql} from './analyses/top.js'
import {trendSql} from './analyses/trend.js'
import type {SqlAnalysis, SqlAnalysisName} from './types.js'

/**
 * The analyses `spend sql` writes and `--engine` runs: each one's SQL module,
 * the flags of its command beyond the common filters, its argument (top's
 * `suppliers|buyers|categories`), and how those flags become the module's
 * Options. Defaults are the commands' own, so `spend sql top suppliers` is
 * the SQL of `spend top suppliers`.
 */

/** The analysis flags as parsed (the union over the analyses; kebab-case as on the command line). */
export interface AnalysisFlagSet {
  by?: string
  rollup?: boolean
  top?: number
  level?: string
  'fiscal-year-start'?: number
  'redacted-as-supplier'?: boolean
  'exclude-redacted'?: boolean
  detail?: boolean
  bands?: string
  every?: string
}

export interface SqlEntry {
  name: SqlAnalysisName
  analysis: SqlAnalysis<never>
  /** The command's own flags (beyond the common filters) that its SQL takes. */
  flags: readonly (keyof AnalysisFlagSet)[]
  /** The positional argument's allowed values, when the command has one. */
  arg?: readonly string[]
  /** The command's flags (and argument) as the module's Options; bad values are usage errors (exit 2). */
  options(flags: AnalysisFlagSet, arg?: string): Record<string, unknown>
  /** Dimensions of the output rows' dimension columns (for CSV and table views). */
  dims(flags: AnalysisFlagSet, arg?: string): DimName[]
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], where: string): T | undefined {
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value)) {
    throw new SpendInputError('BAD_FLAG', sqlMsg.badValue(where, value), {where, hint: sqlMsg.allowed(allowed), exit: 2})
  }
  return value as T
}

const level = (f: AnalysisFlagSet) => f.level as CategoryLevel | undefined
const PARETO_BY = SPLIT_DIMS.filter((d) => d !== 'supplier')
const CONCENTRATION_BY = ['category', 'buyer', 'gpp_group'] as const
const TREND_BY = SPLIT_DIMS.filter((d) => !(PERIOD_KINDS as readonly string[]).includes(d))

function topSubject(arg: string | undefined): TopSubject {
  const what = oneOf(arg, Object.keys(TOP_SUBJECTS) as TopSubject[], 'WHAT')
  if (!what) throw new SpendInputError('MISSING_ARG', sqlMsg.missingArg('top'), {hint: sqlMsg.allowed(Object.keys(TOP_SUBJECTS)), exit: 2})
  return what
}

function topBy(f: AnalysisFlagSet, what: TopSubject): DimName | undefined {
  const by = oneOf(f.by, SPLIT_DIMS, '--by')
  if (by === TOP_SUBJECTS[what]) throw new SpendInputError('BAD_DIMENSION', `Cannot rank ${what} by ${by}`, {where: '--by', exit: 2})
  return by
}

function cubeBy(f: AnalysisFlagSet): DimName[] {
  if (f.by === undefined) throw new SpendInputError('MISSING_FLAG', sqlMsg.missingBy(), {where: '--by', exit: 2})
  return byFlag(f.by)
}

export const SQL_ANALYSES: Readonly<Record<SqlAnalysisName, SqlEntry>> = {
  cube: {
    name: 'cube', analysis: cubeSql as SqlAnalysis<never>,
    flags: ['by', 'rollup', 'top', 'level', 'fiscal-year-start', 'exclude-redacted'],
    options: (f) => ({by: cubeBy(f), rollup: f.rollup ?? false, top: f.top, level: level(f), fiscalYearStart: f['fiscal-year-start'], excludeRedacted: f['exclude-redacted'] ?? false}),
    dims: (f) => cubeBy(f).filter((d) => d !== 'currency'),
  },
  top: {
    name: 'top', analysis: topSql as SqlAnalysis<never>, arg: Object.keys(TOP_SUBJECTS),
    flags: ['by', 'top', 'level', 'fiscal-year-start', 'redacted-as-supplier', 'exclude-redacted'],
    options: (f, arg) => {
      const what = topSubject(arg)
      return {what, by: topBy(f, what), top: f.top ?? 10, level: level(f), fiscalYearStart: f['fiscal-year-start'], redactedAsSupplier: f['redacted-as-supplier'] ?? false, excludeRedacted: f['exclude-redacted'] ?? false}
    },
    dims: (f, arg) => {
      const what = topSubject(arg)
      const by = topBy(f, what)
      return by ? [by, TOP_SUBJECTS[what]] : [TOP_SUBJECTS[what]]
    },
  },
  pareto: {
    name: 'pareto', analysis: paretoSql as SqlAnalysis<never>,
    flags: ['by', 'detail', 'level', 'fiscal-year-start', 'redacted-as-supplier', 'exclude-redacted'],
    options: (f) => ({by: oneOf(f.by, PARETO_BY, '--by'), detail: f.detail ?? false, level: level(f), fiscalYearStart: f['fiscal-year-start'], redactedAsSupplier: f['redacted-as-supplier'] ?? false, excludeRedacted: f['exclude-redacted'] ?? false}),
    dims: (f) => {
      const by = oneOf(f.by, PARETO_BY, '--by')
      return by ? [by] : []
    },
  },
  concentration: {
    name: 'concentration', analysis: concentrationSql as SqlAnalysis<never>,
    flags: ['by', 'bands', 'level', 'redacted-as-supplier', 'exclude-redacted'],
    options: (f) => ({by: oneOf(f.by, CONCENTRATION_BY, '--by') ?? 'category', bands: oneOf(f.bands, ['2010', '2023'] as const, '--bands') ?? '2010', level: level(f), redactedAsSupplier: f['redacted-as-supplier'] ?? false, excludeRedacted: f['exclude-redacted'] ?? false}),
    dims: (f) => [oneOf(f.by, CONCENTRATION_BY, '--by') ?? 'category'],
  },
  trend: {
    name: 'trend', analysis: trendSql as SqlAnalysis<never>,
    flags: ['every', 'by', 'fiscal-year-start', 'level', 'exclude-redacted'],
    options: (f) => ({every: oneOf(f.every, PERIOD_KINDS, '--every') ?? 'month', by: oneOf(f.by, TREND_BY, '--by'), fiscalYearStart: f['fiscal-year-start'], level: level(f), excludeRedacted: f['exclude-redacted'] ?? false}),
    dims: (f) => {
      const by = oneOf(f.by, TREND_BY, '--by')
      const every = oneOf(f.every, PERIOD_KINDS, '--every') ?? 'month'
      return by ? [by, every] : [every]
    },
  },
}

/** The analyses `spend sql` writes. */
export const SQL_ANALYSIS_NAMES = Object.keys(SQL_ANALYSES) as SqlAnalysisName[]

/** The entry of an analysis name; an unknown one is a usage error. */
export function sqlEntry(name: string): SqlEntry {
  const entry = (SQL_ANALYSES as Record<string, SqlEntry | undefined>)[name]
  if (!entry) throw new SpendInputError('BAD_ANALYSIS', sqlMsg.unknownAnalysis(name), {hint: sqlMsg.allowed(SQL_ANALYSIS_NAMES), exit: 2})
  return entry
}

/**
 * Refuse flags the analysis does not take (`spend sql` accepts the union of
 * the analyses' flags): `given` are the analysis flags set on the command line.
 */
export function checkFlags(entry: SqlEntry, given: readonly string[], arg: string | undefined): void {
  for (const g of given) {
    if (!(entry.flags as readonly string[]).includes(g)) {
      throw new SpendInputError('BAD_FLAG', sqlMsg.flagNotTaken(entry.name, g), {where: `--${g}`, hint: sqlMsg.flagsTaken(entry.flags), exit: 2})
    }
  }
  if (arg !== undefined && !entry.arg) throw new SpendInputError('BAD_ARG', sqlMsg.argNotTaken(entry.name, arg), {exit: 2})
}
