#!/usr/bin/env node
/**
 * spendkit benchmark: `npm run bench` (node --expose-gc bench/run.mjs).
 *
 *   node --expose-gc bench/run.mjs [--rows N] [--only import,analysis,report,benchmark,ocds,entities,flags,engines] [--repeat N] [--names N] [--out FILE]
 *
 * 1. Import (issue 2): the Trafford file (zip and unzipped) and a generated N-row UK CSV, each
 *    `spend import FILE --workspace TMP --json` as a whole process, beside DuckDB loading the
 *    same CSV into a table, in this process and as a process.
 * 2. Analysis (issue 3): cube / top / concentration over the N-row workspace (200 buyers, 50,000
 *    suppliers, 500 categories) as whole processes, beside DuckDB on its own database file.
 * 3. OCDS (issue 4): `spend import` of an N-release JSON Lines file.
 * 4. Report (issue 9): the default `spend report` over the demo data and over the N-row
 *    workspace, as whole processes (targets: demo under 3 s, 1M rows under 6 s).
 * 5. Benchmark (issue 10): `spend benchmark B --auto 200` and `spend peers B --auto 15` over
 *    an N-row workspace of 201 buyers, as whole processes (target: under 1 s each).
 * 6. Entities (issue 11): `spend entities suggest --out FILE` over 100,000 distinct synthetic
 *    supplier names (`--names N`), as whole processes (target: under 10 s and 1 GB).
 * 7. Flags (issue 12): `spend flags --json` (every check) over the N-row workspace of the
 *    analysis CSV, imported untimed, as a whole process (target: under 3 s).
 * 8. Open data and engines (issue 13): `spend export` of the N-row workspace to Parquet (and
 *    partitioned, and CSV), `cube` natively and `--engine duckdb`, and every analysis `spend sql`
 *    covers run natively, on DuckDB and on PostgreSQL, the JSON compared (bench/lib/engines-step.mjs).
 * Writes bench/RESULTS.md (bench/tmp/RESULTS-<N>.md for a run with fewer rows). Steps the CLI
 * cannot do yet are skipped with a note, never a crash. Inputs are cached under bench/data/.
 */
import {existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {loadavg} from 'node:os'
import {fileURLToPath} from 'node:url'
import {unzipSync} from 'fflate'
import {generateUkCsv} from './lib/gen-uk.mjs'
import {generateOcdsJsonl} from './lib/gen-ocds.mjs'
import {firstErrorLine, median, rssMethod, runNode, runNodeRepeated} from './lib/measure.mjs'
import {crossCheck} from './lib/crosscheck.mjs'
import {duckDatabase, duckInProcess, duckVersion} from './lib/duckdb.mjs'
import {readHead, traffordExpected} from './lib/files.mjs'
import {checkImport, commandExists, parseImportJson} from './lib/spend.mjs'
import {machineInfo} from './lib/machine.mjs'
import {mergeResults, renderResults} from './lib/report.mjs'
import {benchBenchmark} from './lib/benchmark-step.mjs'
import {benchEntities, NAMES} from './lib/entities-step.mjs'
import {benchFlags} from './lib/flags-step.mjs'
import {benchEngines} from './lib/engines-step.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
// SPEND_BIN points the bench at another build of the CLI (e.g. to compare two checkouts).
const BIN = process.env.SPEND_BIN ? resolve(process.env.SPEND_BIN) : join(ROOT, 'bin', 'run.js')
const DATA = join(ROOT, 'bench', 'data')
const TMP = join(ROOT, 'bench', 'tmp')
const DUCK_CHILD = join(ROOT, 'bench', 'lib', 'duckdb-child.mjs')
const TRAFFORD_ZIP = join(ROOT, '..', 'shared', 'realdata', 'uk-trafford-council-supplier-spend', 'trafford-supplier-spend-2024-25.zip')
const MIN = 60_000

function parseArgs(argv) {
  const get = (name, dflt) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt
  }
  const rows = Number(get('rows', '1000000'))
  // Past 1M rows (the opt-in 10M run) the default steps are the ones that scale with the rows:
  // import, the analyses and the engines (the OCDS file alone would be ~14 GB at 10M).
  const large = rows > 1_000_000
  const only = new Set(get('only', large ? 'import,analysis,engines' : 'import,analysis,report,benchmark,ocds,entities,flags,engines').split(','))
  const names = Number(get('names', String(NAMES)))
  // A smoke run (fewer rows or names) never overwrites the real results; the 10M run has its own file.
  const full = rows === 1_000_000 && names === NAMES
  const tenM = rows === 10_000_000 && names === NAMES
  const out = get('out', full ? join(ROOT, 'bench', 'RESULTS.md') : tenM ? join(ROOT, 'bench', 'RESULTS-10M.md') : join(TMP, `RESULTS-${rows}${names === NAMES ? '' : `-n${names}`}.md`))
  return {rows, only, out, names, repeat: Number(get('repeat', large ? '1' : '3'))}
}

