/**
 * ISO 4217 minor-unit exponents. Amounts are stored as integers in minor units
 * of their currency; this table says how many decimals a currency has.
 * Unknown codes default to 2 (the common case) and are flagged by `isKnownCurrency`.
 */
const EXPONENTS: Record<string, number> = {
  BHD: 3, BIF: 0, CLF: 4, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0, KRW: 0,
  KWD: 3, LYD: 3, OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, UYI: 0, UYW: 4, VND: 0, VUV: 0, XAF: 0,
  XOF: 0, XPF: 0,
}

const KNOWN = new Set([
  'AED', 'AMD', 'ARS', 'AUD', 'BGN', 'BRL', 'CAD', 'CHF', 'CNY', 'COP', 'CZK', 'DKK', 'EUR', 'GBP',
  'GEL', 'HKD', 'HUF', 'IDR', 'ILS', 'INR', 'KES', 'KZT', 'MDL', 'MXN', 'MYR', 'NGN', 'NOK', 'NZD',
  'PEN', 'PHP', 'PLN', 'RON', 'RSD', 'RUB', 'SAR', 'SEK', 'SGD', 'THB', 'TRY', 'TWD', 'UAH', 'USD',
  'ZAR', ...Object.keys(EXPONENTS),
])

/** Number of decimals of a currency's minor unit (GBP 2, PYG 0, KWD 3). */
export function currencyExponent(code: string): number {
  return EXPONENTS[code] ?? 2
}

export function isKnownCurrency(code: string): boolean {
  return KNOWN.has(code)
}

/** True for a syntactically valid ISO 4217 code (three upper-case letters). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code)
}
