/**
 * Organisation identifiers, org-id.guide style: `<SCHEME>-<id>`.
 * Only ids that validate get a scheme prefix; anything else stays text in the
 * source row and is not used as an id.
 */

function digitsOnly(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57) out += text[i]
    else if (c !== 32 && c !== 0xa0 && c !== 46 && c !== 45) return ''
  }
  return out
}

/**
 * True for a valid Norwegian organisation number: 9 digits, mod-11 check digit
 * with weights 3,2,7,6,5,4,3,2 on the first eight (remainder 1 is never issued).
 *
 * @example isNoOrgNumber('974760673') // true
 */
export function isNoOrgNumber(nr: string): boolean {
  if (nr.length !== 9) return false
  const w = [3, 2, 7, 6, 5, 4, 3, 2]
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const d = nr.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
    sum += d * (w[i] as number)
  }
  const r = sum % 11
  const check = r === 0 ? 0 : 11 - r
  return check !== 10 && check === nr.charCodeAt(8) - 48
}

/**
 * `NO-BRC-<nr>` for a valid Norwegian org number (spaces, dots and an `NO`
 * prefix or `MVA` suffix tolerated), else null.
 *
 * @example noOrgId('974 760 673') // 'NO-BRC-974760673'
 */
export function noOrgId(text: string): string | null {
  let t = text.trim().toUpperCase()
  if (t.startsWith('NO')) t = t.slice(2)
  if (t.endsWith('MVA')) t = t.slice(0, -3)
  const d = digitsOnly(t)
  return isNoOrgNumber(d) ? `NO-BRC-${d}` : null
}

/**
 * `GB-COH-<n>` for a UK Companies House number: 8 characters, digits or a
 * two-letter prefix (SC, NI, OC, SO, NC, R0...) and 6 digits. Short all-digit
 * numbers are zero-padded, as Companies House does.
 *
 * @example ukCompanyId('1234567') // 'GB-COH-01234567'
 */
export function ukCompanyId(text: string): string | null {
  const t = text.trim().toUpperCase().replace(/\s+/g, '')
  if (/^\d{6,8}$/.test(t)) return `GB-COH-${t.padStart(8, '0')}`
  if (/^[A-Z]{2}\d{6}$/.test(t) || /^R\d{7}$/.test(t)) return `GB-COH-${t}`
  return null
}

/**
 * `GB-VAT-<9 digits>` for a UK VAT number that passes the HMRC check
 * (weights 8..2, then mod 97, old or "9755" series); GB prefix and spaces allowed;
 * a 3-digit branch suffix is dropped. Anything else (NA, foreign VAT) -> null.
 *
 * @example ukVatId('GB 812 3112 85') // 'GB-VAT-812311285'
 */
export function ukVatId(text: string): string | null {
  let t = text.trim().toUpperCase().replace(/[\s.-]+/g, '')
  if (t.startsWith('GB')) t = t.slice(2)
  if (!/^\d{9}(\d{3})?$/.test(t)) return null
  t = t.slice(0, 9)
  let sum = 0
  for (let i = 0; i < 7; i++) sum += (t.charCodeAt(i) - 48) * (8 - i)
  const check = Number(t.slice(7))
  const ok = (sum + check) % 97 === 0 || (sum + check + 55) % 97 === 0
  return ok ? `GB-VAT-${t}` : null
}

/**
 * `US-UEI-<uei>` for a SAM Unique Entity ID (12 characters, letters and digits,
 * no O or I, not starting with 0).
 *
 * @example usUeiId('ZQGGHJH74DW7') // 'US-UEI-ZQGGHJH74DW7'
 */
export function usUeiId(text: string): string | null {
  const t = text.trim().toUpperCase()
  return /^[1-9A-HJ-NP-Z][0-9A-HJ-NP-Z]{11}$/.test(t) ? `US-UEI-${t}` : null
}
