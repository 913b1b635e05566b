/**
 * The OCDS spool's temp folder never outlives it: removed at once while the
 * file stays open, and removed too when the spool file cannot be created.
 */
import {readdirSync} from 'node:fs'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {tempDir} from '../helpers/temp.js'

const failOpen = {on: false}

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  const openSync = ((path: string, ...rest: unknown[]) => {
    if (failOpen.on && String(path).endsWith('/spool')) throw Object.assign(new Error('EMFILE: too many open files'), {code: 'EMFILE'})
    return (fs.openSync as (...a: unknown[]) => number)(path, ...rest)
  }) as typeof fs.openSync
  return {...fs, default: {...fs, openSync}, openSync}
})

const {Spool} = await import('../../src/io/read/ocds/spool.js')

describe('the OCDS spool in the temp dir', () => {
  const saved = process.env.TMPDIR
  afterEach(() => {
    failOpen.on = false
    process.env.TMPDIR = saved
  })

  /** A private temp dir for the spool, so files other tests spool at the same time do not count. */
  function privateTmp(): string {
    const dir = tempDir('spendkit-spooltmp-')
    process.env.TMPDIR = dir
    return dir
  }

  it('leaves nothing in the temp dir while it holds lines on disk, nor after', () => {
    const tmp = privateTmp()
    const s = new Spool(1)
    for (let i = 0; i < 1000; i++) s.push(`{"line": ${i}}`)
    const seen: string[] = []
    s.forEach((l) => seen.push(l))
    expect(s.onDisk).toBe(true)
    expect(seen).toHaveLength(1000)
    expect(readdirSync(tmp)).toEqual([])
    s.dispose()
    expect(readdirSync(tmp)).toEqual([])
  })

  it('removes its folder when the spool file cannot be opened', () => {
    const tmp = privateTmp()
    failOpen.on = true
    const s = new Spool(1)
    expect(() => {
      for (let i = 0; i < 1000; i++) s.push(`{"line": ${i}}`)
      s.forEach(() => {})
    }).toThrow(/EMFILE/)
    expect(readdirSync(tmp)).toEqual([])
  })
})
