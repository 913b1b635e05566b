/**
 * Eight fictional English councils for the demo (GBP, 2023-2024), so that `spend benchmark`
 * has enough comparable buyers. Each publishes its "spend over £500" (Local Government
 * Transparency Code) in one of three layouts real councils use, with ProClass-style
 * categories, and differs from the others in a way a reader can see, known by construction:
 * - Copperfield City Council spends about twice the others' share on ICT;
 * - Farrowdale Borough Council pays over 60% of its spend to one supplier (a shared-services
 *   partnership, invoiced monthly and coded across the services it runs);
 * - Dunholm County Council publishes only payments of £25,000 or more (a higher floor;
 *   a handful of smaller lines slip in, as in real files);
 * - sizes (population) differ, and total spend follows them.
 *
 * Everything is drawn from its own seeded stream (mulberry32), apart from the other bodies'
 * streams, so adding the councils leaves the department's and the agencies' files as they were.
 * Used by scripts/gen-demo.mjs; the helpers (formatting, calendars, draws) come from there.
 */

/** ProClass-style top-level categories (codes illustrative): share of rows, median amount (GBP), sigma, local pool size, Zipf. */
export const COUNCIL_CATEGORIES = [
  {code: '100000', label: 'Social Care', w: 20, median: 3_400, sigma: 0.9, pool: 40, zipf: 0.8, sector: ['Care Services', 'Home Care', 'Care Homes', 'Support Services']},
  {code: '110000', label: 'ICT', w: 7, median: 5_200, sigma: 0.7, pool: 14, zipf: 1.1, sector: ['Digital', 'Technology', 'IT Solutions', 'Software']},
  {code: '120000', label: 'Construction', w: 9, median: 9_500, sigma: 1.0, pool: 24, zipf: 0.9, sector: ['Construction', 'Building Services', 'Contractors']},
  {code: '130000', label: 'Facilities & Management Services', w: 10, median: 2_600, sigma: 0.7, pool: 18, zipf: 1.0, sector: ['Facilities', 'Cleaning Services', 'Grounds Maintenance']},
  {code: '140000', label: 'Highways & Transport', w: 8, median: 5_800, sigma: 0.9, pool: 14, zipf: 1.2, sector: ['Highways', 'Surfacing', 'Transport', 'Coaches']},
  {code: '150000', label: 'Waste Management', w: 5, median: 7_500, sigma: 0.6, pool: 5, zipf: 1.8, sector: ['Waste Services', 'Recycling', 'Environmental']},
  {code: '160000', label: 'Housing Management', w: 9, median: 2_900, sigma: 0.8, pool: 20, zipf: 0.8, sector: ['Housing', 'Lettings', 'Property Repairs']},
  {code: '170000', label: 'Human Resources', w: 7, median: 2_200, sigma: 0.6, pool: 10, zipf: 1.3, sector: ['Recruitment', 'Staffing', 'Resourcing']},
  {code: '180000', label: 'Consultancy', w: 4, median: 4_800, sigma: 0.8, pool: 14, zipf: 0.9, sector: ['Consulting', 'Advisory', 'Associates']},
  {code: '190000', label: 'Utilities', w: 5, median: 3_800, sigma: 0.6, pool: 3, zipf: 2.2, sector: ['Energy', 'Water', 'Power']},
  {code: '200000', label: 'Legal Services', w: 3, median: 2_400, sigma: 0.7, pool: 8, zipf: 1.0, sector: ['Solicitors LLP', 'Chambers']},
  {code: '210000', label: 'Financial Services', w: 3, median: 2_000, sigma: 0.8, pool: 6, zipf: 1.2, sector: ['Insurance', 'Financial Services', 'Audit LLP']},
  {code: '220000', label: 'Education', w: 10, median: 3_100, sigma: 0.8, pool: 24, zipf: 0.7, sector: ['Learning', 'Academy Trust', 'Training', 'Nursery']},
]
const IT = '110000'
/** Copperfield's extra weight on ICT rows: about twice the others' share of spend. */
const IT_HEAVY_FACTOR = 2.2
/** Farrowdale's partnership: this share of its spend goes to one supplier. */
const DOMINANT_SHARE = {num: 65, den: 100}
const HIGH_FLOOR = 2_500_000
/** All medians are scaled by this (a council's larger payments: enough of them reach £25,000 to compare on). */
const MEDIAN_SCALE = 2.5

