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

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')

describe('file hash', () => {
  it('gives the SHA-256 and size of the bytes, across 1 MB chunks', () => {
    const bytes = Buffer.alloc(3 * 2 ** 20 + 17, 'a,b\n')
    expect(hashFileSync(file(bytes))).toEqual({sha256: sha(bytes), bytes: bytes.length, utf8: true})
  })

  it('knows valid UTF-8, also with characters cut by the 1 MB chunks', () => {
    // '£' (2 bytes), '€' (3) and an emoji (4) straddling each chunk boundary.
    const parts: Buffer[] = []
    for (const [ch, back] of [['£', 1], ['€', 2], ['😀', 3]] as const) {
      const pad = Buffer.alloc(2 ** 20 - back, 'x')
      parts.push(pad, Buffer.from(ch))
    }
    const bytes = Buffer.concat(parts)
    let calls = 0
    expect(hashFileSync(file(bytes), () => calls++)).toEqual({sha256: sha(bytes), bytes: bytes.length, utf8: true})
    expect(calls).toBe(0)
  })

  it('says at once, and once, when a byte is not UTF-8', async () => {
    const bytes = Buffer.alloc(3 * 2 ** 20, 'x')
    bytes[2 ** 20 + 5] = 0xa3 // a windows-1252 pound sign
    bytes[2 * 2 ** 20 + 5] = 0xe9
    const path = file(bytes)
    let calls = 0
    const h = hashFileSync(path, () => calls++)
    expect(calls).toBe(1)
    expect(h).toEqual({sha256: sha(bytes), bytes: bytes.length, utf8: false})
    let later = 0
    expect(await hashFileInBackground(path, () => later++)).toEqual(h)
    expect(later).toBe(1)
  })

  it('counts a character cut off by the end of the file as not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n'), Buffer.from('€').subarray(0, 2)])
    expect(hashFileSync(file(bytes)).utf8).toBe(false)
  })

  it('keeps a missing file\'s error code for the user-error mapping', async () => {
    await expect(hashFileInBackground(join(tempDir('spendkit-hash-'), 'nope.csv'))).rejects.toMatchObject({code: 'ENOENT'})
  })
})
