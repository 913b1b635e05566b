/**
 * `spend flags` and the report's `flags` section: run the integrity checks
 * on a loaded frame (see src/analysis/flags/). The command reads its
 * --config file and --check list here, loads the columns the chosen checks
 * read, and gives the checks a `pick` that reads free text (transaction
 * ids, descriptions) at chosen rows only.
 */
import {readTextFile} from '../io/read/text-file.js'
import {SpendInputError} from '../errors.js'
import {flagsMsg, reportMsg} from '../messages.js'
import type {DictColumn, SpendFrame} from '../model/frame.js'
import type {FrameColumn} from '../model/record.js'
import type {Rows} from '../analysis/kernel.js'
import {CHECKS} from '../analysis/flags/registry.js'
import {type FlagsOutcome, runChecks} from '../analysis/flags/run.js'
import {CHECK_COLUMNS, CHECK_NAMES, type CheckName, type FlagsConfig, type ProcurementThreshold} from '../analysis/flags/types.js'
import {thresholdsFor} from '../io/read/thresholds.js'
import {parseFlagsConfig} from '../io/read/flags-config.js'
import {filterFields} from '../io/write/analysis-common.js'
import {flagIds, flagsOutput, type FlagsOutput} from '../io/write/flags-report.js'
import {type AnalysisFlagValues, type AnalysisInput, loadAnalysisInput} from './analysis-input.js'
import {textPicker} from './text-pick.js'

/** The free-text columns a check may pick. */
const PICKED = ['transaction_id', 'description'] as const

/** The columns the chosen checks read. */
export function flagsColumns(checks: readonly CheckName[]): FrameColumn[] {
  const all = new Set<FrameColumn>(CHECK_COLUMNS)
  for (const c of checks) for (const col of CHECKS[c].columns) all.add(col)
  return [...all]
}

export interface FlagsFrameInput {
  frame: SpendFrame
  selection: Rows
  /** Reads a free-text column at chosen rows (the workspace's pickColumn, or the frame's own column for --file). */
  pick: (column: 'transaction_id' | 'description', rows: ArrayLike<number>) => DictColumn
  fiscalYearStart: number
}

/** A run's outcome with the thresholds it used (for the output to echo). */
export type FlagsRun = FlagsOutcome & {thresholds: ProcurementThreshold[]}

/**
 * Run the checks (`checks`, else the config's, else all) on a loaded frame.
 * @example await flagsForFrame(input, {}, ['weekend'])
 */
export async function flagsForFrame(input: FlagsFrameInput, config: FlagsConfig, checks?: readonly CheckName[]): Promise<FlagsRun> {
  const chosen = checks ?? config.checks ?? CHECK_NAMES
  const currencies = currenciesOf(input.frame)
  const thresholds = await thresholdsFor(currencies, config)
  const outcome = runChecks({frame: input.frame, selection: input.selection, thresholds, fiscalYearStart: input.fiscalYearStart, pick: input.pick}, {
    checks: chosen, params: config.params, allow: config.allow, minAmount: config.min_amount ?? null,
  })
  return {...outcome, thresholds}
}

function currenciesOf(frame: SpendFrame): string[] {
  const c = frame.columns.currency
  return c && c.type === 'dict' ? [...c.dict].sort() : []
}

/**
 * `--check a,b` as check names; an unknown name is a usage error naming the valid ones.
 * @example parseCheckList(['weekend,benford']) // ['benford', 'weekend'] (in run order)
 */
export function parseCheckList(values: readonly string[]): CheckName[] {
  const names = values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)
  const bad = names.filter((n) => !(CHECK_NAMES as readonly string[]).includes(n))
  if (bad.length || names.length === 0) {
    throw new SpendInputError('UNKNOWN_CHECK', flagsMsg.unknownCheck(bad.length ? bad : values.map(String)), {where: '--check', hint: reportMsg.oneOf(CHECK_NAMES), exit: 2})
  }
  return CHECK_NAMES.filter((c) => names.includes(c))
}

/** The flags of `spend flags` beyond the common filters. */
export interface FlagsRequest {
  check?: string[]
  config?: string
  minAmount?: string
  fiscalYearStart?: number
  /** Keep only this flag (and list all its evidence). */
  flag?: string
}

export interface FlagsCommandRun {
  input: AnalysisInput
  run: FlagsRun
  out: FlagsOutput
  checks: CheckName[]
}

/**
 * Read the config, load the workspace (or --file), run the checks and build the output.
 * @example (await flagsCommand({}, {check: ['weekend']})).out.flags.length
 */
export async function flagsCommand(flags: AnalysisFlagValues, req: FlagsRequest): Promise<FlagsCommandRun> {
  const config = req.config ? await parseFlagsConfig(await readTextFile(req.config, 'check the path given to --config'), req.config, CHECKS) : {}
  const checks = req.check?.length ? parseCheckList(req.check) : config.checks ?? [...CHECK_NAMES]
  if (req.minAmount !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(req.minAmount)) throw new SpendInputError('BAD_FLAG', `--min-amount must be an amount in major units, not "${req.minAmount}"`, {where: '--min-amount', hint: 'e.g. --min-amount 100.00', exit: 2})
    config.min_amount = req.minAmount
  }
  const fiscalYearStart = req.fiscalYearStart ?? config.fiscal_year_start ?? 1
  const inMemory = Boolean(flags.file?.length)
  const input = await loadAnalysisInput(flags, inMemory ? [...flagsColumns(checks), ...PICKED] : flagsColumns(checks))
  const {frame} = input
  const pick = await textPicker(flags, frame)
  const run = await flagsForFrame({frame, selection: input.selection, pick, fiscalYearStart}, config, checks)
  const facts = {checks, filters: filterFields(input.filters, flags.file), config, thresholds: run.thresholds, fiscalYearStart}
  const out = flagsOutput(run, frame, facts, req.flag)
  if (req.flag !== undefined && out.flags.length === 0) throw new SpendInputError('NO_SUCH_FLAG', flagsMsg.unknownFlag(req.flag), {where: '--flag', hint: flagsMsg.unknownFlagHint()})
  return {input, run, out, checks}
}

/** The frame rows of one flag by id (for `--flag ID` in a table: its rows in full); empty when no flag has it. */
export function flagRows(run: FlagsRun, frame: SpendFrame, id: string): Uint32Array {
  const k = flagIds(run.flags, frame).indexOf(id)
  return k < 0 ? new Uint32Array(0) : run.flags[k].rows
}

/**
 * The exit code of a run: 0 when the checks ran (flags are findings, not
 * failures); 1 with --fail-on-flags when any flag is raised.
 * @example flagsExitCode(out, true) // 1 when out.flags is not empty
 */
export function flagsExitCode(out: FlagsOutput, failOnFlags: boolean): 0 | 1 {
  return failOnFlags && out.flags.length > 0 ? 1 : 0
}
