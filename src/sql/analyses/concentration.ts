import {HHI_BANDS, type HhiBands} from '../../analysis/concentration.js'
import type {CategoryLevel} from '../../analysis/dims.js'
import {shareJson} from '../../analysis/json.js'
import {ratio} from '../../analysis/kernel.js'
import {unidentifiedJson, unidentifiedMode} from '../../analysis/unidentified.js'
import {concentrationOutput, concentrationViews, type ConcentrationOutput} from '../../io/write/concentration-report.js'
import {formatMinor} from '../../model/money.js'
import type {EngineRow, JsonContext, SqlAnalysis, SqlContext} from '../types.js'
import {compareGroups, groupFields, groupId, memberCtes} from './concentration-members.js'

export interface ConcentrationOptions {
  by: 'category' | 'buyer' | 'gpp_group'
  bands: '2010' | '2023'
  level?: CategoryLevel
  redactedAsSupplier?: boolean
  excludeRedacted?: boolean
}

/**
 * concentration as SQL: per currency and group, the suppliers' exact totals
 * (src/sql/analyses/concentration-members.ts), then per group the net total,
 * the count of suppliers with a positive total and of the others, the sum of
 * the positive totals (the base of the shares), the sums of the 1, 3 and 5
 * largest, the exact sum of the squared positive totals (for the HHI), and
 * the spend left out with redacted or blank suppliers (none with
 * --redacted-as-supplier, which counts each such key as one supplier). CRn
 * and HHI as decimals are for people reading the result; the JSON works them
 * out from the exact integers, as the native analysis does.
 */
function concentrationSqlText(o: ConcentrationOptions, ctx: SqlContext): string {
  const d = ctx.dialect
  const m = memberCtes({by: o.by, level: o.level}, ctx)
  const counted = o.redactedAsSupplier ? '1 = 1' : 'u = 0'
  const pos = `${counted} AND t > 0`
  m.ctes.push(`ranked AS (
  SELECT currency, g, s, t, n, u,
    ROW_NUMBER() OVER (PARTITION BY currency, g ORDER BY CASE WHEN ${pos} THEN 0 ELSE 1 END, t DESC) AS rn
  FROM members
)`, `groups AS (
  SELECT currency, g,
    SUM(t) AS amount,
    SUM(CASE WHEN ${pos} THEN 1 ELSE 0 END) AS suppliers,
    SUM(CASE WHEN ${counted} AND t <= 0 THEN 1 ELSE 0 END) AS suppliers_nonpositive,
    SUM(CASE WHEN ${pos} THEN t ELSE 0 END) AS positive,
    ${[1, 3, 5].map((k) => `SUM(CASE WHEN ${pos} AND rn <= ${k} THEN t ELSE 0 END) AS top${k}`).join(',\n    ')},
    SUM(CASE WHEN ${pos} THEN t * t ELSE 0 END) AS squares,
    SUM(CASE WHEN ${counted} THEN 0 ELSE t END) AS unidentified_amount,
    SUM(CASE WHEN ${counted} THEN 0 ELSE n END) AS unidentified_count
  FROM ranked
  GROUP BY currency, g
)`)
  const share = (num: string) => `CASE WHEN positive = 0 THEN NULL ELSE CAST(${num} AS ${d.decimal(10)}) / positive END`
  const select = [
    'groups.*',
    ...(m.groupLabel ? [`${m.groupLabel}.label AS group_label`] : []),
    `${share('top1')} AS cr1`, `${share('top3')} AS cr3`, `${share('top5')} AS cr5`,
    `CASE WHEN positive = 0 THEN NULL ELSE CAST(squares AS ${d.decimal(4)}) / positive / positive * 10000 END AS hhi`,
  ]
  return `WITH ${m.ctes.join(',\n')}
SELECT ${select.join(',\n  ')}
FROM groups
${m.groupLabel ? `LEFT JOIN ${m.groupLabel} ON ${m.groupLabel}.id = groups.g\n` : ''}ORDER BY ${d.bytewise('groups.currency')}, amount DESC, ${d.bytewise('groups.g')} NULLS LAST`
}

function bandOf(hhi: number, bands: HhiBands): string {
  if (hhi < bands.moderate) return 'unconcentrated'
  return hhi > bands.high ? 'highly concentrated' : 'moderately concentrated'
}

/** Band from 10,000 * squares / P^2 compared in BigInt (the native rule near a threshold). */
function exactBand(squares: bigint, positive: bigint, bands: HhiBands): string {
  const num = 10_000n * squares
  const den = positive * positive
  if (num < BigInt(bands.moderate) * den) return 'unconcentrated'
  return num > BigInt(bands.high) * den ? 'highly concentrated' : 'moderately concentrated'
}

/**
 * The HHI and band as src/analysis/concentration.ts computes them: the value
 * in doubles (the sum of squares is exact, so it equals the native sum
 * wherever that is exact), the band in BigInt near a threshold.
 */
function hhiOf(squares: bigint, positive: bigint, bands: HhiBands): {hhi: number | null; band: string | null} {
  if (positive <= 0n) return {hhi: null, band: null}
  const p = Number(positive)
  const hhi = (Number(squares) / (p * p)) * 10_000
  const near = (x: number) => Math.abs(hhi - x) < 1e-6 * Math.max(1, x)
  return {hhi, band: near(bands.moderate) || near(bands.high) ? exactBand(squares, positive, bands) : bandOf(hhi, bands)}
}

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100)

function concentrationJson(rows: readonly EngineRow[], o: ConcentrationOptions, ctx: JsonContext): ConcentrationOutput {
  const bands = HHI_BANDS[o.bands]
  const groups = rows.map((r) => ({r, currency: r.currency, g: groupId({by: o.by}, r), amount: BigInt(r.amount!)}))
  groups.sort(compareGroups)
  const out = groups.map(({r, g, currency, amount}) => {
    const positive = BigInt(r.positive!)
    const {hhi, band} = hhiOf(BigInt(r.squares!), positive, bands)
    return {
      ...groupFields(o.by, g, r, ctx),
      currency,
      amount: formatMinor(amount, currency ?? ''),
      suppliers: Number(r.suppliers),
      suppliers_nonpositive: Number(r.suppliers_nonpositive),
      cr1: shareJson(ratio(BigInt(r.top1!), positive)),
      cr3: shareJson(ratio(BigInt(r.top3!), positive)),
      cr5: shareJson(ratio(BigInt(r.top5!), positive)),
      hhi: round2(hhi),
      effective_suppliers: hhi ? round2(10_000 / hhi) : null,
      band,
      unidentified: unidentifiedJson({amount: BigInt(r.unidentified_amount!), count: Number(r.unidentified_count)}, amount, currency),
    }
  })
  const mode = unidentifiedMode({'exclude-redacted': o.excludeRedacted, 'redacted-as-supplier': o.redactedAsSupplier})
  return concentrationOutput({by: o.by, bands, rows: out}, {}, mode)
}

export const concentrationSql: SqlAnalysis<ConcentrationOptions> = {
  name: 'concentration',
  sql: concentrationSqlText,
  json: (rows, o, ctx) => {
    const body = concentrationJson(rows, o, ctx)
    return {body, views: (human) => concentrationViews(body, human, {})}
  },
}
