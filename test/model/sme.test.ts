import {describe, expect, it} from 'vitest'
import {smeOf} from '../../src/model/sme.js'

describe('smeOf', () => {
  it('reads the published SME size classes and yes-words as true', () => {
    for (const v of ['sme', 'SME', 'micro', 'Small', 'medium', 'Y', 'y', 'yes', 'YES', 'true', ' sme ']) expect(smeOf(v), v).toBe(true)
  })

  it('reads large and no-words as false', () => {
    for (const v of ['large', 'LARGE', 'N', 'n', 'no', 'No', 'false', ' N ']) expect(smeOf(v), v).toBe(false)
  })

  it('is null when the size is not known or not one of these', () => {
    for (const v of [null, undefined, '', '  ', 'selfEmployed', 'unknown', 'maybe', '1', 'smelly']) expect(smeOf(v), String(v)).toBeNull()
  })
})
