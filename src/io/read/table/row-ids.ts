/**
 * Buyer and supplier identity for the table reader: validated registry ids
 * (company numbers, VAT numbers, UEIs) and buyer ids, each worked out once per
 * distinct cell and numbered once per batch dictionary generation.
 */
import {noOrgId, ukCompanyId, ukVatId, usUeiId} from '../../../model/orgid.js'
import type {BuyerOrigin} from '../../../model/record.js'
import {slug} from '../../../model/supplier.js'
import {flat, type RowBatch} from './batch.js'
import {opt} from './rowclass.js'
import type {TablePlan} from './tableplan.js'

/** A supplier id cell's validated id (null when invalid). */
export interface IdInfo {
  id: string | null
  /** In the ids map, so reusing it skips no bad-id count. */
  cached: boolean
  gen: number
  idCode: number
  keyCode: number
}

/** Buyers are few; cache name -> id. */
export interface BuyerInfo {
  name: string
  id: string
  origin: BuyerOrigin
  gen: number
  idCode: number
  nameCode: number
  originCode: number
}

/** The supplier memo's pairing of a name with the id cell last seen beside it. */
export interface IdPair {
  /** The id cell last seen with this name, and its result: names and ids come in pairs. */
  idRaw: string | null
  idInfo: IdInfo | null
}

export const NO_ID: IdInfo = {id: null, cached: true, gen: 0, idCode: -1, keyCode: -1}

/**
 * Resolves the buyer and the supplier id of each row, memoised per distinct
 * cell; `badOrgIds` counts ids that fail the plan's registry check.
 *
 * @example const ids = new OrgIds(plan); ids.buyerOf(cells, batch).id // 'GB-COH-01234567'
 */
export class OrgIds {
  badOrgIds = 0
  readonly buyers = new Map<string, BuyerInfo>()
  private readonly ids = new Map<string, IdInfo>()
  private readonly vats = new Map<string, IdInfo>()
  private readonly ix: TablePlan['mapping']['index']
  private lastBuyer: BuyerInfo | null = null
  private lastBuyerName: string | null = null
  private lastBuyerId: string | null = null

  constructor(private readonly plan: TablePlan) {
    this.ix = plan.mapping.index
  }

  /** Distinct supplier id cells memoised so far (all of them while under 200,000). */
  get idCount(): number {
    return this.ids.size
  }

  /** The memoised supplier id cells that failed the check (what `badOrgIds` counted, while all are memoised). */
  badIds(): string[] {
    const scheme = this.plan.supplierIdScheme
    if (scheme === null) return []
    const out: string[] = []
    for (const [raw, info] of this.ids) if (info.id === null && !/^redacted$/i.test(raw)) out.push(raw)
    return out
  }

  /**
   * The row's supplier id (NO_ID when none is valid), with its codes in the
   * batch when it has one: the id column, else (GBP rows) the VAT column.
   */
  supplierOf(pair: IdPair, cells: readonly string[], currency: string, b: RowBatch): IdInfo {
    const ix = this.ix
    let idInfo = NO_ID
    if (ix.supplier_id !== undefined) {
      const raw = opt(cells, ix.supplier_id)
      if (pair.idInfo !== null && raw === pair.idRaw) idInfo = pair.idInfo
      else {
        idInfo = this.supplierId(raw)
        pair.idRaw = raw
        pair.idInfo = idInfo.cached ? idInfo : null
      }
    }
    if (idInfo.id === null && ix.supplier_vat !== undefined && currency === 'GBP') idInfo = this.vatId(opt(cells, ix.supplier_vat))
    if (idInfo.id !== null && idInfo.gen !== b.gen) {
      idInfo.idCode = b.dicts.supplier_id.code(idInfo.id)
      idInfo.keyCode = b.dicts.supplier_key.code(idInfo.id)
      idInfo.gen = b.gen
    }
    return idInfo
  }

  /** The row's buyer (its columns, else the plan's fallback), with its codes in the batch. */
  buyerOf(cells: readonly string[], b: RowBatch): BuyerInfo {
    const buyer = this.buyer(opt(cells, this.ix.buyer), opt(cells, this.ix.buyer_id))
    if (buyer.gen !== b.gen) {
      buyer.idCode = b.dicts.buyer_id.code(buyer.id)
      buyer.nameCode = b.dicts.buyer.code(buyer.name)
      buyer.originCode = b.dicts.buyer_origin.code(buyer.origin)
      buyer.gen = b.gen
    }
    return buyer
  }

  private supplierId(raw: string | null): IdInfo {
    if (raw === null) return NO_ID
    const known = this.ids.get(raw)
    if (known !== undefined) return known
    const scheme = this.plan.supplierIdScheme
    const v = scheme === 'NO-BRC' ? noOrgId(raw) : scheme === 'GB-COH' ? ukCompanyId(raw) : scheme === 'US-UEI' ? usUeiId(raw) : null
    if (v === null && scheme !== null && !/^redacted$/i.test(raw)) this.badOrgIds++
    const info: IdInfo = {id: v, cached: this.ids.size < 200_000, gen: -1, idCode: -1, keyCode: -1}
    if (info.cached) this.ids.set(flat(raw), info)
    return info
  }

  private vatId(raw: string | null): IdInfo {
    if (raw === null) return NO_ID
    let v = this.vats.get(raw)
    if (v === undefined) {
      v = {id: ukVatId(raw), cached: true, gen: -1, idCode: -1, keyCode: -1}
      if (this.vats.size < 200_000) this.vats.set(raw, v)
    }
    return v
  }

  private buyer(name: string | null, id: string | null): BuyerInfo {
    // Files usually repeat one buyer for long runs: skip the map lookup then.
    if (this.lastBuyer !== null && name === this.lastBuyerName && id === this.lastBuyerId) return this.lastBuyer
    const key = id === null ? (name ?? '') : `${name ?? ''}\u0000${id}`
    let b = this.buyers.get(key)
    if (b) {
      this.lastBuyer = b
      this.lastBuyerName = name
      this.lastBuyerId = id
      return b
    }
    const plan = this.plan
    const origin: BuyerOrigin = name !== null ? 'column' : plan.fallbackOrigin
    const n = name ?? plan.fallbackBuyer
    const scheme = id === null ? null : (noOrgId(id) ?? ukCompanyId(id))
    b = {name: n, id: scheme ?? slug(n), origin, gen: -1, idCode: -1, nameCode: -1, originCode: -1}
    if (this.buyers.size < 10_000) this.buyers.set(key, b)
    this.lastBuyer = b
    this.lastBuyerName = name
    this.lastBuyerId = id
    return b
  }
}
