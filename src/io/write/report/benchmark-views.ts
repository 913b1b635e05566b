/**
 * The views the report's benchmark section adds to `spend benchmark`'s own
 * (benchmarkViews): each peer's value beside the buyer's, measure by measure,
 * and for peers chosen by distance, why each was chosen.
 */
import type {Peer} from '../../../analysis/benchmark/peers.js'
import {benchReportMsg} from '../../../messages.js'
import {FIG, type BenchmarkJson} from '../benchmark-report.js'
import type {View, ViewColumn} from '../view.js'

/**
 * One row per measure: the buyer's value, then each peer's (a column per peer,
 * in the peer list's order, keyed by buyer id: the CSV's header), so every
 * statistic can be recomputed by hand.
 * @example benchmarkValuesView(json).columns[1].header // json.buyer
 */
export function benchmarkValuesView(json: BenchmarkJson): View {
  const columns: ViewColumn[] = [
    {key: 'measure', header: 'measure', fit: 'name'},
    ...[json, ...json.peers].map((p): ViewColumn => ({key: p.buyer_id, header: p.buyer, kind: 'text'})),
  ]
  const rows = json.measures.map((m) => {
    const row: Record<string, unknown> = {measure: m.label, [json.buyer_id]: FIG(m.value, m.unit)}
    for (const v of m.peer_values) row[v.buyer_id] = FIG(v.value, m.unit)
    return row
  })
  return {title: benchReportMsg.valuesTitle(), columns, rows}
}

/**
 * The nearest buyers as chosen: distance, the features that bring each
 * closest and push it furthest, and whether it was compared.
 * Features are shown by their labels (`labels`: feature name to label).
 * @example benchmarkPeersView(result.peers, names, new Set(['york'])).rows[0].compared // 'yes'
 */
export function benchmarkPeersView(peers: readonly Peer[], names: ReadonlyMap<string, string>, compared: ReadonlySet<string>, labels: ReadonlyMap<string, string> = new Map()): View {
  // The feature that brings it closest and the one that pushes it furthest, each with what it adds to the
  // squared distance (weight x difference of z-scores, squared); `spend peers` lists more.
  const features = (list: Peer['closest']) => list.slice(0, 1).map((c) => `${labels.get(c.feature) ?? c.feature} (${c.contribution.toFixed(2)})`).join(', ')
  return {
    title: benchReportMsg.peersTitle(),
    columns: [
      {key: 'buyer', header: 'peer', fit: 'name'},
      {key: 'distance', header: 'distance', kind: 'number'},
      {key: 'closest', header: 'closest on', fit: 'name'},
      {key: 'furthest', header: 'furthest on', fit: 'name'},
      {key: 'compared', header: 'compared'},
    ],
    rows: peers.map((p) => ({
      buyer: names.get(p.buyer) ?? p.buyer, distance: p.distance, closest: features(p.closest), furthest: features(p.furthest),
      compared: compared.has(p.buyer) ? 'yes' : 'left out',
    })),
  }
}
