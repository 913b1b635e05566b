/**
 * The flags configuration (`spend flags --config FILE`, and the same keys
 * inline in a report's `flags` section): which checks, `min_amount`,
 * `fiscal_year_start`, `jurisdiction`, `thresholds` given by hand, the
 * `allow` list, and each check's own parameters under its name, checked
 * against the check's ParamSpec. Every mistake is one line naming the file
 * and the line, and how to fix it (exit 2).
 */
import {openYamlDocument} from './yaml-doc.js'
import {flagsConfigMsg, reportMsg} from '../../messages.js'
import {parseMinor} from '../../model/money.js'
import {type AllowEntry, CHECK_NAMES, type CheckName, type FlagsConfig, type ParamSpec, type ParamValue, type ProcurementThreshold} from '../../analysis/flags/types.js'

/** The top-level keys besides the check names. */
export const FLAGS_CONFIG_KEYS = ['checks', 'min_amount', 'fiscal_year_start', 'jurisdiction', 'thresholds', 'allow'] as const
const THRESHOLD_KEYS = ['name', 'currency', 'amount', 'from', 'to', 'source']
const ALLOW_KEYS = ['check', 'buyer', 'supplier', 'amount', 'currency', 'reason']

/** A YAML node as we walk it: a value with its source range. */
export interface YamlNode {
  range?: [number, number, number] | null
  toJSON(): unknown
}

/** What the walk needs from the `yaml` package (its type guards) and from the caller (how to fail at a node). */
export interface YamlTools {
  isMap(n: unknown): boolean
  isSeq(n: unknown): boolean
  isScalar(n: unknown): boolean
  fail(node: YamlNode | null | undefined, what: string, hint: string): never
}

/** Each check's parameters (CheckDef.params), by check name: what a check's own key is checked against. */
export type CheckParamSpecs = Readonly<Record<CheckName, {params: Readonly<Record<string, ParamSpec>>}>>

type Entry = [string, YamlNode, YamlNode]

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const MONEY = /^\d+(\.\d+)?$/

/**
 * Read a flags configuration file.
 * @example (await parseFlagsConfig('checks: [weekend]\n', 'flags.yml', CHECKS)).checks // ['weekend']
 */
export async function parseFlagsConfig(text: string, file: string, specs: CheckParamSpecs): Promise<FlagsConfig> {
  const {root, fail} = await openYamlDocument(text, file)
  if (root === null) return {}
  const YAML = await import('yaml')
  const tools: YamlTools = {isMap: YAML.isMap, isSeq: YAML.isSeq, isScalar: YAML.isScalar, fail}
  return flagsConfigFrom(entriesOf(root as YamlNode, 'the configuration', tools), tools, specs)
}

/** A map node's entries (key, key node, value node); anything else fails. */
export function entriesOf(node: unknown, what: string, t: YamlTools): Entry[] {
  if (!t.isMap(node)) return t.fail(node as YamlNode, reportMsg.notAMap(what), reportMsg.mapHint())
  return (node as {items: {key: unknown; value: unknown}[]}).items.map((p) => {
    const key = p.key as YamlNode & {value?: unknown}
    if (!t.isScalar(key) || typeof key.value !== 'string') return t.fail(key, reportMsg.badKey(what), reportMsg.mapHint())
    return [key.value, key, p.value as YamlNode]
  })
}

/**
 * The flags configuration from a map's entries: the whole file, or a report
 * section's entries (its common keys taken out). Unknown keys fail, naming
 * the valid ones.
 * @example flagsConfigFrom(entriesOf(node, 'a flags section', tools), tools, CHECKS)
 */
