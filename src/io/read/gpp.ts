import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import Papa from 'papaparse'
import {SpendInputError} from '../../errors.js'
import {gppMsg} from '../../messages.js'
import type {GppTag} from '../../model/gpp.js'
import {packageRoot} from '../../paths.js'

/**
 * The EU green public procurement tag set (data/gpp-groups.csv, documented in
 * data/README.md): CPV prefixes mapped to the product groups that have EU GPP
 * criteria, read once and handed to the pure gppColumn (src/analysis/gpp.ts).
 */
export const GPP_GROUPS_FILE = join(packageRoot(), 'data', 'gpp-groups.csv')

const COLUMNS = ['prefix', 'group', 'source'] as const

/**
 * Parse the GPP tag CSV (`prefix,group,source`). A prefix is 2 to 8 digits and
 * listed once; every row needs a group and a source. Errors say `file:line`.
 *
 * @example parseGppTags('prefix,group,source\n0931,Electricity,EU GPP criteria: Electricity (2012)\n') // [{prefix: '0931', group: 'Electricity'}]
 */
export function parseGppTags(text: string, file = 'gpp-groups.csv'): GppTag[] {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {skipEmptyLines: 'greedy'}).data
  if (rows.length === 0) throw new SpendInputError('EMPTY_FILE', gppMsg.emptyFile(), {where: file, hint: gppMsg.emptyFileHint()})
  const header = (rows[0] as string[]).map((h) => h.trim().toLowerCase())
  const at = COLUMNS.map((c) => {
    const i = header.indexOf(c)
    if (i < 0) throw new SpendInputError('MISSING_COLUMN', gppMsg.missingColumn(c, header), {where: file, hint: gppMsg.missingColumnHint()})
    return i
  })
  const seen = new Map<string, number>()
  return rows.slice(1).map((cells, i) => {
    const line = i + 2
    const where = `${file}:${line}`
    const [prefix, group, source] = at.map((j) => (cells[j] ?? '').trim()) as [string, string, string]
    if (!/^\d{2,8}$/.test(prefix)) throw new SpendInputError('BAD_GPP_TAG', gppMsg.badPrefix(prefix), {where, hint: gppMsg.badPrefixHint()})
    if (group === '') throw new SpendInputError('BAD_GPP_TAG', gppMsg.emptyGroup(prefix), {where, hint: gppMsg.emptyGroupHint()})
    if (source === '') throw new SpendInputError('BAD_GPP_TAG', gppMsg.noSource(prefix), {where, hint: gppMsg.noSourceHint()})
    const first = seen.get(prefix)
    if (first !== undefined) throw new SpendInputError('BAD_GPP_TAG', gppMsg.duplicate(prefix, first), {where, hint: gppMsg.duplicateHint()})
    seen.set(prefix, line)
    return {prefix, group}
  })
}

let cached: Promise<GppTag[]> | undefined

/**
 * The shipped GPP tag set (or another file in the same format), parsed; the
 * shipped one is read once per process.
 * @example gppColumn(frame, await loadGppTags())
 */
export function loadGppTags(file = GPP_GROUPS_FILE): Promise<GppTag[]> {
  const read = async () => parseGppTags(await readFile(file, 'utf8'), file)
  if (file !== GPP_GROUPS_FILE) return read()
  cached ??= read()
  return cached
}
