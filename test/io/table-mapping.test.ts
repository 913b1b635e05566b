import {describe, expect, it} from 'vitest'
import {SpendInputError} from '../../src/errors.js'
import {mapColumns, normHeader, type Field} from '../../src/io/read/table/mapping.js'
import {detectPreset, presetByName, PRESETS} from '../../src/io/read/table/presets.js'
import {findHeader} from '../../src/io/read/table/header.js'

/** The field a single header cell maps to, next to an Amount column. */
function fieldOf(header: string): Field | undefined {
  const m = mapColumns([header, 'Amount'], {})
  return (Object.keys(m.index) as Field[]).find((f) => m.index[f] === 0)
}

describe('normHeader', () => {
  it('compares case-, space- and punctuation-insensitively', () => {
    expect(normHeader(' £ (inc VAT) ')).toBe('incvat')
    expect(normHeader('Check/Payment Date')).toBe('checkpaymentdate')
    expect(normHeader('Beløp')).toBe('beløp')
    expect(normHeader('Org.nr')).toBe('orgnr')
  })
})

describe('mapColumns by synonym', () => {
  it.each([
    ['supplier', ['Supplier', 'Vendor Name', 'BeneficiaryName', 'Supplier Name', 'Leverandør', 'Leverandørnavn', 'SUPPLIER', 'Supplier Name ']],
    ['date', ['Date', 'Paid Date', 'Date of Payment', 'Payment Date', 'PaymentDate', 'Check/Payment Date', 'Clearing Date', 'Bilagsdato', 'Transaction Date', 'Date ', 'paid_date']],
    ['buyer', ['Entity', 'Body Name', 'Virksomhet', 'OrganisationLabel', 'Body_Name', 'Organisation']],
    ['unit', ['Expense Area', 'Organisational Unit', 'Organisatonal Unit', 'Service Area', 'Cost Centre', 'Expenditure Area', 'Dept. Descrptn', 'Department']],
    ['supplier_id', ['Org.nr', 'Organisasjonsnummer', 'Supplier ID', 'Vendor ID', 'BeneficiaryOtherID', 'Company Number']],
    ['supplier_vat', ['VAT Registration Number', 'VATRegistrationNumber']],
    ['expense_type', ['Expense Type', 'Expenditure Category', 'Expenditure Catergory', 'Cost Element', 'Expenditure Account Code Description', 'Purpose', 'Kontonavn', 'EXPENSE_TYPE']],
    ['category_code', ['ProclassCode', 'CPV']],
    ['category', ['ProclassLabel']],
    ['transaction_id', ['Transaction Number', 'Trans No', 'Ref No', 'Document No', 'TransactionNumber', 'Bilagsnummer', 'TRANSACTION_NUMBER']],
    ['description', ['Description', 'Narrative']],
    ['family', ['Department Family', 'Dept Family', 'Departmental family', 'Department Family Name']],
  ] as const)('maps %s from its synonyms', (field, headers) => {
    for (const h of headers) expect([h, fieldOf(h)]).toEqual([h, field])
  })

  it.each(['Amount', 'Amount in Sterling', ' £ (inc VAT) ', 'Invoice Net Amt', 'Beløp', 'Net Amount', 'Transaction Amount', ' Amount ', 'AMOUNT'])(
    'maps %j as the amount',
    (h) => {
      expect(mapColumns(['Supplier', h], {}).index.amount).toBe(1)
    },
  )

  it('makes Department the unit when an Entity names the buyer', () => {
    const m = mapColumns(['Department', 'Entity', 'Supplier', 'Amount'], {})
    expect(m.index.buyer).toBe(1)
    expect(m.index.unit).toBe(0)
  })

  it('prefers Expense Area over Department for the unit (BIS layout)', () => {
    const m = mapColumns(['Department', 'Entity', 'Expense Area', 'Supplier', 'Amount'], {})
    expect([m.index.buyer, m.index.unit]).toEqual([1, 2])
  })

  it('uses Purpose as expense type, not description, when both could take it', () => {
    const m = mapColumns(['Purpose', 'Amount'], {})
    expect(m.index.expense_type).toBe(0)
    expect(m.index.description).toBeUndefined()
  })

  it('records how each field was mapped', () => {
    const m = mapColumns(['Supplier', 'Vendor ID', 'Ammount', 'Suplier Post Code'], {})
    expect(m.how).toMatchObject({supplier: 'exact', supplier_id: 'synonym', amount: 'fuzzy'})
  })

  it('maps small misspellings by edit distance', () => {
    expect(mapColumns(['Suplier', 'Amount', 'Transaction Numbr'], {}).how).toMatchObject({supplier: 'fuzzy', transaction_id: 'fuzzy'})
  })
})

