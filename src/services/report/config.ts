/**
 * The report's configuration (report.yml): title, period, fiscal year,
 * filters and sections. Parsed with `yaml` (loaded only here) and checked
 * against the section parameters below, so every mistake is one line naming
 * the file and the line, and how to fix it (exit 2).
 */
import {openYamlDocument} from '../../io/read/yaml-doc.js'
import {benchReportMsg, reportMsg} from '../../messages.js'
import {CATEGORY_LEVELS, DIM_NAMES} from '../../analysis/dims.js'
import {CHECKS} from '../../analysis/flags/registry.js'
import {flagsConfigFrom, type YamlNode} from '../../io/read/flags-config.js'
import {checkPeriodText, RELATIVE_PERIODS} from './period.js'

/** A period as written: `2024`, `2024-Q1`, `2024-03`, a relative name, or {from, to}. */
export type PeriodSpec = string | {from?: string; to?: string}

export interface ReportFilters {
  buyer?: string[]
  supplier?: string[]
  category?: string[]
  currency?: string[]
  exclude_redacted?: boolean
}

export interface SectionConfig {
  type: string
  id?: string
  title?: string
  filters?: ReportFilters
  period?: PeriodSpec
  /** The type's own parameters (what, top, by, level, every, of, name, bands). */
  [param: string]: unknown
}

export interface ReportConfig {
  title?: string
  period?: PeriodSpec
  fiscal_year_start?: number
  filters?: ReportFilters
  sections?: SectionConfig[]
  /** A benchmark section added to the sections (`benchmark: X` or `{buyer: X, auto: 8}`; --benchmark sets it too). */
  benchmark?: SectionConfig
}

type Param =
  | {kind: 'enum'; values: readonly string[]}
  | {kind: 'int'; min: number; max?: number}
  | {kind: 'string'}
  | {kind: 'dims'}
  | {kind: 'list'}
  | {kind: 'bool'}

const level: Param = {kind: 'enum', values: Object.keys(CATEGORY_LEVELS)}
const dim: Param = {kind: 'enum', values: DIM_NAMES.filter((d) => d !== 'currency')}
const top: Param = {kind: 'int', min: 1}

/**
 * Each section type's own parameters. A new section type (benchmark, flags)
 * adds its entry here and its builder in sections.ts.
 */
export const SECTION_PARAMS: Record<string, Record<string, Param>> = {
  overview: {},
  'data-quality': {},
  top: {what: {kind: 'enum', values: ['suppliers', 'buyers', 'categories']}, top, by: dim, level},
  'category-mix': {level},
  cube: {by: {kind: 'dims'}, top, level},
  concentration: {by: {kind: 'enum', values: ['category', 'buyer', 'gpp_group']}, bands: {kind: 'enum', values: ['2010', '2023']}, level},
  pareto: {by: dim, level},
  trend: {every: {kind: 'enum', values: ['auto', 'month', 'quarter', 'year']}, by: dim, level},
  profile: {of: {kind: 'enum', values: ['supplier', 'buyer']}, name: {kind: 'string'}, level},
  gpp: {},
  classification: {},
  benchmark: {
    buyer: {kind: 'string'}, peers: {kind: 'list'}, auto: {kind: 'int', min: 1}, weights: {kind: 'string'}, level,
    floor: {kind: 'string'}, any_period: {kind: 'bool'}, year: {kind: 'int', min: 1000, max: 9999},
  },
  /** Takes the keys of `spend flags --config` (checks, min_amount, thresholds, allow, each check's parameters), checked by flagsConfigFrom. */
  flags: {},
}

/** Parameters a section type cannot do without. */
const REQUIRED: Record<string, readonly string[]> = {cube: ['by'], profile: ['of', 'name'], benchmark: ['buyer']}

/** Parameters a section type takes one of at most. */
const EXCLUSIVE: Record<string, readonly (readonly string[])[]> = {benchmark: [['peers', 'auto'], ['period', 'year'], ['period', 'any_period'], ['year', 'any_period']]}

const TOP_KEYS = ['title', 'period', 'fiscal_year_start', 'filters', 'sections', 'benchmark']
const FILTER_KEYS = ['buyer', 'supplier', 'category', 'currency', 'exclude_redacted']
const COMMON_SECTION_KEYS = ['type', 'id', 'title', 'filters', 'period']

