import {readTextFile} from '../io/read/text-file.js'
import {SpendInputError} from '../errors.js'
import {peersMsg} from '../messages.js'
import {dim} from '../analysis/dims.js'
import {matchEntity} from '../analysis/resolve.js'
import {compareIds} from '../analysis/json.js'
import type {SpendFrame} from '../model/frame.js'
import {parseSizeFile, type SizeFile, type SizeValue} from '../io/read/size-file.js'
import {parsePeerGroups, type PeerGroupRow} from '../io/read/peer-group.js'

/**
 * The side files of `spend peers` (and `spend benchmark`) joined to the data:
 * the size column and year of a --size file, sizes per buyer id, the buyer's
 * --peer-group. Names are matched to buyers by the analyses' rule (matchEntity).
 */

/** The group of a buyer in a --peer-group file, and its members. */
export interface PeerGroupUsed {
  file: string
  /** The buyer's group. */
  group: string
  /** Buyer ids in that group found in the data (the buyer included). */
  members: string[]
  /** Buyers as written in the file naming no buyer in the data. */
  unmatched: string[]
}

/** The size column: the one given (exit 2 when the file has no such column), or the file's only one. */
export function chooseColumn(f: SizeFile, wanted: string | undefined): string {
  if (wanted === undefined) {
    if (f.columns.length === 1) return f.columns[0]
    throw new SpendInputError('BAD_FLAG', peersMsg.chooseSizeColumn(f.columns), {where: '--size-column', hint: peersMsg.chooseSizeColumnHint(), exit: 2})
  }
  const hit = f.columns.find((c) => c.toLowerCase() === wanted.trim().toLowerCase())
  if (!hit) throw new SpendInputError('BAD_FLAG', peersMsg.unknownSizeColumn(wanted, f.columns), {where: '--size-column', hint: peersMsg.unknownSizeColumnHint(), exit: 2})
  return hit
}

/** The size year: --year (its label or, for a fiscal year, its first calendar year), else the latest year in the file. */
export function sizeYear(f: SizeFile, year: string | undefined, fiscalYearStart = 1): string {
  if (year === undefined) return [...f.rows.map((r) => r.year)].sort(compareIds).at(-1)!
  const wanted = fiscalLabels(year, fiscalYearStart > 1)
  const hit = f.rows.find((r) => wanted.includes(r.year))
  if (!hit) throw new SpendInputError('NO_SIZE_YEAR', peersMsg.noSizeYear(year), {where: f.file, hint: peersMsg.noSizeYearHint()})
  return hit.year
}

/** The labels a year may be written as: 2024, and for a fiscal year also 2024-25. */
function fiscalLabels(year: string, fiscal: boolean): string[] {
  const y = year.trim().slice(0, 4)
  const label = `${y}-${String((Number(y) + 1) % 100).padStart(2, '0')}`
  return fiscal ? [year.trim(), y, label] : [year.trim()]
}

/**
 * Size per buyer id for one year and column, each line's buyer found by the
 * name rule (matchEntity); lines naming no buyer in the data are left out
 * with a note, an ambiguous name is an error at its line.
 */
export function sizeMap(frame: SpendFrame, f: SizeFile, column: string, year: string, fiscal: boolean, unmatched: string[]): Map<string, number> {
  return new Map([...sizeValues(frame, f, column, year, fiscal, unmatched)].map(([id, v]) => [id, v.value]))
}

/** `sizeMap` with each value's exact text as written (for exact per-unit figures). */
export function sizeValues(frame: SpendFrame, f: SizeFile, column: string, year: string, fiscal: boolean, unmatched: string[]): Map<string, SizeValue> {
  const b = dim(frame, 'buyer')
  const years = fiscal ? fiscalLabels(year, true) : [year]
  const out = new Map<string, SizeValue>()
  for (const row of f.rows) {
    if (!years.includes(row.year) || row.values[column] === undefined) continue
    let key: number
    try {
      key = matchEntity(frame, 'buyer', row.buyer, `${f.file}:${row.line}`)
    } catch (error) {
      if (error instanceof SpendInputError && error.code === 'UNKNOWN_NAME') {
        unmatched.push(row.buyer)
        continue
      }
      throw error
    }
    out.set(b.ids[key]!, row.values[column])
  }
  return out
}