/**
 * The councils. `layout`: 'lga' (LGA spend schema, ISO dates), 'ox' (Body Name ... Supplier Name, DD/MM/YYYY)
 * or 'svc' (Organisation, Service Area ..., `£1,234.56`). One file a year, or a quarter with `quarterly`
 * (one council only: each file costs an import, and every demo test imports them all).
 * Population per year goes to fixtures/demo-sizes.csv; rows per year follow it.
 */
export const COUNCILS = [
  {name: 'Ashbury Vale District Council', short: 'ashbury-vale', layout: 'ox', quarterly: true, population: [112_400, 113_300]},
  {name: 'Brackenridge Borough Council', short: 'brackenridge', layout: 'lga', population: [186_900, 188_200]},
  {name: 'Copperfield City Council', short: 'copperfield', layout: 'lga', population: [254_300, 256_100], role: 'it-heavy'},
  {name: 'Dunholm County Council', short: 'dunholm', layout: 'svc', population: [598_700, 602_300], role: 'high-floor'},
  {name: 'Elmswick District Council', short: 'elmswick', layout: 'svc', population: [96_800, 97_100]},
  {name: 'Farrowdale Borough Council', short: 'farrowdale', layout: 'ox', population: [141_600, 142_500], role: 'dominant'},
  {name: 'Glenmarsh City Council', short: 'glenmarsh', layout: 'lga', population: [312_500, 315_000]},
  {name: 'Hollinsworth Metropolitan Borough Council', short: 'hollinsworth', layout: 'ox', population: [228_100, 229_400]},
]
export const DOMINANT_SUPPLIER = 'Farrowdale Partnership Services Ltd'

const STEMS = ['Abbeyfield', 'Birchwood', 'Calder', 'Deanfield', 'Eskdale', 'Fernhill', 'Gorsey', 'Hatherley', 'Ingleby',
  'Jubilee', 'Kirkstall', 'Langdale', 'Moorside', 'Netherton', 'Oldfield', 'Pinewood', 'Quarrybank', 'Rosedale',
  'Sandford', 'Thornfield', 'Upton', 'Valeside', 'Whitley', 'Yewtree', 'Broadoak', 'Coldharbour', 'Dalesway', 'Eastgate']
const SURNAMES = ['Ainsworth', 'Barlow', 'Crossley', 'Dawson', 'Entwistle', 'Firth', 'Greenwood', 'Holroyd', 'Ibbotson',
  'Jagger', 'Kershaw', 'Lumb', 'Midgley', 'Newsome', 'Oldroyd', 'Pickles', 'Ramsden', 'Sutcliffe', 'Thackray', 'Wadsworth']
const UNITS = ['Adult Social Care', "Children's Services", 'Environment', 'Highways', 'Housing', 'Corporate Resources',
  'Digital Services', 'Regeneration', 'Leisure & Culture', 'Finance', 'Legal & Democratic']
const REDACTED = 'REDACTED - personal data'
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** Supplier names for one pool: `Stem Sector Ltd`, now and then `Surname & Surname`, unique within `used`. */
function supplierName(rng, sector, used) {
  for (;;) {
    const style = rng.next()
    const base = style < 0.2 ? `${rng.pick(SURNAMES)} & ${rng.pick(SURNAMES)} ${rng.pick(sector)}` : `${rng.pick(STEMS)} ${rng.pick(sector)}`
    const name = base.endsWith('LLP') || base.endsWith('Trust') || base.endsWith('Chambers') ? base : `${base} ${rng.chance(0.1) ? 'plc' : 'Ltd'}`
    if (used.has(name)) continue
    used.add(name)
    return name
  }
}

/** A few national suppliers per category that every council uses, and each council's local ones. */
function buildPools(rng) {
  const used = new Set()
  const national = new Map(COUNCIL_CATEGORIES.map((c) => [c.code, Array.from({length: Math.min(4, c.pool)}, () => ({name: supplierName(rng, c.sector, used), size: 1.5}))]))
  return COUNCILS.map(() => new Map(COUNCIL_CATEGORIES.map((c) => {
    const local = Array.from({length: c.pool}, () => ({name: supplierName(rng, c.sector, used), size: Math.exp(0.5 * rng.normal())}))
    // National firms sit among the local ones (rank 2, 4, ...), so they get a fair part of the Zipf weight.
    const pool = [...local]
    national.get(c.code).forEach((s, i) => pool.splice(Math.min(pool.length, 1 + 2 * i), 0, s))
    return [c.code, pool]
  })))
}

