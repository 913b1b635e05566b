/**
 * `spend check`: verify each import's files against its manifest entry.
 * Parts: size, metadata and every column against their CRC-32s, row counts
 * and column shapes (verify-part.ts). The dictionary join: its checksum, and
 * that it maps each value to the same value matching by value would. The
 * control totals: the amounts in the parts add up to the imported totals per
 * currency, the rejects file's rows and amounts to the rejected ones. An
 * import written before checksums can only have its counts, totals and
 * shapes checked: it is "unverifiable", not "ok".
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {isSpendInputError} from '../../errors.js'
import {workspaceMsg} from '../../messages.js'
import {columnKind, type DictColumn, type NumColumn} from '../../model/frame.js'
import {formatMinor} from '../../model/money.js'
import {crc32} from './crc.js'
import {type DictJoin, parseDictJoin} from './dict-join.js'
import {IMPORTS_DIR, importDir, WRITTEN_COLUMNS} from './layout.js'
import {loadFrameFrom} from './loader.js'
import type {ImportEntry, StoredFile} from './manifest.js'
import {Scratch} from './part-reader.js'
import {readRejects} from './rejects.js'
import {Sums} from './sums.js'
import {checkPart} from './verify-part.js'

export type ImportStatus = 'ok' | 'damaged' | 'unverifiable'

/** One thing wrong: the file (workspace-relative, null for the import as a whole) and what. */
export interface Finding {
  file: string | null
  problem: string
}

export interface ImportCheck {
  entry: ImportEntry
  status: ImportStatus
  problems: Finding[]
}

/**
 * Check one import's files against its manifest entry.
 * @example (await checkImport('.spendkit', entry)).status // 'ok'
 */
export async function checkImport(root: string, entry: ImportEntry): Promise<ImportCheck> {
  const dir = importDir(root, entry.id)
  const problems: Finding[] = []
  const add = (file: string | null, problem: string) => problems.push({file: file === null ? null : `${IMPORTS_DIR}/${entry.id}/${file}`, problem})
  let checksums = true
  for (const t of entry.totals) {
    const [source, imported, rejected] = [t.source_minor, t.imported_minor, t.rejected_minor].map(big)
    if (source === null || imported === null || rejected === null || source !== imported + rejected) add(null, workspaceMsg.manifestUnbalanced(t.currency))
  }
  let readable = true
  let rows = 0
  const scratch = new Scratch()
  for (const p of entry.parts) {
    rows += p.rows
    if (!p.crc32) checksums = false
    const found = checkPart(dir, p, scratch)
    for (const problem of found) add(p.file, problem)
    if (found.length > 0) readable = false
  }
  if (rows !== entry.rows.imported) add(null, workspaceMsg.partsRows(rows, entry.rows.imported))
  let join: DictJoin | null = null
  if (entry.dict_join) {
    if (entry.dict_join.crc32 === undefined) checksums = false
    const bytes = checkFile(dir, entry.dict_join, (problem) => add(entry.dict_join!.file, problem))
    join = bytes && parseDictJoin(bytes)
    // Unreadable is damage when a checksum vouched for it; else the loader matches values instead.
    if (bytes && !join && entry.dict_join.crc32 !== undefined) add(entry.dict_join.file, workspaceMsg.joinUnreadable())
    if (!bytes) readable = false
  }
  if (readable) {
    for (const problem of await damageAsProblem(() => checkImported(root, entry))) add(null, problem)
    if (join) for (const problem of await damageAsProblem(() => checkJoin(root, entry, join))) add(entry.dict_join!.file, problem)
  }
  if (entry.rejects) {
    if (entry.rejects.crc32 === undefined) checksums = false
    const bytes = checkFile(dir, entry.rejects, (problem) => add(entry.rejects!.file, problem))
    if (bytes) for (const problem of checkRejected(entry, bytes)) add(entry.rejects.file, problem)
  } else {
    if (entry.rows.rejected > 0) add(null, workspaceMsg.noRejectsFile(entry.rows.rejected))
    for (const problem of rejectedTotals(entry, new Map())) add(null, problem)
  }
  const status: ImportStatus = problems.length > 0 ? 'damaged' : checksums ? 'ok' : 'unverifiable'
  return {entry, status, problems}
}

/**
 * Check every import, one after the other.
 * @example const checks = await checkWorkspace(ws.dir, await ws.list())
 */
export async function checkWorkspace(root: string, entries: readonly ImportEntry[]): Promise<ImportCheck[]> {
  const out: ImportCheck[] = []
  for (const entry of entries) out.push(await checkImport(root, entry))
  return out
}

