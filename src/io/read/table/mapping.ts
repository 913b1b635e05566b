/**
 * Column mapping: header cells -> canonical fields, by synonyms (English and
 * Norwegian), then a small edit distance. Every choice is recorded with how it
 * was made, so `import` can show it and a user can override it with `--map`.
 */
import {SpendInputError} from '../../../errors.js'
import type {Preset} from './presets.js'
import {tableMsg} from '../../../messages.js'

export const FIELDS = [
  'amount', 'supplier', 'date', 'buyer', 'buyer_id', 'unit', 'supplier_id', 'supplier_vat', 'currency',
  'expense_type', 'category_code', 'category', 'description', 'transaction_id', 'family', 'supplier_scale',
  'invoice_number',
] as const

export type Field = (typeof FIELDS)[number]

/**
 * Header text compared case-, space- and punctuation-insensitively:
 * accents dropped except Norwegian letters (`Beløp` stays `beløp`).
 *
 * @example normHeader(' £ (inc VAT) ') // 'incvat'
 */
export function normHeader(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}

/** Synonyms per field, normalised, best first. The first is the canonical name. */
export const SYNONYMS: Record<Field, readonly string[]> = {
  amount: [
    'amount', 'amountinsterling', 'amountgbp', 'incvat', 'amountincvat', 'invoicenetamt', 'netamount', 'transactionamount',
    'paymentamount', 'amountpaid', 'grossamount', 'amountexclvat', 'amountexvat', 'value', 'valuegbp', 'beløp', 'belop',
    'beløpnok', 'nettobeløp', 'sum', 'federalactionobligation', 'awardvalueeurofin1', 'totalamount', 'spend',
  ],
  supplier: [
    'supplier', 'suppliername', 'vendorname', 'vendor', 'beneficiaryname', 'beneficiary', 'payee', 'payeename',
    'leverandør', 'leverandørnavn', 'leverandor', 'leverandornavn', 'recipientname', 'recipient', 'winname',
    'creditor', 'creditorname', 'merchant', 'contractor', 'contractorname', 'companyname',
  ],
  date: [
    'date', 'paymentdate', 'paiddate', 'dateofpayment', 'datepaid', 'checkpaymentdate', 'checkdate', 'clearingdate',
    'transactiondate', 'bilagsdato', 'betalingsdato', 'dato', 'actiondate', 'postingdate', 'invoicedate',
  ],
  buyer: [
    'buyer', 'entity', 'bodyname', 'body', 'organisationlabel', 'organisation', 'organisationname', 'organization',
    'organizationname', 'virksomhet', 'virksomhetsnavn', 'awardingagencyname', 'caename', 'publicbody', 'authority', 'council',
  ],
  buyer_id: ['buyerid', 'caenationalid', 'virksomhetorgnr', 'virksomhetsnummer', 'buyerorgnr'],
  unit: [
    'unit', 'expensearea', 'expenditurearea', 'organisationalunit', 'organisatonalunit', 'organizationalunit',
    'servicearea', 'service', 'costcentre', 'costcenter', 'costcentrename', 'directorate', 'division',
    'awardingsubagencyname', 'ansvar', 'avdeling', 'enhet',
    // A department is a part of the body that publishes the file (a city's Police, Water Services): a unit, not the buyer.
    'department', 'dept', 'departmentname', 'deptname', 'deptdescrptn', 'deptdescription', 'departmentdescription',
  ],
  supplier_id: [
    'supplierid', 'companynumber', 'companyregistrationnumber', 'crn', 'orgnr', 'organisasjonsnummer', 'orgnummer',
    'recipientuei', 'winnationalid', 'vendorid', 'vendornumber', 'suppliernumber', 'suppliercode', 'beneficiaryotherid',
    'beneficiaryid', 'leverandørnr', 'leverandornr',
  ],
  supplier_vat: ['vatregistrationnumber', 'vatnumber', 'vatregno', 'vatreg', 'suppliervatnumber', 'vatno'],
  currency: ['currency', 'currencycode', 'valuta', 'curr'],
  expense_type: [
    'expensetype', 'expendituretype', 'expenditurecategory', 'expenditurecatergory', 'expenditureaccountcodedescription',
    'kontonavn', 'costelement', 'purpose', 'accountdescription', 'accountname', 'commitmtitemname', 'commitmentitemname',
    'expensedescription', 'subjectivedescription', 'subjective', 'expenditureunit', 'kontoart', 'konto', 'art',
  ],
  category_code: ['proclasscode', 'cpv', 'cpvcode', 'naicscode', 'productorservicecode', 'categorycode'],
  category: ['proclasslabel', 'proclass', 'naicsdescription', 'cpvdescription', 'category', 'productorservicecodedescription'],
  description: ['description', 'narrative', 'details', 'purpose', 'beskrivelse', 'tekst', 'text', 'transactiondescription'],
  transaction_id: [
    'transactionnumber', 'transno', 'transactionno', 'transactionid', 'transactionref', 'refno', 'reference',
    'documentno', 'documentnumber', 'bilagsnummer', 'bilagsnr', 'paymentreference', 'contracttransactionuniquekey',
    'idnoticecan', 'awardidpiid',
  ],
  family: ['family', 'departmentfamily', 'deptfamily', 'departmentalfamily', 'departmentfamilyname'],
  invoice_number: [
    'invoicenumber', 'invoiceno', 'invoicenum', 'invoiceid', 'invoiceref', 'invoicereference', 'supplierinvoicenumber',
    'supplierinvoiceno', 'fakturanummer', 'fakturanr',
  ],
  supplier_scale: ['supplierscale', 'sme', 'suppliersize', 'smeflag', 'supplierissme', 'bcontractorsme', 'contractorsme'],
}