/** One council-year of payments: {month, day, category, unit, supplier, supplierId, txn, amount}. */
function councilYear(rng, h, council, ci, pools, year, txnStart) {
  const yi = year - 2023
  const rowsPerYear = Math.round(council.population[yi] / 1000 * (council.role === 'high-floor' ? 0.4 : 1.7))
  const weights = COUNCIL_CATEGORIES.map((c) => c.w * (council.role === 'it-heavy' && c.code === IT ? IT_HEAVY_FACTOR : 1))
  const total = weights.reduce((a, b) => a + b, 0)
  const rows = []
  let txn = txnStart
  const push = (month, cat, supplier, amount, unit) => {
    txn += rng.int(1, 30)
    const days = h.businessDays(year, month)
    rows.push({month, day: rng.pick(days), cat, unit: unit ?? rng.pick(UNITS), supplier: supplier.name, supplierId: supplier.id, txn, amount})
  }
  // Rows per category by the weights (largest remainder), in a shuffled order: the mix is known by
  // construction, and only the amounts and suppliers are left to chance.
  const exact = weights.map((w) => rowsPerYear * w / total)
  const counts = exact.map(Math.floor)
  const byRemainder = exact.map((e, k) => k).sort((a, b) => (exact[b] % 1) - (exact[a] % 1) || a - b)
  for (let k = 0; k < rowsPerYear - counts.reduce((a, b) => a + b, 0); k++) counts[byRemainder[k]]++
  const order = rng.shuffle(COUNCIL_CATEGORIES.flatMap((c, k) => Array.from({length: counts[k]}, () => c)))
  for (let i = 0; i < order.length; i++) {
    // Every month has payments (a full year for the period checks): the first 12 rows walk the months.
    const month = i < 12 ? i + 1 : rng.int(1, 12)
    const cat = order[i]
    const pool = pools[ci].get(cat.code)
    const w = pool.map((s, k) => s.size / (k + 1) ** cat.zipf)
    const s = pool[rng.weighted(w, w.reduce((a, b) => a + b, 0))]
    const redacted = cat.code === '100000' && rng.chance(0.06)
    let amount
    if (council.role === 'high-floor') {
      // A county publishing over £25,000: bigger payments; a few smaller lines break the rule (under 1%).
      amount = h.logNormalMinor(rng, cat.median * MEDIAN_SCALE * 5, cat.sigma * 0.8)
      if (amount < HIGH_FLOOR) amount = rng.chance(0.02) ? amount : HIGH_FLOOR + rng.int(0, 900_000)
    } else {
      amount = Math.max(50_000, h.logNormalMinor(rng, cat.median * MEDIAN_SCALE, cat.sigma))
      // A stray penny row now and then, as in real over-£500 files.
      if (rng.chance(0.003)) amount = rng.int(1, 4_999)
    }
    if (rng.chance(0.02)) amount = -Math.round(amount * (0.1 + 0.8 * rng.next()))
    push(month, cat, redacted ? {name: REDACTED, id: ''} : {name: s.name, id: s.id}, amount)
  }
  if (council.role === 'dominant') {
    // The partnership: DOMINANT_SHARE of the year's spend, invoiced monthly, one line per service at the usual mix.
    const rest = rows.reduce((a, r) => a + r.amount, 0)
    const yearTotal = Math.round(rest * DOMINANT_SHARE.num / (DOMINANT_SHARE.den - DOMINANT_SHARE.num))
    const spend = COUNCIL_CATEGORIES.map((c) => c.w * c.median)
    const spendTotal = spend.reduce((a, b) => a + b, 0)
    const supplier = {name: DOMINANT_SUPPLIER, id: pools.dominantId}
    let left = yearTotal
    for (let m = 1; m <= 12; m++) {
      const month = m === 12 ? left : Math.round(yearTotal / 12 * (0.9 + 0.2 * rng.next()))
      left -= month
      let monthLeft = month
      COUNCIL_CATEGORIES.forEach((c, k) => {
        const line = k === COUNCIL_CATEGORIES.length - 1 ? monthLeft : Math.round(month * spend[k] / spendTotal)
        monthLeft -= line
        push(m, c, supplier, line, 'Strategic Partnership')
      })
    }
  }
  rows.sort((a, b) => a.month - b.month || a.day - b.day || a.txn - b.txn)
  return {rows, txn}
}

