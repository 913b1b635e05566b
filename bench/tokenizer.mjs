#!/usr/bin/env node
/**
 * The CSV tokenizer on one enormous line (the cases test/io/read/hostile-units.test.ts
 * checks for correctness): how long it takes to refuse a 20 MB unquoted field, and to
 * read a 30 MB record of short fields before refusing its column count. Both must stay
 * linear in the input; a re-read of the held-back line per chunk would make them
 * quadratic (seconds to minutes). Needs a build (`npm run build`).
 *
 *   node bench/tokenizer.mjs [--repeat N]
 */
import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const built = (p) => join(ROOT, 'build', 'tsc', p)
if (!existsSync(built('io/read/bytes/csv.js'))) {
  process.stderr.write('bench/tokenizer.mjs: build/tsc is missing; run `npm run build` first\n')
  process.exit(1)
}
const {CsvTokenizer} = await import(pathToFileURL(built('io/read/bytes/csv.js')).href)
const {resolveLimits} = await import(pathToFileURL(built('io/read/limits.js')).href)

const i = process.argv.indexOf('--repeat')
const repeat = i > 0 ? Number(process.argv[i + 1]) || 5 : 5

/** 20 MB of one unquoted field, 64 KB a chunk: refused once past the 1 MB field limit. */
function longField() {
  const t = new CsvTokenizer(',', resolveLimits(), 'big.csv')
  t.push('Date,Supplier,Amount\n2024-01-01,')
  const chunk = 'x'.repeat(65536)
  try {
    for (let n = 0; n < 320; n++) t.push(chunk)
    t.end()
  } catch (e) {
    if (e.code === 'FIELD_TOO_LONG') return
    throw e
  }
  throw new Error('the long field was not refused')
}

/** A 30 MB record of 2-character fields, refused for its column count at the end. */
function wideRecord() {
  const t = new CsvTokenizer(',', resolveLimits(), 'wide.csv')
  const chunk = 'ab,'.repeat(21845)
  try {
    for (let n = 0; n < 480; n++) t.push(chunk)
    t.push('z\n')
    t.end()
  } catch (e) {
    if (/more than 10000 columns/.test(e.message)) return
    throw e
  }
  throw new Error('the wide record was not refused')
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
for (const [name, fn] of [['20 MB unquoted field (refused)', longField], ['30 MB record of short fields (refused)', wideRecord]]) {
  const times = []
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  process.stdout.write(`${name}: median ${median(times).toFixed(0)} ms of ${repeat} runs (${times.map((t) => t.toFixed(0)).join(', ')})\n`)
}