const log = (msg) => process.stdout.write(`${msg}\n`)
const rel = (p) => relative(ROOT, p) || p
const mb = (p) => statSync(p).size / 1e6

/** Run `spend import` on a small file first so a broken CLI is a one-line skip, not a long wait. */
async function smokeImport(file, ws) {
  rmSync(ws, {recursive: true, force: true})
  const r = await runNode([BIN, 'import', file, '--workspace', ws, '--json'], {timeoutMs: 2 * MIN})
  rmSync(ws, {recursive: true, force: true})
  return r.ok ? null : firstErrorLine(r)
}

/** One import row of the results: spend as a process, DuckDB in-process and as a process. */
async function benchImport({label, spendFile, csv, rows, total, currency, repeat, importReady}) {
  const row = {file: label, mb: mb(csv), rows, note: ''}
  const ws = join(TMP, `ws-${label.replace(/[^\w.-]+/g, '_')}`)
  if (importReady) {
    // Each run into a fresh workspace (a re-import would be a no-op); the median, like DuckDB's.
    const times = []
    let rss = 0
    for (let i = 0; i < repeat; i++) {
      rmSync(ws, {recursive: true, force: true})
      log(`  spend import ${rel(spendFile)} (${i + 1}/${repeat}) ...`)
      const r = await runNode([BIN, 'import', spendFile, '--workspace', ws, '--json'], {timeoutMs: 20 * MIN})
      if (!r.ok) {
        row.note = `spend import failed: ${firstErrorLine(r)}`
        log(`    ${row.note}`)
        break
      }
      times.push(r.seconds)
      rss = Math.max(rss, r.rssMB ?? 0)
      row.note = checkImport(parseImportJson(r.stdout), rows, total, currency)
      log(`    ${r.seconds.toFixed(2)} s, ${r.rssMB?.toFixed(0)} MB`)
    }
    if (times.length === repeat) Object.assign(row, {seconds: median(times), rssMB: rss || null, runs: times})
  } else row.note = 'spend import not run (see notes)'
  log(`  DuckDB load ${rel(csv)} ...`)
  row.duckIn = await duckInProcess(csv)
  const d = await runNodeRepeated(repeat, [DUCK_CHILD, 'load', csv], {timeoutMs: 10 * MIN})
  if (d.ok) Object.assign(row, {duckProc: d.seconds, duckRssMB: d.rssMB})
  else row.note += `; DuckDB process failed: ${firstErrorLine(d)}`
  log(`    in-process ${row.duckIn.toFixed(2)} s, process ${d.ok ? d.seconds.toFixed(2) : '-'} s`)
  return {row, ws: row.seconds ? ws : null}
}

const ANALYSES = [
  {command: 'cube --by buyer,category', args: ['cube', '--by', 'buyer,category'], query: 'cube'},
  {command: 'top suppliers --top 20', args: ['top', 'suppliers', '--top', '20'], query: 'top'},
  {command: 'concentration --by category', args: ['concentration', '--by', 'category'], query: 'concentration'},
]

async function benchAnalyses({ws, csv, rows, repeat, notes}) {
  const db = await duckDatabase(csv, rows, DATA)
  const out = []
  for (const a of ANALYSES) {
    const row = {command: a.command, note: ''}
    const d = await runNodeRepeated(repeat, [DUCK_CHILD, 'query', db, a.query], {timeoutMs: 5 * MIN})
    if (d.ok) Object.assign(row, {duckProc: d.seconds, duckQuery: median(d.all.map((x) => JSON.parse(x.stdout).seconds))})
    else row.note = `DuckDB failed: ${firstErrorLine(d)}`
    const exists = await commandExists(BIN, a.args[0] === 'top' ? 'top suppliers' : a.args[0])
    if (!ws) row.note ||= 'no workspace (the import did not run)'
    else if (!exists.ok) {
      row.note ||= 'command not available yet'
      notes.push(exists.note)
    } else {
      log(`  spend ${a.command} ...`)
      const r = await runNodeRepeated(repeat, [BIN, ...a.args, '--workspace', ws, '--format', 'csv'],
        {timeoutMs: 5 * MIN, discardStdout: true})
      if (r.ok) {
        Object.assign(row, {seconds: r.seconds, rssMB: r.rssMB})
        // One more, untimed run whose output is checked against DuckDB's answer.
        const c = await runNode([BIN, ...a.args, '--workspace', ws, '--format', 'csv'], {timeoutMs: 5 * MIN})
        row.note = c.ok ? await crossCheck(db, a.query, c.stdout) : `check run failed: ${firstErrorLine(c)}`
      } else row.note = `spend failed: ${firstErrorLine(r)}`
    }
    log(`    spend ${row.seconds?.toFixed(2) ?? '-'} s, DuckDB ${row.duckProc?.toFixed(2) ?? '-'} s ${row.note}`)
    out.push(row)
  }
  return out
}

