#!/usr/bin/env node
// The main job on the bundled demo data: import every file into a fresh
// demo workspace, write the default report (demo-report/index.html), and say
// what to try next. Run with `npm run demo`.
import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, 'bin', 'run.js')
const ws = join(root, '.spendkit-demo')
const out = join(root, 'demo-report')

/**
 * The closing hint: what to type next, in the README's form (`spend` once
 * `npm link` put it on the PATH, else ./bin/run.js). Never `npx spend`: on
 * npm, `spend` is an unrelated package that npx would download and run.
 * @example closingHint('/repo/.spendkit-demo')
 */
export function closingHint(workspace, report) {
  const args = 'summary --workspace .spendkit-demo --json'
  return [
    ...(report ? [`The report is ${report} (open it in a browser; report.md, tables/, report.xlsx and charts/ are beside it).`] : []),
    `The demo workspace is ${workspace}. Try, in this folder:`,
    `  spend ${args}          (after npm link, once)`,
    `  ./bin/run.js ${args}   (without npm link)`,
  ].join('\n') + '\n'
}

/**
 * The common definitions the demo stores before its report, in order
 * (test/commands/report-demo.test.ts runs the same): the shipped
 * classification rules, then the supplier crosswalk `entities suggest`
 * proposes (its `auto` rows merge; `review` rows wait for a person to accept
 * them in demo-crosswalk.csv and run `entities apply` again).
 */
export const SETUP_STEPS = [
  ['Classify spend to CPV codes with the shipped default rules (UK expense types, ProClass, Norwegian kontoplan)', ['classify', 'apply', '--rules', 'default'], 'classify'],
  ['Propose supplier entities (one supplier under many published names) into demo-crosswalk.csv', ['entities', 'suggest', '--out', 'demo-crosswalk.csv'], 'entities'],
  ['Store the crosswalk: its auto rows merge, review rows wait until accepted', ['entities', 'apply', 'demo-crosswalk.csv'], 'entities'],
]

/** The report `npm run demo` writes (test/commands/report-demo.test.ts snapshots the same). */
export const REPORT_ARGS = ['report', '--out', 'demo-report', '--benchmark', 'Copperfield City Council', '--benchmark-auto', '7']

// Run only as a script (a test imports closingHint).
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main()

/** Import the demo files, run the analyses, and say what to try next. */
function main() {
  const commands = new Set(readdirSync(join(root, 'dist', 'commands')).map((f) => f.replace(/\.js$/, '').split(/[/-]/)[0]))

  const steps = [
    ['Import the demo files (a UK department over £25k, eight councils (seven over £500, one over £25k), two Norwegian supplier ledgers)', ['import', 'fixtures/demo', '--replace', '--format', 'md']],
    ['Summary', ['summary']],
    ...SETUP_STEPS,
    ['The default report (overview, data quality, top suppliers and buyers, category mix, classification coverage, GPP groups, concentration, Pareto, trend) with a benchmark of one council against its 7 nearest peers',
      REPORT_ARGS, 'report'],
  ]

  for (const [title, args, needs] of steps) {
    if (needs && !commands.has(needs)) continue
    process.stdout.write(`\n== ${title}: spend ${args.join(' ')}\n\n`)
    const r = spawnSync(process.execPath, [bin, ...args, '--workspace', ws], {cwd: root, stdio: ['ignore', 'inherit', 'inherit']})
    if (r.status !== 0) process.exit(r.status ?? 1)
  }
  if (!existsSync(ws)) process.exit(1)
  const report = commands.has('report') ? join(out, 'index.html') : null
  process.stdout.write(`\n${closingHint(ws, report)}`)
}