/** The YAML nodes we walk: a value with its source range. */
interface Node {
  range?: [number, number, number] | null
  toJSON(): unknown
}

/**
 * Parse and check a report configuration.
 * @example (await parseReportConfig('title: Q1\nperiod: 2024-Q1\n', 'report.yml')).period // '2024-Q1'
 */
export async function parseReportConfig(text: string, file: string): Promise<ReportConfig> {
  const {root: top, fail} = await openYamlDocument(text, file)
  if (top === null) return {}
  const YAML = await import('yaml')
  const root = top as Node
  const map = (node: unknown, what: string): [string, Node, Node][] => {
    if (!YAML.isMap(node)) return fail(node as Node, reportMsg.notAMap(what), reportMsg.mapHint())
    return node.items.map((p) => {
      const key = p.key as Node
      if (!YAML.isScalar(key) || typeof key.value !== 'string') return fail(key, reportMsg.badKey(what), reportMsg.mapHint())
      return [key.value, key, p.value as Node]
    })
  }
  const known = (key: string, keyNode: Node, allowed: readonly string[], what: string) => {
    if (!allowed.includes(key)) fail(keyNode, reportMsg.unknownKey(key, what), reportMsg.oneOf(allowed))
  }
  const scalar = (node: Node): unknown => (YAML.isScalar(node) ? node.value : undefined)
  const str = (node: Node, key: string): string => {
    const v = scalar(node)
    if (typeof v === 'string' && v.trim() !== '') return v
    if (typeof v === 'number' && Number.isFinite(v)) return String(v)
    return fail(node, reportMsg.notText(key), reportMsg.textHint())
  }
  const int = (node: Node, key: string, min: number, max?: number): number => {
    const v = scalar(node)
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || (max !== undefined && v > max)) {
      return fail(node, reportMsg.notInt(key, v ?? node.toJSON()), reportMsg.intHint(min, max))
    }
    return v
  }
  const list = (node: Node, key: string): string[] => {
    if (YAML.isSeq(node)) return node.items.map((n) => str(n as Node, key))
    return [str(node, key)]
  }
  const period = (node: Node, key: string): PeriodSpec => {
    if (YAML.isMap(node)) {
      const out: {from?: string; to?: string} = {}
      for (const [k, kn, vn] of map(node, key)) {
        known(k, kn, ['from', 'to'], key)
        const v = str(vn, `${key}.${k}`)
        checkPeriodText(v, false, () => fail(vn, reportMsg.badPeriod(v), reportMsg.periodBoundHint()))
        out[k as 'from' | 'to'] = v
      }
      return out
    }
    const v = str(node, key)
    checkPeriodText(v, true, () => fail(node, reportMsg.badPeriod(v), reportMsg.periodHint(RELATIVE_PERIODS)))
    return v
  }
  const filters = (node: Node, what: string): ReportFilters => {
    const out: ReportFilters = {}
    for (const [k, kn, vn] of map(node, what)) {
      known(k, kn, FILTER_KEYS, what)
      if (k === 'exclude_redacted') {
        const v = scalar(vn)
        if (typeof v !== 'boolean') fail(vn, reportMsg.notBool(k), reportMsg.boolHint())
        out.exclude_redacted = v as boolean
      } else {
        const values = list(vn, k)
        if (k === 'currency') for (const [i, c] of values.entries()) if (!/^[A-Z]{3}$/.test(c)) fail(YAML.isSeq(vn) ? (vn.items[i] as Node) : vn, reportMsg.badCurrency(c), reportMsg.currencyHint())
        out[k as 'buyer'] = values
      }
    }
    return out
  }
  const param = (node: Node, key: string, spec: Param): unknown => {
    switch (spec.kind) {
      case 'int':
        return int(node, key, spec.min, spec.max)
      case 'string':
        return str(node, key)
      case 'dims': {
        const values = YAML.isSeq(node) ? list(node, key) : str(node, key).split(',').map((s) => s.trim())
        for (const d of values) if (!(DIM_NAMES as readonly string[]).includes(d)) fail(node, reportMsg.badValue(key, d), reportMsg.oneOf(DIM_NAMES))
        return values
      }
      case 'list':
        return list(node, key)
      case 'bool': {
        const v = scalar(node)
        if (typeof v !== 'boolean') fail(node, reportMsg.notBool(key), reportMsg.boolHint())
        return v
      }
      case 'enum': {
        const v = str(node, key)
        if (!spec.values.includes(v)) fail(node, reportMsg.badValue(key, v), reportMsg.oneOf(spec.values))
        return v
      }
    }
  }
  const section = (node: Node, i: number | null): SectionConfig => {
    const what = i === null ? 'benchmark' : `section ${i + 1}`
    // `benchmark: X` at the top level: the benchmark of buyer X (peers chosen with auto).
    if (i === null && YAML.isScalar(node)) return {type: 'benchmark', buyer: str(node, 'benchmark')}
    const entries = map(node, what)
    const typeEntry = entries.find(([k]) => k === 'type')
    if (!typeEntry && i !== null) return fail(node, reportMsg.noType(what), reportMsg.oneOf(Object.keys(SECTION_PARAMS)))
    const type = typeEntry ? str(typeEntry[2], 'type') : 'benchmark'
    // At the top level the type is benchmark (it may be written, as the manifest records it).
    if (i === null && type !== 'benchmark') fail(typeEntry![2], reportMsg.badValue('benchmark.type', type), reportMsg.oneOf(['benchmark']))
    const params = SECTION_PARAMS[type]
    if (!params) return fail(typeEntry![2], reportMsg.unknownType(type), reportMsg.oneOf(Object.keys(SECTION_PARAMS)))
    const out: SectionConfig = {type}
    const keyNodes = new Map<string, Node>()
    if (type === 'flags') {
      // The flags configuration inline: the same keys and checks as spend flags --config.
      const own = entries.filter(([k]) => !COMMON_SECTION_KEYS.includes(k)) as [string, YamlNode, YamlNode][]
      // Checked here (with lines); kept as written, so the manifest's config reads back the same (spend verify parses it again).
      flagsConfigFrom(own, {isMap: YAML.isMap, isSeq: YAML.isSeq, isScalar: YAML.isScalar, fail}, CHECKS, 'a flags section')
      for (const [k, , vn] of own) out[k] = vn.toJSON()
    }
    for (const [k, kn, vn] of entries) {
      if (k === 'type' || (type === 'flags' && !COMMON_SECTION_KEYS.includes(k))) continue
      keyNodes.set(k, kn)
      known(k, kn, [...COMMON_SECTION_KEYS, ...Object.keys(params)], i === null ? 'benchmark' : `a ${type} section`)
      if (k === 'id') {
        const id = str(vn, k)
        if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) fail(vn, reportMsg.badId(id), reportMsg.idHint())
        out.id = id
      } else if (k === 'title') out.title = str(vn, k)
      else if (k === 'filters') out.filters = filters(vn, `${what} filters`)
      else if (k === 'period') out.period = period(vn, 'period')
      else out[k] = param(vn, k, params[k])
    }
    for (const need of REQUIRED[type] ?? []) if (out[need] === undefined) fail(node, reportMsg.missingParam(type, need), reportMsg.oneOf((SECTION_PARAMS[type][need] as {values?: readonly string[]}).values ?? [`${need}: ...`]))
    for (const [a, b] of EXCLUSIVE[type] ?? []) if (out[a] !== undefined && out[b] !== undefined) fail(keyNodes.get(b), benchReportMsg.notBoth(type, a, b), benchReportMsg.notBothHint(a, b))
    return out
  }
  const config: ReportConfig = {}
  for (const [k, kn, vn] of map(root, 'the configuration')) {
    known(k, kn, TOP_KEYS, 'the configuration')
    if (k === 'title') config.title = str(vn, k)
    else if (k === 'period') config.period = period(vn, k)
    else if (k === 'fiscal_year_start') config.fiscal_year_start = int(vn, k, 1, 12)
    else if (k === 'filters') config.filters = filters(vn, 'filters')
    else if (k === 'sections') {
      if (!YAML.isSeq(vn)) fail(vn, reportMsg.notAList('sections'), reportMsg.sectionsHint())
      const seq = vn as unknown as {items: Node[]}
      config.sections = seq.items.map((n, i) => section(n, i))
    } else if (k === 'benchmark') config.benchmark = section(vn, null)
  }
  return config
}
