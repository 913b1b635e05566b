/**
 * What the two UK spend standards ask of a published file: the guidance (name,
 * version, address), the columns it requires and recommends, and the
 * threshold above which every payment is published.
 *
 * Sources (checked when this was written):
 * - uk-25k: HM Treasury / Cabinet Office, "Guidance for publishing spend over
 *   £25,000", https://www.gov.uk/government/publications/guidance-for-publishing-spend-over-25000
 *   (GOV.UK's "How to publish central government spending over £25,000" points
 *   to it for the CSV template). Its field table marks fields 1-8 as mandatory:
 *   Department family, Entity, Date (DD/MM/YYYY, payment date), Expense type,
 *   Expense area, Supplier, Transaction number, Amount; supplier postcode, VAT
 *   registration and company registration numbers are the optional fields that
 *   identify a supplier, recommended here.
 * - uk-lga: DCLG, "Local Government Transparency Code 2015" (published 27
 *   February 2015), https://www.gov.uk/government/publications/local-government-transparency-code-2015 :
 *   for each item of expenditure over £500, the date, the department that
 *   incurred it, the beneficiary, a summary of the purpose, the amount and the
 *   VAT that cannot be recovered. The LGA practitioner's guide ("Local
 *   transparency guidance - publishing spending and procurement information",
 *   version 1.3, 1 June 2015) and the LGA/iStandUK spend schema name the
 *   columns (OrganisationLabel, EffectiveDate/PaymentDate, ServiceCategoryLabel,
 *   ExpenditureCategory, BeneficiaryName, SupplierID/BeneficiaryOtherID,
 *   TransactionNumber, Amount, IrrecoverableVATAmount, Purpose, ProclassLabel...).
 */
import type {Field} from '../../../io/read/table/mapping.js'
import {normHeader} from '../../../io/read/table/mapping.js'
import type {Guidance} from '../types.js'

export type UkStandard = 'uk-25k' | 'uk-lga'

/** One column of a standard: how it is named in messages and the header names (normalised) that stand for it. */
export interface ColumnSpec {
  key: ColumnKey
  name: string
  required: boolean
  /** Header names accepted, normalised with normHeader; the field's SYNONYMS are added when `field` is set. */
  names: string[]
  field?: Field
}

/** The columns a check reads. */
export type ColumnKey =
  | 'family' | 'entity' | 'date' | 'expense_type' | 'unit' | 'supplier' | 'transaction' | 'amount'
  | 'postcode' | 'vat' | 'company' | 'vat_amount' | 'supplier_id' | 'category'

export interface UkSpec {
  standard: UkStandard
  guidance: Guidance
  /** Payments at or above this many pounds are published; below it is a warning. */
  thresholdPounds: number
  columns: ColumnSpec[]
}

const n = (...names: string[]): string[] => names.map(normHeader)

export const UK_25K: UkSpec = {
  standard: 'uk-25k',
  guidance: {
    name: 'HM Treasury / Cabinet Office guidance for publishing spend over £25,000',
    version: '2010 field table, as published on GOV.UK',
    url: 'https://www.gov.uk/government/publications/guidance-for-publishing-spend-over-25000',
  },
  thresholdPounds: 25_000,
  columns: [
    {key: 'family', name: 'Department family', required: true, names: n('Department family', 'Departmental family', 'Dept family', 'Department family name', 'Department'), field: 'family'},
    {key: 'entity', name: 'Entity', required: true, names: n('Entity', 'Entity name')},
    {key: 'date', name: 'Date', required: true, names: n('Date', 'Payment date', 'Date of payment')},
    {key: 'expense_type', name: 'Expense type', required: true, names: n('Expense type', 'Expenditure type'), field: 'expense_type'},
    {key: 'unit', name: 'Expense area', required: true, names: n('Expense area', 'Expenditure area')},
    {key: 'supplier', name: 'Supplier', required: true, names: n('Supplier', 'Supplier name')},
    {key: 'transaction', name: 'Transaction number', required: true, names: n('Transaction number', 'Transaction no', 'Trans no', 'Ref no'), field: 'transaction_id'},
    {key: 'amount', name: 'Amount', required: true, names: n('Amount', 'Amount in sterling', '£ (inc VAT)'), field: 'amount'},
    {key: 'postcode', name: 'Supplier postcode', required: false, names: n('Supplier postcode', 'Supplier post code', 'Postcode', 'Supplier postal code')},
    {key: 'vat', name: 'Supplier VAT registration number', required: false, names: n('Supplier VAT registration number', 'Supplier VAT number', 'VAT registration number'), field: 'supplier_vat'},
    {key: 'company', name: 'Supplier company registration number', required: false, names: n('Supplier company registration number', 'Supplier company number', 'Company registration number', 'Company number')},
  ],
}

export const UK_LGA: UkSpec = {
  standard: 'uk-lga',
  guidance: {
    name: 'Local Government Transparency Code 2015 (expenditure exceeding £500), with the LGA spend schema',
    version: '2015 (code of 27 February 2015; LGA guide v1.3, 1 June 2015)',
    url: 'https://www.gov.uk/government/publications/local-government-transparency-code-2015',
  },
  thresholdPounds: 500,
  columns: [
    {key: 'date', name: 'Payment date', required: true, names: n('Payment date', 'Effective date', 'Paid date', 'Transaction date', 'Date')},
    {key: 'unit', name: 'Service (department)', required: true, names: n('Service category label', 'Service label', 'Service', 'Service area', 'Organisational unit', 'Organisaton unit', 'Organisatonal unit', 'Department', 'Expense area'), field: 'unit'},
    {key: 'supplier', name: 'Supplier name (beneficiary)', required: true, names: n('Beneficiary name', 'Supplier name', 'Supplier', 'Beneficiary')},
    {key: 'expense_type', name: 'Purpose (expenditure category)', required: true, names: n('Purpose', 'Expenditure category', 'Expenditure catergory', 'Expense type', 'Expenditure type', 'Purpose of expenditure'), field: 'expense_type'},
    {key: 'amount', name: 'Amount', required: true, names: n('Amount', 'Net amount', 'Amount excluding VAT'), field: 'amount'},
    {key: 'vat_amount', name: 'Irrecoverable VAT amount', required: true, names: n('Irrecoverable VAT amount', 'Irrecoverable VAT', 'VAT that cannot be recovered')},
    {key: 'entity', name: 'Organisation name', required: false, names: n('Organisation label', 'Organisation name', 'Organisation', 'Body name', 'Body')},
    {key: 'transaction', name: 'Transaction number', required: false, names: n('Transaction number', 'Transaction no', 'Trans no', 'Transaction reference'), field: 'transaction_id'},
    {key: 'supplier_id', name: 'Supplier ID', required: false, names: n('Supplier ID', 'Beneficiary other ID', 'Beneficiary ID', 'Supplier company number', 'Beneficiary registered company number'), field: 'supplier_id'},
    {key: 'category', name: 'Procurement category (Proclass)', required: false, names: n('Proclass label', 'Proclass', 'Procurement category', 'Merchant category', 'Expenditure category code', 'Proclass code')},
  ],
}

export function specOf(standard: UkStandard): UkSpec {
  return standard === 'uk-25k' ? UK_25K : UK_LGA
}