describe('mapColumns overrides and errors', () => {
  it('lets --map override the guess', () => {
    const m = mapColumns(['Supplier', 'Amount', 'Gross'], {map: {amount: 'gross'}})
    expect(m.index.amount).toBe(2)
    expect(m.how.amount).toBe('map-file')
  })

  it('throws NO_AMOUNT_COLUMN naming the columns and the --map to use', () => {
    try {
      mapColumns(['Supplier', 'Paid', 'Date'], {where: 'x.csv'})
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(SpendInputError)
      const err = e as SpendInputError
      expect(err.code).toBe('NO_AMOUNT_COLUMN')
      expect(err.oneLine()).toBe('x.csv: no amount column among "Supplier", "Paid", "Date" (--map map.yaml with "amount: <column>")')
    }
  })

  it('throws when a --map column is not in the header', () => {
    expect(() => mapColumns(['Supplier', 'Amount'], {map: {amount: 'Sum'}})).toThrow(/not in the header/)
  })
})

describe('presets', () => {
  it.each([
    ['uk-25k', ['Department Family', 'Entity', 'Date', 'Expense Type', 'Expense Area', 'Supplier', 'Transaction Number', 'Amount']],
    ['uk-lga', ['OrganisationLabel', 'OrganisationURI', 'EffectiveDate', 'OrganisationalUnit', 'BeneficiaryName', 'BeneficiaryOtherID', 'PaymentDate', 'TransactionNumber', 'Amount', 'IrrecoverableVATAmount', 'Purpose', 'ProclassLabel', 'ProclassCode']],
    ['usaspending', ['contract_transaction_unique_key', 'federal_action_obligation', 'action_date', 'awarding_agency_name', 'awarding_sub_agency_name', 'recipient_uei', 'recipient_name', 'naics_code', 'product_or_service_code']],
    ['ted-can', ['ID_NOTICE_CAN', 'YEAR', 'CAE_NAME', 'CAE_NATIONALID', 'WIN_NAME', 'WIN_NATIONALID', 'CPV', 'AWARD_VALUE_EURO_FIN_1', 'B_CONTRACTOR_SME']],
    ['no-ledger', ['Virksomhet', 'Leverandør', 'Org.nr', 'Beløp', 'Bilagsdato', 'Konto/Art', 'Kontonavn', 'KOSTRA funksjon']],
    ['us-checkbook', ['Check/Payment Date', 'Dept. Descrptn', 'Vendor Name', 'Commitmt Item Name', 'Invoice Net Amt']],
  ])('detects %s from its header', (name, header) => {
    const d = detectPreset(header)
    expect(d?.name).toBe(name)
    expect(d?.confidence).toBeGreaterThanOrEqual(0.5)
  })

  it('detects nothing in a bare Supplier, Amount header', () => {
    expect(detectPreset(['Supplier', 'Amount'])).toBeNull()
  })

  it('lists valid names for an unknown preset', () => {
    expect(() => presetByName('uk')).toThrow(SpendInputError)
    try {
      presetByName('uk')
    } catch (e) {
      expect((e as SpendInputError).oneLine()).toContain('uk-25k, uk-lga, usaspending, ted-can, no-ledger, us-checkbook')
    }
  })

  it('gives every preset a description and a default currency', () => {
    for (const p of PRESETS) expect([p.name, p.description.length > 10, p.currency]).toEqual([p.name, true, expect.stringMatching(/^[A-Z]{3}$/)])
  })
})

describe('findHeader', () => {
  it('skips title and metadata lines above the header', () => {
    const rows = [
      ['', 'Report of all payments made by GLA for value equal to or greater than £ 500.00'],
      ['', 'Reporting Period : ', '13'],
      ['', 'Start Date:', '4th March, 2012'],
      [],
      ['', 'Vendor ID', 'Vendor Name', 'Amount', 'Clearing Date'],
    ].map((cells, i) => ({line: i + 1, cells}))
    expect(findHeader(rows, new Set())).toBe(4)
  })
})

describe('mapColumns with two organisation-number columns', () => {
  it('gives the one beside Virksomhet to the buyer and the one beside Leverandør to the supplier', () => {
    const header = ['Virksomhet', 'Org.nr', 'Leverandør', 'Organisasjonsnummer', 'Beløp', 'Bilagsdato']
    const m = mapColumns(header, {preset: presetByName('no-ledger')})
    expect(m.index.buyer_id).toBe(1)
    expect(m.index.supplier_id).toBe(3)
    expect(m.how.buyer_id).toBe('position')
  })

  it('leaves a single organisation-number column to the supplier', () => {
    const m = mapColumns(['Virksomhet', 'Leverandør', 'Org.nr', 'Beløp'], {preset: presetByName('no-ledger')})
    expect(m.index.buyer_id).toBeUndefined()
    expect(m.index.supplier_id).toBe(2)
  })
})
