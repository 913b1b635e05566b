/**
 * Presets: named layouts recognised from the header, each carrying what the
 * header alone cannot say (currency, date order, decimal separator, id scheme).
 */
import {SpendInputError} from '../../../errors.js'
import type {Field} from './mapping.js'
import {normHeader} from './mapping.js'
import {tableMsg} from '../../../messages.js'

export interface Preset {
  name: string
  description: string
  /** Currency when the file does not say. */
  currency: string | null
  /** Publisher's date convention for ambiguous numeric dates. */
  dateOrder: 'dmy' | 'mdy'
  decimal: '.' | ','
  /** Scheme for category codes, e.g. 'proclass', 'cpv', 'naics'. */
  categoryScheme: string | null
  /** Scheme of supplier ids in this layout, e.g. 'US-UEI', 'NO-BRC'. */
  supplierIdScheme: string | null
  /** Field -> candidate header names (normalised), best first. */
  fields: Partial<Record<Field, string[]>>
  /** Groups of alternative header names (normalised) that identify the layout. */
  signature: string[][]
}

const p = (...names: string[]): string[] => names.map(normHeader)

export const PRESETS: readonly Preset[] = [
  {
    name: 'uk-25k',
    description: 'UK central government spend over £25,000 (HM Treasury guidance)',
    currency: 'GBP',
    dateOrder: 'dmy',
    decimal: '.',
    categoryScheme: null,
    supplierIdScheme: null,
    // `Department` here is the department family (HM Treasury's first field), not a unit.
    fields: {
      buyer: p('Entity'), unit: p('Expense Area', 'Expenditure Area'),
      family: p('Department Family', 'Dept Family', 'Departmental Family', 'Department Family Name', 'Department'),
    },
    signature: [
      p('Department Family', 'Dept Family', 'Departmental family', 'Department Family Name', 'Department'),
      p('Entity'),
      p('Date', 'Date of Payment', 'Payment Date'),
      p('Expense Type', 'Expenditure Type'),
      p('Expense Area', 'Expenditure Area'),
      p('Supplier'),
      p('Transaction Number', 'Transaction No', 'Ref No'),
      p('Amount', 'Amount in Sterling', '£ (inc VAT)'),
    ],
  },
  {
    name: 'uk-lga',
    description: 'UK local government spend over £500 (LGA spend schema and council variants)',
    currency: 'GBP',
    dateOrder: 'dmy',
    decimal: '.',
    categoryScheme: 'proclass',
    supplierIdScheme: null,
    fields: {buyer: p('OrganisationLabel'), supplier: p('BeneficiaryName'), date: p('PaymentDate'), expense_type: p('Purpose')},
    signature: [
      p('OrganisationLabel', 'Body Name', 'Organisation', 'Body'),
      p('OrganisationURI'),
      p('EffectiveDate'),
      p('OrganisationalUnit', 'Organisatonal Unit', 'Service Area'),
      p('BeneficiaryName', 'Supplier Name'),
      p('BeneficiaryOtherID', 'Supplier ID'),
      p('PaymentDate', 'Paid Date'),
      p('TransactionNumber', 'Trans No'),
      p('Amount'),
      p('IrrecoverableVATAmount'),
      p('Purpose', 'Expenditure Category', 'Expenditure Catergory'),
      p('ProclassLabel'),
      p('ProclassCode'),
    ],
  },
  {
    name: 'usaspending',
    description: 'USAspending prime award transactions',
    currency: 'USD',
    dateOrder: 'mdy',
    decimal: '.',
    categoryScheme: 'naics',
    supplierIdScheme: 'US-UEI',
    fields: {
      amount: p('federal_action_obligation'), date: p('action_date'), buyer: p('awarding_agency_name'),
      unit: p('awarding_sub_agency_name'), supplier: p('recipient_name'), supplier_id: p('recipient_uei'),
      category_code: p('naics_code'), category: p('naics_description'), transaction_id: p('contract_transaction_unique_key', 'award_id_piid'),
      description: p('transaction_description'),
    },
    signature: [
      p('federal_action_obligation'), p('action_date'), p('awarding_agency_name'), p('awarding_sub_agency_name'),
      p('recipient_uei'), p('recipient_name'), p('naics_code'), p('product_or_service_code'),
    ],
  },
  {
    name: 'ted-can',
    description: 'EU TED contract award notices (legacy CSV)',
    currency: 'EUR',
    dateOrder: 'dmy',
    decimal: '.',
    categoryScheme: 'cpv',
    supplierIdScheme: null,
    fields: {
      amount: p('AWARD_VALUE_EURO_FIN_1', 'AWARD_VALUE_EURO'), buyer: p('CAE_NAME'), buyer_id: p('CAE_NATIONALID'),
      supplier: p('WIN_NAME'), supplier_id: p('WIN_NATIONALID'), category_code: p('CPV'), transaction_id: p('ID_NOTICE_CAN'),
      date: p('DT_AWARD', 'DT_DISPATCH'), supplier_scale: p('B_CONTRACTOR_SME'),
    },
    signature: [
      p('ID_NOTICE_CAN'), p('CAE_NAME'), p('CAE_NATIONALID'), p('WIN_NAME'), p('WIN_NATIONALID'), p('CPV'),
      p('AWARD_VALUE_EURO_FIN_1'), p('B_CONTRACTOR_SME'),
    ],
  },
  {
    name: 'no-ledger',
    description: 'Norwegian supplier ledger export (leverandørreskontro / leverandørregnskap)',
    currency: 'NOK',
    dateOrder: 'dmy',
    decimal: ',',
    categoryScheme: 'no-kontoplan',
    supplierIdScheme: 'NO-BRC',
    fields: {
      buyer: p('Virksomhet'), supplier: p('Leverandør', 'Leverandørnavn'), supplier_id: p('Organisasjonsnummer', 'Org.nr'),
      amount: p('Beløp'), date: p('Bilagsdato'), transaction_id: p('Bilagsnummer'),
      // Accounts of the standard chart of accounts (standard kontoplan) are the classification here.
      category_code: p('Konto', 'Konto/Art', 'Art', 'Kontonummer'), category: p('Kontonavn', 'Artsnavn'),
    },
    signature: [
      p('Virksomhet'), p('Leverandør', 'Leverandørnavn'), p('Organisasjonsnummer', 'Org.nr', 'Orgnr'), p('Beløp', 'Belop'),
      p('Bilagsdato', 'Dato'), p('Konto/Art', 'Konto', 'Art'), p('Kontonavn'), p('KOSTRA funksjon', 'Funksjon'),
    ],
  },
  {
    name: 'us-checkbook',
    description: 'US city or state checkbook (payment date, department, vendor, amount)',
    currency: 'USD',
    dateOrder: 'mdy',
    decimal: '.',
    categoryScheme: null,
    supplierIdScheme: null,
    // The department is a part of the city or state that publishes the file: the unit. The buyer is the
    // publisher, which these files do not name (--buyer).
    fields: {unit: p('Dept. Descrptn', 'Department', 'Department Name', 'Dept'), supplier: p('Vendor Name', 'Vendor', 'Payee')},
    signature: [
      p('Check/Payment Date', 'Check Date', 'Payment Date'),
      p('Dept. Descrptn', 'Department', 'Department Name', 'Dept'),
      p('Vendor Name', 'Vendor', 'Payee'),
      p('Invoice Net Amt', 'Amount', 'Payment Amount', 'Check Amount'),
      p('Commitmt Item Name', 'Account', 'Account Description', 'Fund'),
    ],
  },
]