/** The default report, whole process, over the demo workspace and the N-row one. */
async function benchReports({ws, rows, repeat, notes}) {
  const exists = await commandExists(BIN, 'report')
  if (!exists.ok) {
    notes.push(`report: ${exists.note}`)
    return []
  }
  const demoWs = join(TMP, 'ws-demo')
  rmSync(demoWs, {recursive: true, force: true})
  const imp = await runNode([BIN, 'import', join(ROOT, 'fixtures', 'demo'), '--workspace', demoWs, '--json'], {timeoutMs: 5 * MIN})
  const out = []
  for (const [label, w, target] of [['demo data (fixtures/demo)', imp.ok ? demoWs : null, 3], [`${rows}-row workspace`, ws, 6]]) {
    const row = {workspace: label, target, note: ''}
    if (!w) row.note = 'no workspace (the import did not run)'
    else {
      log(`  spend report over the ${label} ...`)
      const dir = join(TMP, 'report-out')
      const r = await runNodeRepeated(repeat, [BIN, 'report', '--workspace', w, '--out', dir], {timeoutMs: 10 * MIN})
      if (r.ok) {
        Object.assign(row, {seconds: r.seconds, rssMB: r.rssMB, runs: r.all.map((x) => x.seconds)})
        const files = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).files ?? []
        row.note = `${files.length + 1} files, ${files.filter((f) => f.path.startsWith('charts/')).length} chart files`
      } else row.note = `spend report failed: ${firstErrorLine(r)}`
      rmSync(dir, {recursive: true, force: true})
    }
    log(`    ${row.seconds?.toFixed(2) ?? '-'} s, ${row.rssMB?.toFixed(0) ?? '-'} MB ${row.note}`)
    out.push(row)
  }
  rmSync(demoWs, {recursive: true, force: true})
  return out
}

async function benchOcds({rows, importReady, notes}) {
  const file = join(DATA, `ocds-${rows}.jsonl`)
  const row = {file: rel(file), mb: null, rows, note: ''}
  if (!importReady) {
    row.note = 'spend import not available yet (file not generated)'
    return [row]
  }
  // Smoke-test JSON Lines support on a few releases before generating ~1.4 GB and waiting.
  const sample = join(TMP, 'ocds-sample.jsonl')
  await generateOcdsJsonl(sample, 50)
  const smoke = await smokeImport(sample, join(TMP, 'ws-ocds-smoke'))
  if (smoke) {
    row.note = `JSON Lines import not supported yet: ${smoke}`
    notes.push(`OCDS: ${row.note}`)
    return [row]
  }
  log(`OCDS: generating ${rel(file)} (cached after the first run) ...`)
  const meta = await generateOcdsJsonl(file, rows)
  row.mb = meta.bytes / 1e6
  const ws = join(TMP, 'ws-ocds')
  rmSync(ws, {recursive: true, force: true})
  log(`  spend import ${rel(file)} ...`)
  const r = await runNode([BIN, 'import', file, '--workspace', ws, '--json'], {timeoutMs: 40 * MIN})
  if (r.ok) {
    Object.assign(row, {seconds: r.seconds, rssMB: r.rssMB})
    row.note = checkImport(parseImportJson(r.stdout), rows, meta.total, 'GBP')
  } else row.note = `spend import failed: ${firstErrorLine(r)}`
  log(`    ${row.seconds?.toFixed(2) ?? '-'} s; ${row.note}`)
  rmSync(ws, {recursive: true, force: true})
  return [row]
}