/** The size used, when --size is given. */
export interface SizeUsed {
  file: string
  column: string
  year: string
  /** Buyers as written in the size file (for that year and column) that name no buyer in the data. */
  unmatched: string[]
}

/**
 * Read a --size file (exit 2 for --size-column without --size, or a column
 * the file lacks); null without --size.
 * @example (await readSizeInput('sizes.csv', 'population'))?.column // 'population'
 */
export async function readSizeInput(size: string | undefined, column: string | undefined): Promise<{file: SizeFile; column: string} | null> {
  if (column !== undefined && size === undefined) {
    throw new SpendInputError('BAD_FLAG', peersMsg.sizeColumnNeedsSize(), {where: '--size-column', hint: peersMsg.sizeColumnNeedsSizeHint(), exit: 2})
  }
  if (size === undefined) return null
  const file = parseSizeFile(await readTextFile(size), size)
  return {file, column: chooseColumn(file, column)}
}

/**
 * One column of a size file for one year, per buyer id, with the notes:
 * the year chosen when not given, and lines naming no buyer in the data.
 * `year` is what the user gave (--year), else sizeYear's latest year.
 */
export function loadSizes(frame: SpendFrame, input: {file: SizeFile; column: string}, year: string | undefined, fiscalYearStart: number | undefined, notes: string[]): {used: SizeUsed; values: Map<string, SizeValue>} {
  const y = sizeYear(input.file, year, fiscalYearStart)
  if (year === undefined) notes.push(peersMsg.sizeYearUsed(input.column, y))
  const unmatched: string[] = []
  const values = sizeValues(frame, input.file, input.column, y, year !== undefined && (fiscalYearStart ?? 1) > 1, unmatched)
  if (unmatched.length) notes.push(peersMsg.sizeUnmatched(unmatched.length, unmatched))
  return {used: {file: input.file.file, column: input.column, year: y, unmatched}, values}
}

/**
 * Read a --peer-group file and find the buyer's group (groupOf), with a note
 * for lines naming no buyer in the data.
 */
export async function readPeerGroup(frame: SpendFrame, file: string, targetId: string, targetName: string, notes: string[]): Promise<PeerGroupUsed> {
  const group = groupOf(frame, parsePeerGroups(await readTextFile(file), file), file, targetId, targetName)
  if (group.unmatched.length) notes.push(peersMsg.groupUnmatched(group.unmatched.length, group.unmatched))
  return group
}

/**
 * The buyer's group in a peer-group file and its members, each line's buyer
 * found by the name rule (matchEntity); a line naming no buyer in the data is
 * left out and listed, an ambiguous one is an error at its line; a buyer not
 * in the file is an error (exit 1).
 * @example groupOf(frame, parsePeerGroups(text, 'g.csv'), 'g.csv', 'leeds', 'Leeds').members
 */
export function groupOf(frame: SpendFrame, rows: readonly PeerGroupRow[], file: string, targetId: string, targetName: string): PeerGroupUsed {
  const b = dim(frame, 'buyer')
  const unmatched: string[] = []
  const byId: {id: string; group: string}[] = []
  for (const row of rows) {
    try {
      byId.push({id: b.ids[matchEntity(frame, 'buyer', row.buyer, `${file}:${row.line}`)]!, group: row.group})
    } catch (error) {
      if (error instanceof SpendInputError && error.code === 'UNKNOWN_NAME') unmatched.push(row.buyer)
      else throw error
    }
  }
  const mine = byId.find((r) => r.id === targetId)
  if (!mine) throw new SpendInputError('NOT_IN_GROUP', peersMsg.notInGroup(targetName), {where: file, hint: peersMsg.notInGroupHint()})
  const members = [...new Set(byId.filter((r) => r.group === mine.group).map((r) => r.id))].sort(compareIds)
  return {file, group: mine.group, members, unmatched}
}
