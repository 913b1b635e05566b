#!/usr/bin/env node
// The main job on the bundled demo data: import every file into a fresh
// demo workspace, then show what spendkit finds. Run with `npm run demo`.
import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, 'bin', 'run.js')
const ws = join(root, '.spendkit-demo')

/**
 * The closing hint: what to type next, in the README's form (`spend` once
 * `npm link` put it on the PATH, else ./bin/run.js). Never `npx spend`: on
 * npm, `spend` is an unrelated package that npx would download and run.
 * @example closingHint('/repo/.spendkit-demo')
 */
export function closingHint(workspace) {
  const args = 'summary --workspace .spendkit-demo --json'
  return [
    `The demo workspace is ${workspace}. Try, in this folder:`,
    `  spend ${args}          (after npm link, once)`,
    `  ./bin/run.js ${args}   (without npm link)`,
  ].join('\n') + '\n'
}

// Run only as a script (a test imports closingHint).
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main()

/** Import the demo files, run the analyses, and say what to try next. */
function main() {
  const commands = new Set(readdirSync(join(root, 'dist', 'commands')).map((f) => f.replace(/\.js$/, '')))

  const steps = [
    ['Import the demo files (UK spend over £25k, two Norwegian supplier ledgers)', ['import', 'fixtures/demo', '--replace', '--format', 'md']],
    ['Summary', ['summary']],
    ['Top 10 suppliers', ['top', 'suppliers', '--top', '10'], 'top'],
    ['Supplier concentration by buyer', ['concentration', '--by', 'buyer'], 'concentration'],
    ['Pareto (ABC) by buyer', ['pareto', '--by', 'buyer'], 'pareto'],
    ['Spend per quarter', ['trend', '--every', 'quarter'], 'trend'],
  ]

  for (const [title, args, needs] of steps) {
    if (needs && !commands.has(needs)) continue
    process.stdout.write(`\n== ${title}: spend ${args.join(' ')}\n\n`)
    const r = spawnSync(process.execPath, [bin, ...args, '--workspace', ws], {cwd: root, stdio: ['ignore', 'inherit', 'inherit']})
    if (r.status !== 0) process.exit(r.status ?? 1)
  }
  if (!existsSync(ws)) process.exit(1)
  process.stdout.write(`\n${closingHint(ws)}`)
}