/**
 * A preset by name; unknown names -> SpendInputError listing the valid ones.
 *
 * @example presetByName('uk-lga').currency // 'GBP'
 */
export function presetByName(name: string): Preset {
  const found = PRESETS.find((x) => x.name === name)
  if (!found) {
    throw new SpendInputError('UNKNOWN_PRESET', tableMsg.unknownPreset(name), {
      where: '--preset',
      hint: tableMsg.unknownPresetHint(PRESETS.map((x) => x.name)),
    })
  }
  return found
}

/** How well a header matches one preset: the signature groups found, as a share. */
export interface PresetMatch {
  name: string
  /** Share of the preset's signature groups found in the header, 0..1 (two decimals). */
  confidence: number
  /** The header names (normalised) that matched, one per signature group. */
  matched: string[]
}

/**
 * Score one preset against a header.
 *
 * @example presetScore(presetByName('uk-25k'), ['Entity', 'Supplier', 'Amount']).matched // ['entity', 'supplier', 'amount']
 */
export function presetScore(preset: Preset, header: readonly string[]): PresetMatch {
  const norm = new Set(header.map(normHeader).filter(Boolean))
  const matched: string[] = []
  for (const group of preset.signature) {
    const hit = group.find((g) => norm.has(g))
    if (hit) matched.push(hit)
  }
  return {name: preset.name, confidence: Math.round((matched.length / preset.signature.length) * 100) / 100, matched}
}

/**
 * Recognise a layout from its header: the share of the preset's signature
 * groups present. At least 3 groups and half the signature must match; the
 * best share wins (ties: the order of PRESETS).
 *
 * @example detectPreset(['Department Family', 'Entity', 'Date', 'Supplier', 'Amount'])?.name // 'uk-25k'
 */
export function detectPreset(header: readonly string[]): PresetMatch | null {
  let best: PresetMatch | null = null
  let bestShare = 0
  for (const preset of PRESETS) {
    const m = presetScore(preset, header)
    const share = m.matched.length / preset.signature.length
    if (m.matched.length >= 3 && share >= 0.5 && (!best || share > bestShare)) {
      best = m
      bestShare = share
    }
  }
  return best
}

/**
 * The preset closest to a header that was not recognised (most groups matched,
 * at least one), so inspect can say what almost fitted.
 *
 * @example closestPreset(['Vendor Name', 'Amount'])?.name // 'us-checkbook'
 */
export function closestPreset(header: readonly string[]): PresetMatch | null {
  let best: PresetMatch | null = null
  for (const preset of PRESETS) {
    const m = presetScore(preset, header)
    if (m.matched.length > 0 && (!best || m.matched.length > best.matched.length)) best = m
  }
  return best
}
