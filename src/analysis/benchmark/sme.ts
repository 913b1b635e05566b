import type {SpendFrame} from '../../model/frame.js'
import {amounts, dim} from '../dims.js'
import {ratio, sumByGroup} from '../kernel.js'
import {benchmarkMsg, benchSmeMsg} from '../../messages.js'

/**
 * The SME measures of `buyerMeasures`: on the payments it gives (at or above
 * the floor), with redacted and blank suppliers left out as in the other
 * supplier measures.
 */

/** Whether the supplier of a frame row is an SME: true, false, or null when its size is not known. */
export type SmeOfRow = (row: number) => boolean | null

/** One buyer's SME measures, and why one is null. */
export interface SmeShares {
  /** Share of the spend whose supplier size is known that went to SMEs. */
  sme_share: number | null
  /** Share of the identified spend whose supplier size is known (the coverage behind sme_share). */
  sme_known_share: number | null
  /** Why both are null: 'no-suppliers' (no identified spend) or 'unknown' (no supplier size known). */
  missing: 'no-suppliers' | 'unknown' | null
}

/**
 * SME share and its coverage per buyer id, exactly summed in minor units:
 * identified spend (supplier neither redacted nor blank), the part of it
 * whose supplier size is known, and the part of that with SMEs.
 * @example smeShares(frame, paid, (i) => i === 0).get('buyer-a') // {sme_share: 0.25, sme_known_share: 1, missing: null}
 */
export function smeShares(frame: SpendFrame, paid: Uint32Array, smeOf: SmeOfRow): Map<string | null, SmeShares> {
  const b = dim(frame, 'buyer')
  const s = dim(frame, 'supplier')
  const values = amounts(frame)
  const identified = new Uint32Array(paid.length)
  const known = new Uint32Array(paid.length)
  const sme = new Uint32Array(paid.length)
  let n = 0
  let k = 0
  let m = 0
  for (let j = 0; j < paid.length; j++) {
    const i = paid[j]
    if (s.unidentified?.[s.keys[i]]) continue
    identified[n++] = i
    const v = smeOf(i)
    if (v === null) continue
    known[k++] = i
    if (v) sme[m++] = i
  }
  const all = sumByGroup(b.keys, b.size, values, identified.subarray(0, n))
  const withSize = sumByGroup(b.keys, b.size, values, known.subarray(0, k))
  const withSme = sumByGroup(b.keys, b.size, values, sme.subarray(0, m))
  const out = new Map<string | null, SmeShares>()
  for (let g = 0; g < b.size; g++) {
    const whole = all.total(g)
    const part = withSize.total(g)
    if (whole === 0n) out.set(b.ids[g], {sme_share: null, sme_known_share: null, missing: 'no-suppliers'})
    else if (part === 0n) out.set(b.ids[g], {sme_share: null, sme_known_share: null, missing: 'unknown'})
    else out.set(b.ids[g], {sme_share: ratio(withSme.total(g), part), sme_known_share: ratio(part, whole), missing: null})
  }
  return out
}

/** The part of a buyer's measures the sme measures fill in (BuyerMeasures has it). */
interface SmeTarget {
  buyer_id: string | null
  measures: {sme_share: number | string | null; sme_known_share: number | string | null}
  not_computed: {sme_share?: string; sme_known_share?: string}
}

/**
 * Fill in `sme_share` and `sme_known_share` of each buyer, or say why they are
 * null (no hook: nothing is known of supplier sizes).
 * @example smeMeasures(frame, paid, (i) => smeOfScale[i], buyers)
 */
export function smeMeasures(frame: SpendFrame, paid: Uint32Array, smeOf: SmeOfRow | undefined, buyers: readonly SmeTarget[]): void {
  const shares = smeOf ? smeShares(frame, paid, smeOf) : null
  for (const b of buyers) {
    const s = shares?.get(b.buyer_id) ?? {sme_share: null, sme_known_share: null, missing: shares ? 'no-suppliers' : 'unknown'}
    b.measures.sme_share = s.sme_share
    b.measures.sme_known_share = s.sme_known_share
    if (s.missing === null) continue
    const why = s.missing === 'unknown' ? benchSmeMsg.smeUnknown() : benchmarkMsg.noSuppliers()
    b.not_computed.sme_share = why
    b.not_computed.sme_known_share = why
  }
}
