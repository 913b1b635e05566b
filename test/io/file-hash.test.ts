import {createHash} from 'node:crypto'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {hashFileInBackground, hashFileSync} from '../../src/io/hash/file-hash.js'
import {tempDir} from '../helpers/cli.js'

function file(bytes: Buffer): string {
  const path = join(tempDir('spendkit-hash-'), 'f.csv')
  writeFileSync(path, bytes)
  return path
}

describe('file hash', () => {
  it('gives the SHA-256 and size of the bytes, across 1 MB chunks, and whether all are ASCII', () => {
    const bytes = Buffer.alloc(3 * 2 ** 20 + 17, 'a,b\n')
    const h = hashFileSync(file(bytes))
    expect(h).toEqual({sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, ascii: true})
  })

  it('says at once, and once, when it meets a non-ASCII byte', async () => {
    const bytes = Buffer.alloc(3 * 2 ** 20, 'x')
    bytes[2 ** 20 + 5] = 0xa3
    bytes[2 * 2 ** 20 + 5] = 0xe9
    const path = file(bytes)
    let calls = 0
    const h = hashFileSync(path, () => calls++)
    expect(calls).toBe(1)
    expect(h.ascii).toBe(false)
    expect(h.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    let later = 0
    expect(await hashFileInBackground(path, () => later++)).toEqual(h)
    expect(later).toBe(1)
  })

  it('keeps a missing file\'s error code for the user-error mapping', async () => {
    await expect(hashFileInBackground(join(tempDir('spendkit-hash-'), 'nope.csv'))).rejects.toMatchObject({code: 'ENOENT'})
  })
})
