import {SpendInputError} from '../../errors.js'
import {peersMsg} from '../../messages.js'
import {BUYER_COLUMN_NAMES, readSideTable, sideColumn} from './side-table.js'

/**
 * The `--peer-group FILE` side file: CSV with a buyer column (id or name,
 * matched to buyers by the analyses' name rule in the service) and a `group`
 * column; a buyer is compared within its group. One line per buyer.
 */

export interface PeerGroupRow {
  /** 1-based line in the file. */
  line: number
  /** The buyer as written (id or name). */
  buyer: string
  group: string
}

/**
 * Parse a peer-group CSV.
 * @example parsePeerGroups('buyer,group\nLeeds,core cities\n', 'groups.csv')[0] // {line: 2, buyer: 'Leeds', group: 'core cities'}
 */
export function parsePeerGroups(text: string, file = 'peer-group'): PeerGroupRow[] {
  const t = readSideTable(text, file)
  const b = sideColumn(t, BUYER_COLUMN_NAMES, file, 'buyer')
  const g = sideColumn(t, ['group', 'peer_group', 'peer group', 'family', 'cluster'], file, 'group')
  const seen = new Map<string, number>()
  return t.rows.map(({line, cells}) => {
    const where = `${file}:${line}`
    const buyer = cells[b] ?? ''
    const group = cells[g] ?? ''
    if (buyer === '') throw new SpendInputError('BAD_PEER_GROUP_LINE', peersMsg.blankBuyer(), {where, hint: peersMsg.blankBuyerHint()})
    if (group === '') throw new SpendInputError('BAD_PEER_GROUP_LINE', peersMsg.blankGroup(), {where, hint: peersMsg.blankGroupHint()})
    const first = seen.get(buyer.toLowerCase())
    if (first !== undefined) throw new SpendInputError('BAD_PEER_GROUP_LINE', peersMsg.repeatedBuyer(buyer, first), {where, hint: peersMsg.repeatedBuyerHint()})
    seen.set(buyer.toLowerCase(), line)
    return {line, buyer, group}
  })
}