/** Damage the loader finds (which the checks before it should already have found) as one more problem. */
async function damageAsProblem(check: () => Promise<string[]>): Promise<string[]> {
  try {
    return await check()
  } catch (error) {
    if (isSpendInputError(error) && error.code === 'WORKSPACE_DAMAGED') return [error.message]
    throw error
  }
}

/**
 * A whole file (rejects, dictionary join) read and checked against its
 * stored size and CRC-32 (when there are some); null when it is missing or
 * does not match.
 */
function checkFile(dir: string, stored: {file: string} & StoredFile, problem: (what: string) => void): Buffer | null {
  let bytes: Buffer
  try {
    bytes = readFileSync(join(dir, stored.file))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    problem(workspaceMsg.missing())
    return null
  }
  if (stored.bytes !== undefined && bytes.length !== stored.bytes) {
    problem(workspaceMsg.sizeMismatch(bytes.length, stored.bytes))
    return null
  }
  if (stored.crc32 !== undefined && crc32(bytes) !== stored.crc32) {
    problem(workspaceMsg.fileMismatch())
    return null
  }
  return bytes
}

/** The parts' amounts per currency against the imported control totals. */
async function checkImported(root: string, entry: ImportEntry): Promise<string[]> {
  const frame = await loadFrameFrom(root, [entry], ['amount', 'currency'])
  const amount = (frame.columns.amount as NumColumn).values
  const currency = frame.columns.currency as DictColumn
  const sums = new Sums()
  for (let i = 0; i < frame.length; i++) {
    const v = amount[i]
    if (!Number.isSafeInteger(v)) return [workspaceMsg.badAmount(i + 1, v)]
    sums.add(currency.dict[currency.codes[i]] ?? '', v)
  }
  const found = new Map(sums.currencies().map((c) => [c, sums.get(c)]))
  return compareTotals('imported', found, new Map(entry.totals.map((t) => [t.currency, big(t.imported_minor)])))
}

/** The rejects file's rows and amounts against the rejected counts and totals. */
function checkRejected(entry: ImportEntry, bytes: Uint8Array): string[] {
  const content = readRejects(bytes)
  if (content.badLine !== null) return [workspaceMsg.badRejectsLine(content.badLine)]
  const out: string[] = []
  if (content.rows !== entry.rows.rejected || content.rows !== entry.rejects!.rows) {
    out.push(workspaceMsg.rejectsRows(content.rows, entry.rows.rejected))
  }
  return [...out, ...rejectedTotals(entry, content.totals)]
}

function rejectedTotals(entry: ImportEntry, found: Map<string, bigint>): string[] {
  return compareTotals('rejected', found, new Map(entry.totals.map((t) => [t.currency, big(t.rejected_minor)])))
}

/** Every currency on either side; a currency missing on one side counts 0 there. */
function compareTotals(kind: 'imported' | 'rejected', found: Map<string, bigint>, expected: Map<string, bigint | null>): string[] {
  const out: string[] = []
  for (const c of [...new Set([...found.keys(), ...expected.keys()])].sort()) {
    const f = found.get(c) ?? 0n
    const e = expected.get(c) ?? 0n
    if (e === null || f !== e) out.push(workspaceMsg.totalMismatch(kind, c, formatMinor(f, c), e === null ? 'not a number' : formatMinor(e, c)))
  }
  return out
}

/**
 * The join gives every row of the second chain the value matching by value
 * gives it, column by column (a join that does not fit is not used by the
 * loader, so it cannot mislead a query and is not damage). Loads the joined
 * columns twice, with and without the join.
 */
async function checkJoin(root: string, entry: ImportEntry, join: DictJoin): Promise<string[]> {
  const names = WRITTEN_COLUMNS.filter((c) => columnKind(c) === 'dict' && join[c])
  const joined = await loadFrameFrom(root, [entry], names)
  const matched = await loadFrameFrom(root, [entry], names, {dictJoin: false})
  const out: string[] = []
  for (const name of names) {
    const a = joined.columns[name] as DictColumn
    const b = matched.columns[name] as DictColumn
    for (let i = 0; i < a.codes.length; i++) {
      if ((a.codes[i] < 0 ? null : a.dict[a.codes[i]]) !== (b.codes[i] < 0 ? null : b.dict[b.codes[i]])) {
        out.push(workspaceMsg.joinMismatch(name))
        break
      }
    }
  }
  return out
}

/** A stored minor-unit string as a bigint; null when it is not an integer. */
function big(s: string): bigint | null {
  return /^-?\d+$/.test(s) ? BigInt(s) : null
}
