/** Partition values made safe for paths the way Hive escapes them. */
import {describe, expect, it} from 'vitest'
import {hiveEscape, HIVE_NULL} from '../../src/services/export/partition.js'

describe('hiveEscape', () => {
  it('keeps [A-Za-z0-9._-] and percent-encodes everything else as UTF-8 bytes', () => {
    expect(hiveEscape('GB-GOV-1.a_b')).toBe('GB-GOV-1.a_b')
    expect(hiveEscape('a/b c=d')).toBe('a%2Fb%20c%3Dd')
    expect(hiveEscape('Bærum')).toBe('B%C3%A6rum')
    expect(HIVE_NULL).toBe('__HIVE_DEFAULT_PARTITION__')
  })
})
