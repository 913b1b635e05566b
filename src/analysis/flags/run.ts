/**
 * Run the chosen checks over one loaded frame: each with its parameters
 * resolved (defaults, then --config), then drop the flags an allow-list
 * entry matches and those under `--min-amount`, and order the rest
 * (check order, score, amount, buyer, supplier, kind, first row), so the
 * output is the same on every machine.
 */
import {codePointCompare} from '../../model/entity-name.js'
import {parseMinor} from '../../model/money.js'
import {CHECKS} from './registry.js'
import {type AllowEntry, CHECK_NAMES, type CheckContext, type CheckName, type CheckNote, type CheckTest, type Flag, type ParamValue} from './types.js'

export interface FlagsRunOptions {
  checks: readonly CheckName[]
  /** Configured parameters per check (checked against each check's `params` when read). */
  params?: Partial<Record<CheckName, Readonly<Record<string, ParamValue>>>>
  allow?: readonly AllowEntry[]
  /** Flags whose amount involved (absolute) is under this, in major units of the flag's currency, are dropped. */
  minAmount?: string | null
}

export interface FlagsOutcome {
  flags: Flag[]
  notes: CheckNote[]
  /** Per check: its parameters as used, and what it chose to echo. */
  parameters: Record<string, Record<string, unknown>>
  tests: CheckTest[]
  /** Per allow-list entry (same order), how many flags it kept from being raised. */
  allowed: number[]
  /** Per check run: how many of its flags the allow-list kept from being raised. */
  allowedByCheck: Partial<Record<CheckName, number>>
  /** Flags dropped by --min-amount. */
  belowMinAmount: number
}

/**
 * A check's parameters: its defaults with the configured values over them.
 * @example resolveParams('year-end', {ratio: 3}).ratio // 3
 */
export function resolveParams(check: CheckName, given: Readonly<Record<string, ParamValue>> = {}): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {}
  for (const [k, spec] of Object.entries(CHECKS[check].params)) out[k] = given[k] ?? spec.default
  return out
}

/** Whether an allow-list entry covers a flag. */
export function allowMatches(e: AllowEntry, f: Flag): boolean {
  if (e.check !== undefined && e.check !== f.check) return false
  if (e.buyer !== undefined && e.buyer !== f.buyer_id && e.buyer.toLowerCase() !== f.buyer.toLowerCase()) return false
  if (e.supplier !== undefined) {
    const s = e.supplier.toLowerCase()
    if (f.supplier === null || (s !== f.supplier.toLowerCase() && e.supplier !== f.supplier_key)) return false
  }
  if (e.currency !== undefined && e.currency !== f.currency) return false
  if (e.amount !== undefined) {
    const minor = parseMinor(e.amount, f.currency)
    if (minor === null || (minor !== f.amount && -minor !== f.amount)) return false
  }
  return true
}

const abs = (v: bigint) => (v < 0n ? -v : v)

/** The output order of flags. */
export function compareFlags(a: Flag, b: Flag): number {
  const order = CHECK_NAMES.indexOf(a.check) - CHECK_NAMES.indexOf(b.check)
  if (order !== 0) return order
  if (a.score !== b.score) return b.score - a.score
  const am = abs(a.amount)
  const bm = abs(b.amount)
  if (am !== bm) return am > bm ? -1 : 1
  return codePointCompare(a.buyer, b.buyer) || codePointCompare(a.supplier ?? '', b.supplier ?? '') ||
    codePointCompare(a.currency, b.currency) || codePointCompare(a.kind, b.kind) || (a.rows[0] ?? 0) - (b.rows[0] ?? 0)
}

/**
 * Run the checks. `base` is everything a check gets but its parameters.
 * @example runChecks(base, {checks: ['weekend']}).flags.length
 */
export function runChecks(base: Omit<CheckContext, 'params'>, opts: FlagsRunOptions): FlagsOutcome {
  const allow = opts.allow ?? []
  const out: FlagsOutcome = {flags: [], notes: [], parameters: {}, tests: [], allowed: allow.map(() => 0), allowedByCheck: {}, belowMinAmount: 0}
  for (const name of CHECK_NAMES) {
    if (!opts.checks.includes(name)) continue
    const params = resolveParams(name, opts.params?.[name])
    const result = CHECKS[name].run({...base, params})
    out.parameters[name] = {...params, ...result.echo}
    out.notes.push(...result.notes)
    out.tests.push(...(result.tests ?? []))
    out.allowedByCheck[name] = 0
    for (const f of result.flags) {
      const hit = allow.findIndex((e) => allowMatches(e, f))
      if (hit >= 0) {
        out.allowed[hit]++
        out.allowedByCheck[name]!++
        continue
      }
      if (opts.minAmount) {
        const min = parseMinor(opts.minAmount, f.currency)
        if (min !== null && abs(f.amount) < min) {
          out.belowMinAmount++
          continue
        }
      }
      out.flags.push(f)
    }
  }
  out.flags.sort(compareFlags)
  return out
}
