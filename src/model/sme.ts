/**
 * Whether a supplier is a small or medium-sized enterprise, from its size
 * class as published: OCDS `details.scale` (`sme`, `micro`, `large`), TED's
 * `B_CONTRACTOR_SME` (`Y`/`N`), or a yes/no column of a supplier file.
 */

const SME = new Set(['sme', 'micro', 'small', 'medium', 'y', 'yes', 'true'])
const NOT_SME = new Set(['large', 'n', 'no', 'false'])

/**
 * True for an SME size class (sme, micro, small, medium, Y, yes, true), false
 * for a large one (large, N, no, false), null when unknown or blank; case and
 * surrounding spaces are ignored.
 * @example smeOf('Micro') // true
 * @example smeOf('N') // false
 * @example smeOf('selfEmployed') // null
 */
export function smeOf(scale: string | null | undefined): boolean | null {
  if (scale === null || scale === undefined) return null
  const v = scale.trim().toLowerCase()
  if (SME.has(v)) return true
  if (NOT_SME.has(v)) return false
  return null
}
