import type {Contribution, PeerResult, UsedFeature} from '../../analysis/benchmark/peers.js'
import type {CategoryLevel} from '../../analysis/dims.js'
import {peersMsg} from '../../messages.js'
import {columnsOf, currency, fieldOf, req, text, type Field, type Output} from './output-fields.js'
import type {View, ViewColumn} from './view.js'

const num = (key: string, description: string): Field => ({key, type: 'number', kind: 'number', description})

const CONTRIBUTIONS: Field['fields'] = [
  req(text('feature', {description: 'Feature name: size, or mix:<category code> (mix: for spend with no category).'})),
  req(text('label', {description: 'What the feature is: the size column, total spend (CUR), or the category label.'})),
  req(num('difference', 'z(peer) - z(buyer).')),
  req(num('contribution', 'weight * difference^2: what the feature adds to the squared distance.')),
]

/** `spend peers BUYER --auto N --json`, declared once: the schema and the CSV columns come from it. */
export const PEERS_OUTPUT: Output = {
  name: 'peers',
  title: '`spend peers BUYER --auto N --json` (issue 10: the nearest peers by standardised features, explained)',
  fields: [
    req(text('buyer', {description: 'The buyer\'s display name.'})),
    req(text('buyer_id')),
    req(currency('currency', {description: 'The one currency spend is compared in.'})),
    {key: 'level', type: ['string', 'null'], description: 'Category level of the mix features (null: codes as published).'},
    req({key: 'method', type: 'string', description: 'How distances are computed.'}),
    req({key: 'weights', type: 'object', csv: false, fields: [req({key: 'size', type: 'number'}), req({key: 'mix', type: 'number'})]}),
    {key: 'size', type: ['object', 'null'], csv: false, description: 'The size used with --size (null: total spend).', fields: [req(text('file')), req(text('column')), req(text('year')), req({key: 'unmatched', type: 'array', items: {type: 'string'}, description: 'Buyers as written in the size file (that year and column) naming no buyer in the data: left out.'})]},
    {key: 'group', type: ['object', 'null'], csv: false, description: 'The peer group used with --peer-group (null: every buyer in the currency).', fields: [req(text('file')), req(text('group')), req({key: 'unmatched', type: 'array', items: {type: 'string'}, description: 'Buyers as written in the file naming no buyer in the data: left out.'})]},
    req({key: 'features', type: 'array', description: 'The features used, each with its standardisation over the candidates and its weight.', fields: [
      req(text('feature')),
      req(text('label')),
      req({key: 'group', type: 'string', enum: ['size', 'mix']}),
      req(num('weight', 'The weight of this one feature (the mix weight spread evenly over the mix features).')),
      req(num('mean', 'Mean over the candidates (total spend in minor units of the currency; a share from 0 to 1 for mix).')),
      req(num('sd', 'Population standard deviation over the candidates.')),
    ]}),
    req({key: 'dropped', type: 'array', description: 'Features left out: the same for every candidate (sd_0), or their group weighted 0.', fields: [
      req(text('feature')), req({key: 'reason', type: 'string', enum: ['sd_0', 'weight_0']}), req(text('message')),
    ]}),
    req({key: 'candidates', type: 'integer', minimum: 1, description: 'How many buyers (the buyer included) the features are standardised over.'}),
    req({key: 'excluded', type: 'array', description: 'Buyers with spend in the currency left out of the candidates.', fields: [
      req(text('buyer')), req(text('buyer_id')), req({key: 'reason', type: 'string', enum: ['no_positive_spend', 'no_size']}),
    ]}),
    req({key: 'peers', type: 'array', description: 'Nearest first, ties by buyer id.', fields: [
      req({key: 'rank', type: 'integer', minimum: 1, kind: 'int'}),
      req(text('buyer', {description: 'The peer\'s display name.'})),
      req(text('buyer_id')),
      req(num('distance', 'Weighted Euclidean distance of the z-scores (12 significant digits).')),
      req({key: 'closest', type: 'array', description: 'Up to 3 features bringing the peer closest (smallest contributions first).', fields: CONTRIBUTIONS}),
      req({key: 'furthest', type: 'array', description: 'Up to 3 features pushing the peer furthest (largest contributions first).', fields: CONTRIBUTIONS}),
    ]}),
  ],
}

