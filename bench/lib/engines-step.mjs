/**
 * The open-data and engines step (issue 13), over the N-row workspace of the analysis CSV
 * (bench/data/uk-N.csv, imported untimed into bench/tmp/ws-engines):
 * 1. `spend export --out FILE.parquet` as a whole process: seconds, file MB, peak RSS (and the
 *    partitioned export `--partition-by year,buyer`).
 * 2. `spend cube --by buyer,category` natively against `--engine duckdb` (the workspace's cached
 *    Parquet export: the first run writes it, later runs reuse it; both are reported).
 * 3. For every analysis `spend sql` covers: the native `--json` against `--engine duckdb` and
 *    `--engine postgres` (after `spend export --db` into a throwaway PostgreSQL cluster started
 *    with scripts/ci-postgres.sh): equal or not, and the seconds of each.
 */
import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, statSync, readdirSync, chmodSync} from 'node:fs'
import {join} from 'node:path'
import {tmpdir} from 'node:os'
import {generateUkCsv} from './gen-uk.mjs'
import {firstErrorLine, runNode, runNodeRepeated} from './measure.mjs'
import {int, num, ratio} from './report.mjs'
import {commandExists} from './spend.mjs'

export const ENGINE_ANALYSES = [
  ['cube', '--by', 'buyer,category', '--rollup'],
  ['cube', '--by', 'supplier'],
  ['cube', '--by', 'category,quarter', '--fiscal-year-start', '4', '--rollup'],
  ['cube', '--by', 'buyer,category', '--top', '5', '--rollup'],
  ['top', 'suppliers', '--by', 'buyer', '--top', '10'],
  ['pareto', '--by', 'buyer'],
  ['concentration', '--by', 'category'],
  ['trend', '--every', 'quarter', '--fiscal-year-start', '4'],
]

function dirBytes(dir) {
  let n = 0
  for (const e of readdirSync(dir, {withFileTypes: true, recursive: true})) if (e.isFile()) n += statSync(join(e.parentPath ?? e.path, e.name)).size
  return n
}

/** Start a throwaway PostgreSQL cluster (scripts/ci-postgres.sh); null when it cannot. */
function startPostgres(root, notes) {
  const dir = mkdtempSync(join(tmpdir(), 'spendkit-bench-pg-'))
  chmodSync(dir, 0o755)
  try {
    const url = execFileSync('bash', [join(root, 'scripts', 'ci-postgres.sh'), 'start', dir], {encoding: 'utf8'}).trim()
    return {url, stop: () => { try { execFileSync('bash', [join(root, 'scripts', 'ci-postgres.sh'), 'stop', dir]) } finally { rmSync(dir, {recursive: true, force: true}) } }}
  } catch (error) {
    rmSync(dir, {recursive: true, force: true})
    notes.push(`engines: PostgreSQL could not be started (${String(error.message).split('\n')[0]}): the postgres comparisons are skipped.`)
    return null
  }
}

/** The JSON body without the fields that name the run rather than the result. */
function body(stdout) {
  const j = JSON.parse(stdout)
  delete j.engine
  return JSON.stringify(j)
}