export function flagsConfigFrom(entries: readonly Entry[], t: YamlTools, specs: CheckParamSpecs, what = 'the configuration'): FlagsConfig {
  const scalar = (n: YamlNode): unknown => (t.isScalar(n) ? (n as unknown as {value: unknown}).value : undefined)
  const str = (n: YamlNode, key: string): string => {
    const v = scalar(n)
    if (typeof v === 'string' && v.trim() !== '') return v.trim()
    if (typeof v === 'number' && Number.isFinite(v)) return String(v)
    return t.fail(n, reportMsg.notText(key), reportMsg.textHint())
  }
  const items = (n: YamlNode): YamlNode[] => (t.isSeq(n) ? (n as unknown as {items: YamlNode[]}).items : [n])
  const known = (key: string, kn: YamlNode, allowed: readonly string[], where: string) => {
    if (!allowed.includes(key)) t.fail(kn, reportMsg.unknownKey(key, where), reportMsg.oneOf(allowed))
  }
  const money = (n: YamlNode, key: string): string => {
    const v = str(n, key)
    if (!MONEY.test(v)) t.fail(n, flagsConfigMsg.notMoney(key, v), flagsConfigMsg.moneyHint())
    return v
  }
  const date = (n: YamlNode, key: string): string => {
    // YAML reads 2024-12-25 as text here (the core schema has no timestamps).
    const v = str(n, key)
    if (!ISO_DATE.test(v)) t.fail(n, flagsConfigMsg.notDate(key, v), flagsConfigMsg.dateHint())
    return v
  }
  const checkName = (n: YamlNode, key: string): CheckName => {
    const v = str(n, key)
    if (!(CHECK_NAMES as readonly string[]).includes(v)) t.fail(n, flagsConfigMsg.unknownCheck(v), reportMsg.oneOf(CHECK_NAMES))
    return v as CheckName
  }
  const currency = (n: YamlNode, key: string): string => {
    const v = str(n, key)
    if (!/^[A-Z]{3}$/.test(v)) t.fail(n, reportMsg.badCurrency(v), reportMsg.currencyHint())
    return v
  }
  const threshold = (n: YamlNode, i: number): ProcurementThreshold => {
    const where = `thresholds entry ${i + 1}`
    const got: Record<string, string> = {}
    const nodes: Record<string, YamlNode> = {}
    for (const [k, kn, vn] of entriesOf(n, where, t)) {
      known(k, kn, THRESHOLD_KEYS, where)
      got[k] = k === 'amount' ? money(vn, k) : k === 'from' || k === 'to' ? date(vn, k) : k === 'currency' ? currency(vn, k) : str(vn, k)
      nodes[k] = vn
    }
    for (const need of ['name', 'currency', 'amount', 'source']) if (got[need] === undefined) t.fail(n, flagsConfigMsg.missingKey(where, need), flagsConfigMsg.thresholdHint())
    const minor = parseMinor(got.amount, got.currency)
    if (minor === null || minor > BigInt(Number.MAX_SAFE_INTEGER)) return t.fail(nodes.amount, flagsConfigMsg.notMoney('amount', got.amount), flagsConfigMsg.moneyHint())
    if (got.from && got.to && got.to < got.from) t.fail(nodes.to, flagsConfigMsg.toBeforeFrom(got.from, got.to), flagsConfigMsg.dateHint())
    return {jurisdiction: 'config', name: got.name, currency: got.currency, minor: Number(minor), from: got.from ?? null, to: got.to ?? null, source: got.source}
  }
  const allow = (n: YamlNode, i: number): AllowEntry => {
    const where = `allow entry ${i + 1}`
    const out: Partial<AllowEntry> = {}
    for (const [k, kn, vn] of entriesOf(n, where, t)) {
      known(k, kn, ALLOW_KEYS, where)
      if (k === 'check') out.check = checkName(vn, k)
      else if (k === 'amount') out.amount = money(vn, k)
      else if (k === 'currency') out.currency = currency(vn, k)
      else out[k as 'buyer' | 'supplier' | 'reason'] = str(vn, k)
    }
    if (out.reason === undefined) t.fail(n, flagsConfigMsg.missingKey(where, 'reason'), flagsConfigMsg.reasonHint())
    return out as AllowEntry
  }
  const params = (check: CheckName, n: YamlNode): Record<string, ParamValue> => {
    const spec = specs[check].params
    const out: Record<string, ParamValue> = {}
    for (const [k, kn, vn] of entriesOf(n, check, t)) {
      known(k, kn, Object.keys(spec), `the ${check} parameters`)
      out[k] = paramValue(vn, `${check}.${k}`, spec[k])
    }
    return out
  }
  const paramValue = (n: YamlNode, key: string, p: ParamSpec): ParamValue => {
    if (p.kind === 'dates') return items(n).map((d) => date(d, key))
    if (p.kind === 'enum') {
      const v = str(n, key)
      if (!(p.values ?? []).includes(v)) t.fail(n, reportMsg.badValue(key, v), reportMsg.oneOf(p.values ?? []))
      return v
    }
    const v = scalar(n)
    if (p.kind === 'bool') {
      if (typeof v !== 'boolean') t.fail(n, reportMsg.notBool(key), reportMsg.boolHint())
      return v as boolean
    }
    const integer = p.kind === 'int' || p.kind === 'days' || p.kind === 'month'
    const min = p.min ?? (p.kind === 'month' ? 1 : p.kind === 'share' || p.kind === 'days' ? 0 : undefined)
    const max = p.max ?? (p.kind === 'month' ? 12 : p.kind === 'share' ? 1 : undefined)
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || (min !== undefined && v < min) || (max !== undefined && v > max)) {
      t.fail(n, flagsConfigMsg.badNumber(key, v ?? n.toJSON()), flagsConfigMsg.numberHint(integer, min, max))
    }
    return v as number
  }
  const config: FlagsConfig = {}
  for (const [k, kn, vn] of entries) {
    known(k, kn, [...FLAGS_CONFIG_KEYS, ...CHECK_NAMES], what)
    if (k === 'checks') {
      const list = t.isSeq(vn) ? items(vn).map((c) => checkName(c, k)) : str(vn, k).split(',').map((s) => s.trim())
      for (const c of list) if (!(CHECK_NAMES as readonly string[]).includes(c)) t.fail(vn, flagsConfigMsg.unknownCheck(c), reportMsg.oneOf(CHECK_NAMES))
      // In run order, each once: the order checks run and are listed in.
      config.checks = CHECK_NAMES.filter((c) => list.includes(c))
    } else if (k === 'min_amount') config.min_amount = money(vn, k)
    else if (k === 'fiscal_year_start') config.fiscal_year_start = paramValue(vn, k, {kind: 'month', default: 4, doc: ''}) as number
    else if (k === 'jurisdiction') {
      const out: Record<string, string> = {}
      for (const [c, cn, jn] of entriesOf(vn, k, t)) {
        currency(cn, k)
        const j = str(jn, `${k}.${c}`)
        if (!/^[a-z][a-z0-9-]*$/.test(j)) t.fail(jn, flagsConfigMsg.badJurisdiction(j), flagsConfigMsg.jurisdictionHint())
        out[c] = j
      }
      config.jurisdiction = out
    } else if (k === 'thresholds') {
      if (!t.isSeq(vn)) t.fail(vn, reportMsg.notAList(k), flagsConfigMsg.thresholdHint())
      config.thresholds = items(vn).map(threshold)
    } else if (k === 'allow') {
      if (!t.isSeq(vn)) t.fail(vn, reportMsg.notAList(k), flagsConfigMsg.reasonHint())
      config.allow = items(vn).map(allow)
    } else {
      config.params ??= {}
      config.params[k as CheckName] = params(k as CheckName, vn)
    }
  }
  return config
}