export interface PeersOutput {
  buyer: string
  buyer_id: string
  currency: string
  peers: Record<string, unknown>[]
  [extra: string]: unknown
}

export const PEERS_METHOD = 'each feature a z-score over the candidate buyers (population standard deviation); distance = sqrt(sum of weight * (z(peer) - z(buyer))^2)'

/** A number to 12 significant digits: the same text on every machine, free of the last bits of rounding. */
const sig = (x: number): number => Number(x.toPrecision(12))

/**
 * The `--json` result of `spend peers`.
 * @example peersOutput(run.result, {...}).peers[0].buyer // 'Leeds City Council'
 */
export function peersOutput(
  result: PeerResult,
  ctx: {currency: string; level: CategoryLevel | null; size: {file: string; column: string; year: string; unmatched: string[]} | null; group: {file: string; group: string; unmatched: string[]} | null; names: ReadonlyMap<string, string>; candidates: number; excluded: readonly {buyer: string; reason: string}[]},
): PeersOutput {
  const name = (id: string) => ctx.names.get(id) ?? id
  const labels = new Map(result.features.map((f) => [f.name, f.label]))
  const contribution = (c: Contribution) => ({feature: c.feature, label: labels.get(c.feature) ?? c.feature, difference: sig(c.difference), contribution: sig(c.contribution)})
  return {
    buyer: name(result.buyer),
    buyer_id: result.buyer,
    currency: ctx.currency,
    level: ctx.level,
    method: PEERS_METHOD,
    weights: {size: result.weights.size, mix: result.weights.mix},
    size: ctx.size,
    group: ctx.group,
    features: result.features.map((f: UsedFeature) => ({feature: f.name, label: f.label, group: f.group, weight: sig(f.weight), mean: sig(f.mean), sd: sig(f.sd)})),
    dropped: result.dropped.map((d) => ({feature: d.feature, reason: d.reason, message: d.message})),
    candidates: ctx.candidates,
    excluded: ctx.excluded.map((e) => ({buyer: name(e.buyer), buyer_id: e.buyer, reason: e.reason})),
    peers: result.peers.map((p, i) => ({rank: i + 1, buyer: name(p.buyer), buyer_id: p.buyer, distance: sig(p.distance), closest: p.closest.map(contribution), furthest: p.furthest.map(contribution)})),
  }
}

/** Contributions as one cell: `label (+0.12)`, joined by `; `. */
function explained(list: unknown): string {
  return (list as {label: string; contribution: number}[]).map((c) => `${c.label} (${c.contribution.toFixed(3)})`).join('; ')
}

/**
 * Views of `spend peers`: the peer table (peer, distance, closest and
 * furthest features), then the features used and their weights. For
 * scripts the peer rows carry every scalar field plus the two lists as text.
 * @example peersViews(out, true)[0].columns.map((c) => c.header) // ['#', 'peer', 'distance', 'closest', 'furthest']
 */
export function peersViews(out: PeersOutput, human: boolean): View[] {
  const w = out.weights as {size: number; mix: number}
  const title = peersMsg.title(out.peers.length, out.buyer, out.currency)
  const rows = out.peers.map((p) => ({...p, closest: explained(p.closest), furthest: explained(p.furthest)}))
  const list: ViewColumn[] = [{key: 'closest', header: 'closest'}, {key: 'furthest', header: 'furthest'}]
  const columns: ViewColumn[] = human
    ? [{key: 'rank', header: '#', kind: 'int'}, {key: 'buyer', header: 'peer'}, {key: 'distance', header: 'distance', kind: 'number'}, ...list]
    : [...columnsOf(fieldOf(PEERS_OUTPUT.fields, 'peers').fields!), ...list]
  const featureColumns: ViewColumn[] = columnsOf(fieldOf(PEERS_OUTPUT.fields, 'features').fields!)
  return [
    {title, columns, rows},
    {title: peersMsg.featuresTitle(w.size, w.mix), columns: featureColumns, rows: out.features as Record<string, unknown>[]},
  ]
}
