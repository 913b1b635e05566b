/**
 * `spend flags` and the report's `flags` section: run the integrity checks
 * on a loaded frame. (Stub: the command and the section call this; see
 * src/analysis/flags/.)
 */
import type {DictColumn, SpendFrame} from '../model/frame.js'
import type {FrameColumn} from '../model/record.js'
import type {Rows} from '../analysis/kernel.js'
import {CHECKS} from '../analysis/flags/registry.js'
import {type FlagsOutcome, runChecks} from '../analysis/flags/run.js'
import {CHECK_COLUMNS, CHECK_NAMES, type CheckName, type FlagsConfig} from '../analysis/flags/types.js'
import {thresholdsFor} from '../io/read/thresholds.js'

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

/**
 * Run the checks (`checks`, else the config's, else all) on a loaded frame.
 * @example await flagsForFrame(input, {}, ['weekend'])
 */
export async function flagsForFrame(input: FlagsFrameInput, config: FlagsConfig, checks?: readonly CheckName[]): Promise<FlagsOutcome> {
  const chosen = checks ?? config.checks ?? CHECK_NAMES
  const currencies = currenciesOf(input.frame)
  const thresholds = await thresholdsFor(currencies, config)
  return runChecks({frame: input.frame, selection: input.selection, thresholds, fiscalYearStart: input.fiscalYearStart, pick: input.pick}, {
    checks: chosen, params: config.params, allow: config.allow, minAmount: config.min_amount ?? null,
  })
}

function currenciesOf(frame: SpendFrame): string[] {
  const c = frame.columns.currency
  return c && c.type === 'dict' ? [...c.dict].sort() : []
}