async function main() {
  const cfg = parseArgs(process.argv.slice(2))
  mkdirSync(DATA, {recursive: true})
  mkdirSync(TMP, {recursive: true})
  const notes = []
  const version = await runNode([BIN, '--version'], {timeoutMs: MIN})
  const machine = machineInfo(ROOT, {duckdbVersion: await duckVersion(), spendVersion: version.ok ? version.stdout.trim() : 'not runnable'})
  log(`spendkit bench: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${cfg.rows} rows`)
  if (!version.ok) notes.push(`\`spend --version\` failed (${firstErrorLine(version)}): is the CLI built? Run \`npm run build\`.`)

  const imports = []
  const analyses = []
  let reports = []
  let ocds = []
  let benchmark = null
  let entities = null
  let flags = null
  let engines = null
  const importCmd = await commandExists(BIN, 'import')
  const importReady = importCmd.ok
  if (!importReady) notes.push(`${importCmd.note}: import timings skipped; DuckDB still measured.`)

  if (cfg.only.has('import') || cfg.only.has('analysis') || cfg.only.has('report')) {
    log(`UK CSV: generating bench/data/uk-${cfg.rows}.csv (cached after the first run) ...`)
    const ukCsv = join(DATA, `uk-${cfg.rows}.csv`)
    const uk = await generateUkCsv(ukCsv, cfg.rows)
    // A 1,000-row sample first: a broken import is a one-line note, not a long wait.
    let csvReady = importReady
    if (csvReady) {
      const sample = join(TMP, 'uk-sample.csv')
      writeFileSync(sample, `${readHead(ukCsv, 1001).join('\n')}\n`)
      const smoke = await smokeImport(sample, join(TMP, 'ws-smoke'))
      if (smoke) {
        csvReady = false
        notes.push(`\`spend import\` fails on a 1,000-row sample of the bench CSV (${smoke}): CSV import timings skipped.`)
      }
    }
    log('Import:')
    if (cfg.only.has('import')) {
      if (existsSync(TRAFFORD_ZIP)) {
        const csv = join(DATA, 'trafford-supplier-spend-2024-25.csv')
        if (!existsSync(csv)) {
          const files = unzipSync(readFileSync(TRAFFORD_ZIP))
          writeFileSync(csv, files['trafford-supplier-spend-2024-25.csv'])
        }
        const expected = traffordExpected(TRAFFORD_ZIP)
        for (const [label, spendFile] of [['Trafford (zip)', TRAFFORD_ZIP], ['Trafford (csv)', csv]]) {
          const {row} = await benchImport({label, spendFile, csv, rows: expected.rows, total: expected.total, currency: 'GBP', repeat: cfg.repeat, importReady: csvReady})
          if (label.includes('zip')) row.note = `zip as published (3.2 MB); MB/s on the 53.6 MB inside; DuckDB reads the unzipped CSV. ${row.note}`
          imports.push(row)
        }
      } else notes.push(`Trafford file not found at ${TRAFFORD_ZIP}: skipped.`)
    }
    const {row, ws} = await benchImport({label: `uk-${cfg.rows}.csv`, spendFile: ukCsv, csv: ukCsv, rows: cfg.rows,
      total: uk.total, currency: 'GBP', repeat: cfg.repeat, importReady: csvReady})
    imports.push(row)
    if (cfg.only.has('analysis')) {
      log('Analysis:')
      analyses.push(...await benchAnalyses({ws, csv: ukCsv, rows: cfg.rows, repeat: cfg.repeat, notes}))
    }
    if (cfg.only.has('report')) {
      log('Report:')
      reports = await benchReports({ws, rows: cfg.rows, repeat: cfg.repeat, notes})
    }
  }
  if (cfg.only.has('benchmark')) {
    log('Benchmark:')
    benchmark = await benchBenchmark({bin: BIN, dataDir: DATA, tmpDir: TMP, rows: cfg.rows, repeat: cfg.repeat, notes, log})
  }
  if (cfg.only.has('entities')) {
    log('Entities:')
    entities = await benchEntities({bin: BIN, dataDir: DATA, tmpDir: TMP, names: cfg.names, repeat: cfg.repeat, notes, log})
  }
  if (cfg.only.has('flags')) {
    log('Flags:')
    flags = await benchFlags({bin: BIN, dataDir: DATA, tmpDir: TMP, rows: cfg.rows, repeat: cfg.repeat, notes, log})
  }
  if (cfg.only.has('engines')) {
    log('Engines:')
    engines = await benchEngines({bin: BIN, root: ROOT, dataDir: DATA, tmpDir: TMP, rows: cfg.rows, repeat: cfg.repeat, notes, log})
  }
  if (cfg.only.has('ocds')) ocds = await benchOcds({rows: cfg.rows, importReady, notes})

  machine.loadavgEnd = loadavg().map((x) => x.toFixed(2)).join(', ')
  const md = renderResults({machine, config: {rows: cfg.rows, repeat: cfg.repeat, rssMethod}, imports, analyses, reports, benchmark, entities, flags, engines, ocds, notes})
  // A run of some steps keeps the other sections' figures from the file it replaces.
  writeFileSync(cfg.out, mergeResults(md, existsSync(cfg.out) ? readFileSync(cfg.out, 'utf8') : null, cfg.only))
  log(`\nWrote ${rel(cfg.out)}`)
  for (const n of notes) log(`note: ${n}`)
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.stack ?? err}\n`)
  process.exit(1)
})
