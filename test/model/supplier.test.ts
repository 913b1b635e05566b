import {describe, expect, it} from 'vitest'
import {isRedacted, slug, supplierKey, trimName} from '../../src/model/supplier.js'
import {isNoOrgNumber, noOrgId, ukCompanyId, ukVatId, usUeiId} from '../../src/model/orgid.js'

describe('isRedacted', () => {
  it.each([
    'Redacted', 'REDACTED PERSONAL DATA', 'Redacted personal data', 'Redacted, personal data', 'Reacted personal data',
    'Redacted personal information', 'Personal Expense, Name Witheld',
    'Payment under the Icelandic Trawlermen Compensation Scheme - Name Withheld', 'Withheld', '', '   ',
  ])('treats %j as a redaction placeholder', (name) => {
    expect(isRedacted(name)).toBe(true)
  })
  it.each(['REDACTIVE MEDIA SALES LIMITED', 'PERSONAL STRENGTHS (UK) LTD', 'TOTAL GAS & POWER LTD', 'AMAS LTD'])(
    'keeps %j as a real name',
    (name) => {
      expect(isRedacted(name)).toBe(false)
    },
  )
})

describe('supplierKey', () => {
  it('casefolds, strips punctuation and trailing legal forms', () => {
    expect(supplierKey('ACME  Services Ltd.')).toBe('acme services')
    expect(supplierKey('Acme Services Limited')).toBe('acme services')
    expect(supplierKey('ACME SERVICES PLC')).toBe('acme services')
    expect(supplierKey('Norsk Firma AS')).toBe('norsk firma')
    expect(supplierKey('Statoil ASA')).toBe('statoil')
    expect(supplierKey('Marks & Spencer plc')).toBe('marks and spencer')
    expect(supplierKey('Café Nøkk A/S')).toBe('cafe nøkk')
  })
  it('never empties a name that is only a legal form', () => {
    expect(supplierKey('Limited')).toBe('limited')
  })
  it('gives every redacted placeholder the key "redacted"', () => {
    expect(supplierKey('Redacted, personal data')).toBe('redacted')
  })
})

describe('slug and trimName', () => {
  it('slugs names readably', () => {
    expect(slug('Greater London Authority (GLA)')).toBe('greater-london-authority-gla')
    expect(slug('september 2018')).toBe('september-2018')
    expect(slug('')).toBe('unknown')
  })
  it('trims spaces and NBSP padding but keeps inner spaces', () => {
    expect(trimName('  LONDON BOROUGH OF  WALTHAM FOREST \u00a0')).toBe('LONDON BOROUGH OF  WALTHAM FOREST')
  })
})

describe('organisation ids', () => {
  it('validates Norwegian org numbers with mod 11', () => {
    expect(isNoOrgNumber('974760673')).toBe(true)
    expect(isNoOrgNumber('974760674')).toBe(false)
    expect(noOrgId('974 760 673')).toBe('NO-BRC-974760673')
    expect(noOrgId('NO 974760673 MVA')).toBe('NO-BRC-974760673')
    expect(noOrgId('12345')).toBeNull()
  })
  it('recognises UK company numbers', () => {
    expect(ukCompanyId('01234567')).toBe('GB-COH-01234567')
    expect(ukCompanyId('1234567')).toBe('GB-COH-01234567')
    expect(ukCompanyId('SC123456')).toBe('GB-COH-SC123456')
    expect(ukCompanyId('ABC')).toBeNull()
  })
  it('keeps a VAT number only when it passes the UK check', () => {
    expect(ukVatId('GB812311285')).toBe('GB-VAT-812311285')
    expect(ukVatId('GB 812 3112 85')).toBe('GB-VAT-812311285')
    expect(ukVatId('GB812311286')).toBeNull()
    expect(ukVatId('NA')).toBeNull()
    expect(ukVatId('DE123456789')).toBeNull()
  })
  it('recognises UEIs', () => {
    expect(usUeiId('zqgghjh74dw7')).toBe('US-UEI-ZQGGHJH74DW7')
    expect(usUeiId('0QGGHJH74DW7')).toBeNull()
  })
})
