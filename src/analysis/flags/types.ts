/**
 * Integrity flags: the shapes every check shares. A check reads the loaded
 * frame (entity keys and classified categories already applied by the
 * loader) and returns flags, each with the frame rows behind it, plus notes
 * on where it could not run. A flag is a reason to look, never a verdict.
 *
 * The checks live one per module beside this file and are listed in
 * registry.ts; run.ts runs the chosen ones, drops allow-listed flags and
 * those under `--min-amount`, and orders the rest.
 */
import type {DictColumn, SpendFrame} from '../../model/frame.js'
import type {FrameColumn} from '../../model/record.js'
import type {Rows} from '../kernel.js'

/** The checks, in the order they run and are listed. */
export const CHECK_NAMES = [
  'duplicates', 'splitting', 'threshold-bunching', 'benford', 'round-amounts', 'weekend', 'year-end',
  'new-supplier-large', 'market-share', 'concentration',
] as const

export type CheckName = (typeof CHECK_NAMES)[number]

/**
 * One flag. `rows` are frame row numbers (every row behind the flag, in
 * frame order, which is source order within an import); the output turns
 * them into evidence (import, file, line), the first 50 listed.
 */
export interface Flag {
  check: CheckName
  /** The test within the check, e.g. `exact`, `same-amount-other-number`, `first-digit` (stable ids: scripts key on them). */
  kind: string
  buyer: string
  buyer_id: string
  /** The supplier's display name (the entity's where a crosswalk is stored); null where the check is about a buyer. */
  supplier: string | null
  supplier_key: string | null
  /** A category (code or label as the frame holds it), for category checks; else null. */
  category: string | null
  /** Amount involved, in minor units of `currency` (exact). */
  amount: bigint
  currency: string
  /**
   * How far the finding stands out, on a scale each check states in its
   * parameters (`score` in the echo): higher is stronger. Rounded to 4
   * decimals in the output.
   */
  score: number
  /** One line with the numbers, so the flag can be checked by hand. */
  explanation: string
  rows: Uint32Array
}

/** Where a check could not run, or ran on part of the data, and why. */
export interface CheckNote {
  check: CheckName
  buyer: string | null
  currency: string | null
  text: string
}

/** A procurement threshold (not a publication floor): quotation, tender or regulated limits. */
export interface ProcurementThreshold {
  /** `uk`, `no`, `us`... (the thresholds file), or `config` when given in --config. */
  jurisdiction: string
  /** Short name: `quotation`, `tender`, `pcr-goods-services-central`... */
  name: string
  currency: string
  /** In minor units. */
  minor: number
  /** ISO dates the threshold is in force (inclusive), null = open. */
  from: string | null
  to: string | null
  /** Who sets it, the document and its date. */
  source: string
}

/** An allow-list entry: flags it matches are not raised (counted as `allowed`). */
export interface AllowEntry {
  /** Limit to one check; absent = every check. */
  check?: CheckName
  /** Buyer name or id; absent = any buyer. */
  buyer?: string
  /** Supplier: the entity's display name, its key, or a published name; absent = any. */
  supplier?: string
  /** Exact amount in major units (`1250.00`); absent = any. */
  amount?: string
  currency?: string
  /** Why it is allowed (echoed). */
  reason: string
}

/** A parameter value as configured or defaulted: numbers, strings, or lists of strings (dates). */
export type ParamValue = number | string | boolean | readonly string[]

/** One parameter of a check: its default, how to check a configured value, and what it means (echoed with the value). */
export interface ParamSpec {
  kind: 'int' | 'number' | 'share' | 'days' | 'enum' | 'dates' | 'bool' | 'month'
  default: ParamValue
  min?: number
  max?: number
  values?: readonly string[]
  doc: string
}

/** What every check gets. */
export interface CheckContext {
  /** Columns: CHECK_COLUMNS plus the check's own `columns`. */
  frame: SpendFrame
  /** The rows the analyses' filters select (null = all). */
  selection: Rows
  /** This check's parameters, resolved (defaults overridden by --config). */
  params: Readonly<Record<string, ParamValue>>
  /** Procurement thresholds for the currencies present (from the thresholds files and --config). */
  thresholds: readonly ProcurementThreshold[]
  /** The month the fiscal year starts (1-12; 4 = April), for `year-end`. */
  fiscalYearStart: number
  /**
   * Read a free-text column (`transaction_id`, `description`) at chosen rows
   * only (the rest are -1): loading the whole column costs ~1 s on 1M rows.
   */
  pick(column: 'transaction_id' | 'description', rows: ArrayLike<number>): DictColumn
}

/** What a check returns. */
export interface CheckResult {
  flags: Flag[]
  notes: CheckNote[]
  /**
   * Facts worth echoing beside the parameters so a flag can be recomputed
   * (e.g. each publisher's identical-line rate, each buyer's floor and fences).
   */
  echo?: Record<string, unknown>
  /** Per-buyer test results a chart draws (Benford's observed and expected, the bunching histogram). */
  tests?: CheckTest[]
}

/** A Benford test of one buyer and currency. */
export interface BenfordTest {
  type: 'benford'
  buyer: string
  buyer_id: string
  currency: string
  /** 1 = first digit (1-9), 2 = first two digits (10-99). */
  digits: 1 | 2
  /** Amounts tested. */
  n: number
  /** Counts per digit (index 0 = digit 1, or 10 for two digits). */
  observed: number[]
  /** Expected proportions per digit (Benford's, or adjusted for the floor: see the check). */
  expected: number[]
  mad: number
  conformity: 'close' | 'acceptable' | 'marginal' | 'nonconformity'
}

/** A threshold-bunching test of one buyer, currency and threshold. */
export interface BunchingTest {
  type: 'bunching'
  buyer: string
  buyer_id: string
  currency: string
  threshold: ProcurementThreshold
  /** Payments in the band just below the threshold, and in the band of the same width just above. */
  below: number
  above: number
  p_value: number
  /** A histogram around the threshold: bins of equal width in minor units, `from` inclusive, `to` exclusive. */
  bins: {from: number; to: number; count: number}[]
}

export type CheckTest = BenfordTest | BunchingTest

/** A check: its name, the columns it reads beyond CHECK_COLUMNS, its parameters, and the test. */
export interface CheckDef {
  name: CheckName
  /** One line: what it tests (help and the table footer). */
  summary: string
  columns: readonly FrameColumn[]
  params: Readonly<Record<string, ParamSpec>>
  run(ctx: CheckContext): CheckResult
}

/** Columns every check may read. */
export const CHECK_COLUMNS: readonly FrameColumn[] = [
  'buyer', 'buyer_id', 'supplier', 'supplier_key', 'redacted', 'amount', 'currency', 'date',
  'source', 'source_file', 'source_line',
]

/**
 * A flags configuration (`spend flags --config FILE`, and the keys of a
 * report's `flags` section): which checks, thresholds, each check's
 * parameters (`duplicates: {near_days: 7}`...), and the allow-list.
 */
export interface FlagsConfig {
  checks?: CheckName[]
  /** Major units, applied in each flag's currency. */
  min_amount?: string
  fiscal_year_start?: number
  /** Thresholds file to use per currency (`GBP: uk`); by default the currency's own (GBP uk, NOK no, USD us, EUR eu). */
  jurisdiction?: Record<string, string>
  /** Thresholds given by hand (jurisdiction `config`); they replace the file's thresholds of the same name and currency. */
  thresholds?: ProcurementThreshold[]
  params?: Partial<Record<CheckName, Record<string, ParamValue>>>
  allow?: AllowEntry[]
}
