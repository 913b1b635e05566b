/**
 * The entities step (issue 11): `spend entities suggest --out FILE` over a workspace of
 * 100,000 distinct synthetic supplier names (bench/lib/supplier-names.mjs, ~250,000 rows,
 * cached in bench/data/), imported once untimed, then timed as whole processes (median of
 * `repeat` runs, peak RSS as every step measures it). The crosswalk of the last run is read
 * for its row count and its auto / review decisions. The reference is the issue's target
 * (10 s, 1 GB): the issue names no other engine, and none writes this crosswalk.
 */
import {existsSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {generateNamesCsv} from './supplier-names.mjs'
import {firstErrorLine, median, runNode} from './measure.mjs'
import {checkImport, commandExists, parseImportJson} from './spend.mjs'
import Papa from 'papaparse'

export const NAMES = 100_000
export const TARGET_SECONDS = 10
export const TARGET_MB = 1024

/**
 * Rows and decisions of a crosswalk CSV (header `variant,entity_key,entity_name,score,
 * evidence,decision,...`): quoted fields may hold commas, quotes and line breaks.
 * @example crosswalkCounts('variant,decision\nA,auto\n"B, C",review\n') // {rows: 2, decisions: {auto: 1, review: 1}, entities: 2}
 */
export function crosswalkCounts(text) {
  // papaparse reads quoted commas, quotes and line breaks (as bench/lib/crosscheck.mjs does).
  const records = Papa.parse(text, {skipEmptyLines: true}).data
  const header = records.shift() ?? []
  const at = header.indexOf('decision')
  const keyAt = header.indexOf('entity_key')
  if (at < 0) return null
  const decisions = {}
  const entities = new Set()
  for (const r of records) {
    decisions[r[at]] = (decisions[r[at]] ?? 0) + 1
    if (keyAt >= 0) entities.add(r[keyAt])
  }
  return {rows: records.length, decisions, entities: keyAt >= 0 ? entities.size : null}
}

/**
 * `runNodeRepeated` with the crosswalk removed before each run: every run writes a fresh
 * file (an earlier run's file, were it read for its decisions, would make a different job).
 */
async function timedRuns(n, args, outFile) {
  const all = []
  for (let i = 0; i < n; i++) {
    rmSync(outFile, {force: true})
    const r = await runNode(args, {timeoutMs: 10 * 60_000, discardStdout: true})
    all.push(r)
    if (!r.ok) return r
  }
  return {ok: true, seconds: median(all.map((x) => x.seconds)), rssMB: Math.max(...all.map((x) => x.rssMB ?? 0)) || null,
    cpuSeconds: median(all.map((x) => x.cpuSeconds)), all}
}

/**
 * @returns {Promise<{rows: object[], names: number, csvRows: number|null, entities: number|null}>}
 */
export async function benchEntities({bin, dataDir, tmpDir, names = NAMES, repeat, notes, log}) {
  const empty = {rows: [], names, csvRows: null, entities: null}
  const cmd = await commandExists(bin, 'entities suggest')
  if (!cmd.ok) {
    notes.push(`entities: ${cmd.note}`)
    return empty
  }
  const csv = join(dataDir, `supplier-names-${names}.csv`)
  log(`  generating ${csv} (cached after the first run) ...`)
  const meta = await generateNamesCsv(csv, names)
  const ws = join(tmpDir, 'ws-entities')
  rmSync(ws, {recursive: true, force: true})
  log('  spend import (untimed) ...')
  const imp = await runNode([bin, 'import', csv, '--workspace', ws, '--json'], {timeoutMs: 20 * 60_000})
  const imported = imp.ok ? checkImport(parseImportJson(imp.stdout), meta.rows, meta.total, meta.currency) : null
  if (!imp.ok || /MISSING|MISMATCH|not in the documented/.test(imported)) {
    notes.push(`entities: the import of ${csv} failed (${imp.ok ? imported : firstErrorLine(imp)}): step skipped.`)
    rmSync(ws, {recursive: true, force: true})
    return {...empty, csvRows: meta.rows, entities: meta.entities}
  }
  const outFile = join(tmpDir, 'crosswalk.csv')
  const command = 'entities suggest --out FILE'
  log(`  spend ${command} ...`)
  const row = {command, targetSeconds: TARGET_SECONDS, targetMB: TARGET_MB, note: ''}
  const r = await timedRuns(repeat, [bin, 'entities', 'suggest', '--workspace', ws, '--out', outFile], outFile)
  if (r.ok) {
    Object.assign(row, {seconds: r.seconds, rssMB: r.rssMB, cpuSeconds: r.cpuSeconds, runs: r.all.map((x) => x.seconds)})
    const counts = existsSync(outFile) ? crosswalkCounts(readFileSync(outFile, 'utf8')) : null
    if (counts) {
      Object.assign(row, {rowsOut: counts.rows, auto: counts.decisions.auto ?? 0, review: counts.decisions.review ?? 0,
        entitiesOut: counts.entities})
      const other = Object.keys(counts.decisions).filter((d) => d !== 'auto' && d !== 'review')
      if (other.length > 0) row.note = `other decisions: ${other.map((d) => `${d} ${counts.decisions[d]}`).join(', ')}`
      // One row per distinct (variant, id), and each generated name has one id or none: N rows.
      if (counts.rows !== names) row.note = [row.note, `${names - counts.rows} of ${names} names not listed (redaction placeholders and blank names are never crosswalk rows)`].filter(Boolean).join('; ')
    } else row.note = `no crosswalk with a decision column at ${outFile}`
  } else row.note = `spend failed: ${firstErrorLine(r)}`
  log(`    ${row.seconds?.toFixed(2) ?? '-'} s, ${row.rssMB?.toFixed(0) ?? '-'} MB, ${row.rowsOut ?? '-'} rows out ${row.note}`)
  rmSync(outFile, {force: true})
  rmSync(ws, {recursive: true, force: true})
  return {rows: [row], names, csvRows: meta.rows, entities: meta.entities}
}
