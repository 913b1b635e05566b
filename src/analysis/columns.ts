import type {FrameColumn} from '../model/record.js'
import {DIM_COLUMNS, type DimName} from './dims.js'
import {filterColumns, type FilterOptions} from './filter.js'

/**
 * The frame columns an analysis needs, so a command loads only those from
 * the workspace (loading is most of the time of a query over 1M rows).
 * Amount and currency are always needed: currencies are never added.
 * @example columnsFor(['buyer', 'category'], {from: '2024'}) // ['amount', 'currency', 'buyer_id', 'buyer', 'category_code', 'category', 'date']
 */
export function columnsFor(dims: readonly DimName[], filter: FilterOptions = {}): FrameColumn[] {
  const cols = new Set<FrameColumn>(['amount', 'currency'])
  for (const d of dims) for (const c of DIM_COLUMNS[d]) cols.add(c)
  for (const c of filterColumns(filter)) cols.add(c)
  return [...cols]
}

/** Columns of `spend profile`: both parties, dates and categories. */
export const PROFILE_DIMS: readonly DimName[] = ['supplier', 'buyer', 'year', 'category']

/** What `spend profile` loads: its dimensions plus supplier_id, which names can be matched on. */
export const PROFILE_COLUMNS: readonly FrameColumn[] = [...columnsFor(PROFILE_DIMS), 'supplier_id']