export async function benchEngines({bin, root, dataDir, tmpDir, rows, repeat, notes, log}) {
  const cmd = await commandExists(bin, 'export')
  if (!cmd.ok) {
    notes.push(`engines: ${cmd.note}`)
    return null
  }
  const csv = join(dataDir, `uk-${rows}.csv`)
  log(`  generating ${csv} (cached after the first run) ...`)
  await generateUkCsv(csv, rows)
  const ws = join(tmpDir, 'ws-engines')
  rmSync(ws, {recursive: true, force: true})
  log('  spend import (untimed) ...')
  const imp = await runNode([bin, 'import', csv, '--workspace', ws, '--json'], {timeoutMs: 30 * 60_000})
  if (!imp.ok) {
    notes.push(`engines: the import of ${csv} failed (${firstErrorLine(imp)}): step skipped.`)
    return null
  }
  const out = {exports: [], cube: [], equal: []}
  for (const [label, target, extra] of [['Parquet file', join(tmpDir, 'export.parquet'), []], ['Parquet, --partition-by year,buyer', join(tmpDir, 'export-parts'), ['--as', 'parquet', '--partition-by', 'year,buyer']], ['CSV file', join(tmpDir, 'export.csv'), []]]) {
    log(`  spend export (${label}) ...`)
    const r = await runNodeRepeated(repeat, [bin, 'export', '--workspace', ws, '--out', target, '--force', '--json', ...extra], {timeoutMs: 30 * 60_000})
    const row = {label, note: ''}
    if (r.ok) {
      const st = statSync(target)
      Object.assign(row, {seconds: r.seconds, rssMB: r.rssMB, cpuSeconds: r.cpuSeconds, mb: (st.isDirectory() ? dirBytes(target) : st.size) / 1e6, runs: r.all.map((x) => x.seconds)})
    } else row.note = `spend export failed: ${firstErrorLine(r)}`
    rmSync(target, {recursive: true, force: true})
    log(`    ${num(row.seconds)} s, ${num(row.mb, 0)} MB, ${num(row.rssMB, 0)} MB RSS ${row.note}`)
    out.exports.push(row)
  }
  const cube = ['cube', '--by', 'buyer,category', '--workspace', ws, '--format', 'csv']
  log('  spend cube, native ...')
  const native = await runNodeRepeated(repeat, [bin, ...cube], {timeoutMs: 10 * 60_000, discardStdout: true})
  out.cube.push({label: 'native', seconds: native.seconds, rssMB: native.rssMB, note: native.ok ? '' : firstErrorLine(native)})
  log('  spend cube --engine duckdb (first run: writes the Parquet cache) ...')
  const cold = await runNode([bin, ...cube, '--engine', 'duckdb'], {timeoutMs: 30 * 60_000, discardStdout: true})
  out.cube.push({label: 'engine duckdb, first run (writes the cache)', seconds: cold.seconds, rssMB: cold.rssMB, note: cold.ok ? '' : firstErrorLine(cold)})
  const warm = await runNodeRepeated(repeat, [bin, ...cube, '--engine', 'duckdb'], {timeoutMs: 10 * 60_000, discardStdout: true})
  out.cube.push({label: 'engine duckdb, cache in place', seconds: warm.seconds, rssMB: warm.rssMB, note: warm.ok ? '' : firstErrorLine(warm)})
  for (const r of out.cube) log(`    ${r.label}: ${num(r.seconds)} s ${r.note}`)

  const pg = startPostgres(root, notes)
  try {
    if (pg) {
      log('  spend export --db (PostgreSQL, COPY) ...')
      const load = await runNode([bin, 'export', '--workspace', ws, '--db', pg.url, '--json'], {timeoutMs: 30 * 60_000})
      out.pgLoad = {seconds: load.seconds, rssMB: load.rssMB, note: load.ok ? '' : firstErrorLine(load)}
      if (!load.ok) notes.push(`engines: spend export --db failed: ${firstErrorLine(load)}`)
    }
    for (const args of ENGINE_ANALYSES) {
      const row = {command: args.join(' '), note: ''}
      const n = await runNode([bin, ...args, '--workspace', ws, '--json'], {timeoutMs: 10 * 60_000})
      row.native = n.seconds
      const engines = [['duckdb', []], ...(pg && out.pgLoad?.note === '' ? [['postgres', ['--db', pg.url]]] : [])]
      for (const [engine, more] of engines) {
        const e = await runNode([bin, ...args, '--workspace', ws, '--json', '--engine', engine, ...more], {timeoutMs: 10 * 60_000})
        row[engine] = e.seconds
        row[`${engine}Equal`] = n.ok && e.ok ? body(n.stdout) === body(e.stdout) : null
        if (!e.ok) row.note += `${engine} failed: ${firstErrorLine(e)}; `
      }
      log(`    ${row.command}: native ${num(row.native)} s, duckdb ${num(row.duckdb)} s (${row.duckdbEqual}), postgres ${num(row.postgres)} s (${row.postgresEqual}) ${row.note}`)
      out.equal.push(row)
    }
  } finally {
    pg?.stop()
  }
  rmSync(ws, {recursive: true, force: true})
  return out
}

const yes = (v) => (v === true ? 'equal' : v === false ? '**differs**' : '-')

/** The section of RESULTS.md (issue 13). */
export function enginesSection(r, table) {
  const e = r.engines
  if (!e) return []
  return [
    `## Open data and engines (issue 13): export, \`--engine duckdb\`, the SQL checked on ${int(r.config.rows)} rows`,
    '',
    table(['export', 'spend s', 'CPU s', 'peak RSS MB', 'output MB', 'notes'],
      e.exports.map((x) => [x.label, num(x.seconds), num(x.cpuSeconds), num(x.rssMB, 0), num(x.mb, 0), [x.note, x.runs ? `runs ${x.runs.map((t) => t.toFixed(2)).join(', ')} s` : ''].filter(Boolean).join('; ')])),
    '',
    table(['`cube --by buyer,category`', 'seconds', 'peak RSS MB', 'vs native', 'notes'],
      e.cube.map((x) => [x.label, num(x.seconds), num(x.rssMB, 0), ratio(x.seconds, e.cube[0].seconds), x.note])),
    '',
    ...(e.pgLoad ? [`\`spend export --db\` (COPY into PostgreSQL, one transaction): ${num(e.pgLoad.seconds)} s, ${num(e.pgLoad.rssMB, 0)} MB peak RSS${e.pgLoad.note ? `; ${e.pgLoad.note}` : ''}.`, ''] : []),
    table(['analysis', 'native s', 'duckdb s', 'duckdb result', 'postgres s', 'postgres result', 'notes'],
      e.equal.map((x) => [`\`${x.command}\``, num(x.native), num(x.duckdb), yes(x.duckdbEqual), num(x.postgres), yes(x.postgresEqual), x.note])),
    '',
    'Each engine result is the whole `--json` document compared byte for byte with the native one. The engines run the',
    'SQL that `spend sql` prints: DuckDB over the workspace\'s cached Parquet export, PostgreSQL over the table that',
    '`spend export --db` loaded into a throwaway local cluster. Times are whole processes.',
    '',
  ]
}