const LAYOUTS = {
  lga: {
    header: ['OrganisationLabel', 'OrganisationURI', 'EffectiveDate', 'OrganisationalUnit', 'BeneficiaryName', 'BeneficiaryOtherID',
      'PaymentDate', 'TransactionNumber', 'Amount', 'IrrecoverableVATAmount', 'Purpose', 'ProclassLabel', 'ProclassCode'],
    line: (h, c, r, year, last) => {
      const iso = `${year}-${h.pad2(r.month)}-${h.pad2(r.day)}`
      return [c.name, `https://opendatacommunities.org/id/fictional-council/${c.short}`, last, r.unit.toUpperCase(), r.supplier,
        r.supplierId, iso, String(r.txn), h.formatAmount(r.amount, {thousands: '', decimal: '.'}), '0.00', r.cat.label, r.cat.label, r.cat.code]
    },
  },
  ox: {
    header: ['Body Name', 'Service Area', 'Expenditure Category', 'Proclass Code', 'Proclass Label', 'Paid Date', 'Trans No', 'Amount',
      'Supplier ID', 'Supplier Name'],
    line: (h, c, r, year) => [c.name, r.unit, r.cat.label, r.cat.code, r.cat.label, `${h.pad2(r.day)}/${h.pad2(r.month)}/${year}`,
      `${r.txn}_1`, h.formatAmount(r.amount, {thousands: '', decimal: '.'}), r.supplierId, r.supplier.toUpperCase()],
  },
  svc: {
    header: ['Organisation', 'Service Area', 'Supplier Name', 'Payment Date', 'Transaction Number', 'Amount', 'Expense Type', 'ProClass',
      'ProClass Code'],
    line: (h, c, r, year) => [c.name, r.unit, r.supplier, `${h.pad2(r.day)}/${h.pad2(r.month)}/${year}`, String(r.txn),
      `£${h.formatAmount(r.amount, {thousands: ',', decimal: '.'})}`, r.cat.label, r.cat.label, r.cat.code],
  },
}

/**
 * Generate the councils' files (amounts in minor units, totals as bigint).
 *
 * @example generateCouncils(makeRng(44000001), helpers).files.map((f) => f.name) // ['uk-ashbury-vale-spend-over-500-2023-q1.csv', ...]
 */
export function generateCouncils(rng, h) {
  const pools = buildPools(rng)
  // Supplier ids (the councils' own vendor numbers): one per name, the same in every council's ledger.
  const ids = new Map()
  for (const pool of pools) for (const list of pool.values()) for (const s of list) if (!ids.has(s.name)) ids.set(s.name, String(70_000 + ids.size * 7))
  for (const pool of pools) for (const list of pool.values()) for (const s of list) s.id = ids.get(s.name)
  pools.dominantId = String(70_000 + ids.size * 7)
  const files = []
  COUNCILS.forEach((council, ci) => {
    const layout = LAYOUTS[council.layout]
    let txn = 5_000_000 + ci * 1_000_000
    for (const year of [2023, 2024]) {
      const made = councilYear(rng, h, council, ci, pools, year, txn)
      txn = made.txn
      const slices = !council.quarterly
        ? [{tag: String(year), months: [1, 12]}]
        : [0, 1, 2, 3].map((q) => ({tag: `${year}-q${q + 1}`, months: [3 * q + 1, 3 * q + 3]}))
      for (const s of slices) {
        const rows = made.rows.filter((r) => r.month >= s.months[0] && r.month <= s.months[1])
        const lastDay = new Date(Date.UTC(year, s.months[1], 0)).getUTCDate()
        const effective = `${year}-${h.pad2(s.months[1])}-${h.pad2(lastDay)}`
        const out = [h.csvLine(layout.header, ','), ...rows.map((r) => h.csvLine(layout.line(h, council, r, year, effective), ','))]
        const floorNote = council.role === 'high-floor' ? 'payments of £25,000 or more' : 'spend over £500'
        const period = !council.quarterly ? String(year) : `${MONTHS[s.months[0] - 1]}-${MONTHS[s.months[1] - 1]} ${year}`
        files.push({
          name: `uk-${council.short}-${council.role === 'high-floor' ? 'spend-over-25k' : 'spend-over-500'}-${s.tag}.csv`,
          bytes: Buffer.from(out.join('\n') + '\n', 'utf8'),
          currency: 'GBP',
          rows: rows.length,
          total: rows.reduce((a, r) => a + BigInt(r.amount), 0n),
          note: `${council.name}, ${floorNote}, ${period}`,
        })
      }
    }
  })
  return files
}