const ALL_SYNONYMS = new Set(Object.values(SYNONYMS).flat())

/**
 * True when a normalised header cell is a known synonym of some field.
 *
 * @example isKnownHeader('vendorname') // true
 */
export function isKnownHeader(norm: string): boolean {
  return ALL_SYNONYMS.has(norm)
}

export interface Mapping {
  /** Field -> column index. */
  index: Partial<Record<Field, number>>
  how: Partial<Record<Field, string>>
}

/**
 * Levenshtein distance, bounded: returns max+1 as soon as it is exceeded.
 *
 * @example editDistance('ammount', 'amount', 1) // 1
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1))
      cur.push(v)
      if (v < best) best = v
    }
    if (best > max) return max + 1
    prev = cur
  }
  return prev[b.length] as number
}

function fuzzyLimit(len: number): number {
  return len >= 10 ? 2 : len >= 5 ? 1 : 0
}

/**
 * Map header cells to fields: `--map` first, then the preset's columns, then
 * synonyms (best first, each column used once), then fuzzy matches.
 * Throws NO_AMOUNT_COLUMN when no amount column is found.
 *
 * @example mapColumns(['Supplier', 'Amount'], {}).index // {supplier: 0, amount: 1}
 */
const ORG_NUMBER_HEADERS = new Set(['orgnr', 'organisasjonsnummer', 'orgnummer', 'organisationsnummer', 'organisationnumber'])

/**
 * Norwegian ledgers often carry two organisation-number columns, the buyer's
 * (`Org.nr` beside `Virksomhet`) and the supplier's (`Organisasjonsnummer`
 * beside `Leverandør`). When exactly two are present and the buyer has no id
 * column, the one nearer the buyer column is the buyer's, the other the
 * supplier's (how: 'position').
 */
