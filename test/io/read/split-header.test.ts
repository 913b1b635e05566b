/**
 * A header row again below the header (a second header in other words, an
 * exact repeat) is skipped the same way by both halves of a split read.
 */
import {rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, afterEach, describe, expect, it} from 'vitest'
import {importOne} from '../../../src/services/importer.js'
import {Workspace} from '../../../src/io/workspace/index.js'
import {tempDir} from '../../helpers/cli.js'

const saved = process.env.SPENDKIT_SPLIT_MIN_BYTES
const made: string[] = []
afterEach(() => {
  if (saved === undefined) delete process.env.SPENDKIT_SPLIT_MIN_BYTES
  else process.env.SPENDKIT_SPLIT_MIN_BYTES = saved
})
afterAll(() => {
  for (const d of made) rmSync(d, {recursive: true, force: true})
})

function dir(prefix: string): string {
  const d = tempDir(prefix)
  made.push(d)
  return d
}

/** 6,000 rows with a second header in other words on line 4 and near the end, and an exact repeat in the second half. */
function spendFile(): string {
  const lines = ['Date,Supplier,Amount,Expense Area']
  for (let i = 0; i < 6000; i++) {
    if (i === 2) lines.push('Payment Date,Vendor Name,Payment Amount,Directorate')
    if (i === 4000) lines.push('Date,Supplier,Amount,Expense Area')
    if (i === 5500) lines.push('Paid Date,Payee,Value,Service Area')
    lines.push(`${String(1 + (i % 28)).padStart(2, '0')}/03/2024,Supplier ${i % 50},${i}.${String(i % 100).padStart(2, '0')},Unit ${i % 7}`)
  }
  const path = join(dir('spendkit-split-header-'), 'f.csv')
  writeFileSync(path, lines.join('\n') + '\n')
  return path
}

async function run(path: string, min: string) {
  process.env.SPENDKIT_SPLIT_MIN_BYTES = min
  const {entry} = await importOne(new Workspace(dir('spendkit-split-header-ws-')), {input: path, currency: 'GBP', toolVersion: 'test'})
  const {parts, dict_join: dictJoin, ...rest} = entry
  return {rest, parts: parts.length, dictJoin}
}

describe('a header row again, in a split read', () => {
  it('is skipped and counted by either half, as in a one-thread read', async () => {
    const path = spendFile()
    const one = await run(path, '1e15')
    const two = await run(path, '1')
    // The split happened: two parts whose dictionaries were joined.
    expect(two.dictJoin).toMatchObject({part: 1, file: 'dict-join.json'})
    expect(two.rest).toEqual(one.rest)
    expect(one.rest.rows).toEqual({read: 6000, imported: 6000, rejected: 0, skipped: 4})
    expect(one.rest.files[0].skipped_detail).toMatchObject({header: 1, repeated_header: 3})
  })
})