/**
 * The councils' sizes for `--size`: buyer, year, population (the department has none; it is left out).
 *
 * @example councilSizes(csvLine).split('\n')[0] // 'buyer,year,population'
 */
export function councilSizes(csvLine) {
  const lines = ['buyer,year,population', ...COUNCILS.flatMap((c) => c.population.map((p, yi) => csvLine([c.name, String(2023 + yi), String(p)], ',')))]
  return lines.join('\n') + '\n'
}

/**
 * The README section on the councils: layouts, what differs by construction, and how to see it.
 *
 * @example councilsReadme()[0] // '## Eight councils to benchmark'
 */
export function councilsReadme() {
  const names = (layout) => COUNCILS.filter((c) => c.layout === layout).map((c) => c.name).join(', ')
  const role = (r) => COUNCILS.find((c) => c.role === r).name
  return [
    '## Eight councils to benchmark',
    '',
    'Eight English councils (GBP) publish their spend over £500 (Local Government Transparency',
    'Code), so that `spend benchmark` and `spend peers` have comparable buyers. Each file carries',
    'ProClass-style categories (a label and a code; the codes are illustrative, the same in every',
    'council), which the importer maps to `category`. Three layouts, as councils publish them:',
    '',
    `- LGA spend schema, ISO dates, plain amounts (\`3082.50\`): ${names('lga')}.`,
    '  (`OrganisationLabel, OrganisationURI, EffectiveDate, OrganisationalUnit, BeneficiaryName,',
    '  BeneficiaryOtherID, PaymentDate, TransactionNumber, Amount, IrrecoverableVATAmount, Purpose,',
    '  ProclassLabel, ProclassCode`)',
    `- \`Body Name, Service Area, Expenditure Category, Proclass Code, Proclass Label, Paid Date, Trans No,`,
    `  Amount, Supplier ID, Supplier Name\`, \`DD/MM/YYYY\`, suppliers upper case: ${names('ox')}.`,
    '- `Organisation, Service Area, Supplier Name, Payment Date, Transaction Number, Amount, Expense Type,',
    `  ProClass, ProClass Code\`, \`DD/MM/YYYY\`, amounts like \`"£1,234.56"\`: ${names('svc')}.`,
    '',
    `Each council publishes one file a year, apart from ${COUNCILS.filter((c) => c.quarterly).map((c) => c.name).join(', ')} (one a quarter).`,
    '',
    'A few national suppliers trade with every council (the same supplier id everywhere; upper case',
    'in some layouts); the rest are local. Rows per category follow fixed weights (only amounts and',
    'suppliers are drawn), so these differences are known by construction:',
    '',
    `- **${role('it-heavy')}** spends about twice the others' share on ICT (its ICT rows weigh`,
    '  2.2 times as much; a larger ICT share leaves slightly smaller shares of everything else).',
    `- **${role('dominant')}** pays 65% of its spend to one supplier, ${DOMINANT_SUPPLIER}`,
    '  (a shared-services partnership invoiced monthly, one line per service at the usual mix).',
    `- **${role('high-floor')}** publishes only payments of £25,000 or more (a higher floor; under 1%`,
    '  of its lines are smaller, as real files break their own rule), so transaction and supplier',
    '  measures among these councils are compared on payments of £25,000 or more.',
    '- Populations differ (about 97,000 to 600,000): rows per year are proportional to population',
    `  (${role('high-floor')}, publishing only its larger payments, has fewer). \`fixtures/demo-sizes.csv\``,
    '  (beside this folder, since `spend import` takes every CSV in it as spend) holds',
    '  `buyer,year,population` for `--size`.',
    '',
    'The department and the councils share GBP; the department has no categories (its Expense Type',
    'is an expense type, not a category), so it is the furthest candidate by category mix.',
    '',
    'To see the differences:',
    '',
    '```sh',
    'spend import fixtures/demo --workspace demo-ws',
    `spend benchmark "${role('it-heavy')}" --auto 7 --year 2024 --workspace demo-ws   # ICT share: high`,
    `spend benchmark "${role('dominant')}" --auto 7 --year 2024 --workspace demo-ws   # top-5 share and HHI: high`,
    `spend benchmark "${role('it-heavy')}" --auto 7 --year 2024 --json --workspace demo-ws   # floor.set_by: ${role('high-floor')}`,
    `spend peers "${role('it-heavy')}" --auto 5 --workspace demo-ws`,
    `spend peers "${role('it-heavy')}" --auto 5 --size fixtures/demo-sizes.csv --workspace demo-ws`,
    '```',
  ]
}