function pairOrgNumbers(norm: readonly string[], index: Partial<Record<Field, number>>, how: Partial<Record<Field, string>>): void {
  const buyer = index.buyer
  const supplier = index.supplier
  if (index.buyer_id !== undefined || buyer === undefined || supplier === undefined) return
  const cols = norm.flatMap((h, j) => (ORG_NUMBER_HEADERS.has(h) ? [j] : []))
  if (cols.length !== 2) return
  const [a, b] = cols as [number, number]
  // Pick the assignment with the smaller total distance; a tie says nothing.
  const costA = Math.abs(a - buyer) + Math.abs(b - supplier)
  const costB = Math.abs(b - buyer) + Math.abs(a - supplier)
  if (costA === costB) return
  const toBuyer = costA < costB ? a : b
  const other = toBuyer === a ? b : a
  if (index.supplier_id !== undefined && index.supplier_id !== toBuyer && index.supplier_id !== other) return
  index.buyer_id = toBuyer
  how.buyer_id = 'position'
  index.supplier_id = other
  how.supplier_id = how.supplier_id && index.supplier_id === other ? how.supplier_id : 'position'
}

export function mapColumns(header: readonly string[], opts: {map?: Record<string, string>; preset?: Preset | null; where?: string}): Mapping {
  const norm = header.map(normHeader)
  const used = new Set<number>()
  const index: Partial<Record<Field, number>> = {}
  const how: Partial<Record<Field, string>> = {}
  const take = (f: Field, i: number, h: string): void => {
    index[f] = i
    how[f] = h
    used.add(i)
  }
  for (const [field, text] of Object.entries(opts.map ?? {})) {
    if (!(FIELDS as readonly string[]).includes(field)) {
      throw new SpendInputError('BAD_MAP', tableMsg.unknownMapField(field), {hint: tableMsg.unknownMapFieldHint(FIELDS)})
    }
    const i = norm.indexOf(normHeader(text))
    if (i < 0) {
      throw new SpendInputError('MAP_COLUMN_NOT_FOUND', tableMsg.mapColumnNotFound(text, field), {
        where: opts.where,
        hint: tableMsg.mapColumnNotFoundHint(header.filter((h) => h.trim())),
      })
    }
    take(field as Field, i, 'map-file')
  }
  for (const [field, cands] of Object.entries(opts.preset?.fields ?? {})) {
    if (index[field as Field] !== undefined) continue
    for (const c of cands as string[]) {
      const i = norm.findIndex((h, j) => h === c && !used.has(j))
      if (i >= 0) {
        take(field as Field, i, 'preset')
        break
      }
    }
  }
  for (const f of FIELDS) {
    if (index[f] !== undefined) continue
    const syns = SYNONYMS[f]
    for (const s of syns) {
      const i = norm.findIndex((h, j) => h === s && !used.has(j))
      if (i >= 0) {
        take(f, i, s === syns[0] ? 'exact' : 'synonym')
        break
      }
    }
  }
  for (const f of FIELDS) {
    // A size flag is matched exactly only: near misses ("Supplier site", "Supplier state") are other columns.
    if (index[f] !== undefined || f === 'family' || f === 'supplier_scale') continue
    let best = -1
    let bestD = 99
    for (let j = 0; j < norm.length; j++) {
      const h = norm[j] as string
      if (used.has(j) || h === '' || ALL_SYNONYMS.has(h)) continue
      for (const s of SYNONYMS[f]) {
        const lim = Math.min(fuzzyLimit(s.length), fuzzyLimit(h.length))
        if (lim === 0) continue
        const d = editDistance(h, s, lim)
        if (d <= lim && d < bestD) {
          bestD = d
          best = j
        }
      }
    }
    if (best >= 0) take(f, best, 'fuzzy')
  }
  pairOrgNumbers(norm, index, how)
  if (index.amount === undefined) {
    const cols = header.filter((h) => h.trim() !== '').map((h) => `"${h.trim()}"`)
    throw new SpendInputError('NO_AMOUNT_COLUMN', tableMsg.noAmountColumn(cols), {
      where: opts.where,
      hint: tableMsg.noAmountColumnHint(),
    })
  }
  return {index, how}
}
