/**
 * The language of a header (and title), from words a careful reader would
 * know: `Leverandør` and `Beløp` are Norwegian, `Lieferant` German, `Vendor`
 * and `Fund` American, `Expenditure` and `Cost Centre` British. It never decides
 * a currency: it only says which `--currency` to suggest when nothing in the
 * file names one (a Norwegian header is not told `--currency GBP`).
 */
export type HeaderLanguage = 'no' | 'da' | 'sv' | 'fi' | 'de' | 'nl' | 'fr' | 'es' | 'it' | 'pt' | 'en-GB' | 'en-US' | 'en'

/** Language -> [name for messages, the currency a header in it suggests]. */
export const LANGUAGES: Record<HeaderLanguage, [name: string, currency: string | null]> = {
  no: ['Norwegian', 'NOK'], da: ['Danish', 'DKK'], sv: ['Swedish', 'SEK'], fi: ['Finnish', 'EUR'], de: ['German', 'EUR'],
  nl: ['Dutch', 'EUR'], fr: ['French', 'EUR'], es: ['Spanish', 'EUR'], it: ['Italian', 'EUR'], pt: ['Portuguese', 'EUR'],
  'en-GB': ['British English', 'GBP'], 'en-US': ['American English', 'USD'], en: ['English', null],
}

/**
 * Words of header cells (lower case, accents dropped but ø, æ and ß kept, as
 * `normHeader` does), per language. A cell counts for a language when one of
 * its words, or the whole cell (`Org.nr`), is listed, or when the whole cell
 * starts with a listed stem of 6+ letters (compounds: `leverandørnavn`, `rechnungsdatum`).
 */
const WORDS: Record<Exclude<HeaderLanguage, 'en-GB' | 'en-US' | 'en'>, string[]> = {
  no: ['leverandør', 'leverandørnavn', 'beløp', 'belop', 'virksomhet', 'bilag', 'bilagsdato', 'bilagsnummer', 'bilagsnr', 'dato',
    'organisasjonsnummer', 'orgnr', 'kontonavn', 'avdeling', 'ansvar', 'kostnadssted', 'fakturadato', 'fakturanummer', 'forfallsdato',
    'betalingsdato', 'mva', 'tekst', 'beskrivelse', 'navn', 'kommune', 'prosjekt', 'innkjøp', 'utbetaling', 'sum', 'konto', 'art', 'enhet'],
  da: ['leverandør', 'beløb', 'belob', 'afdeling', 'moms', 'cvr', 'cvrnummer', 'kreditor', 'posteringsdato', 'bogføringsdato',
    'enhed', 'forfaldsdato', 'fakturadato', 'navn', 'dato', 'tekst', 'beskrivelse', 'kommune', 'konto', 'udbetaling'],
  sv: ['leverantor', 'leverantorsnamn', 'belopp', 'datum', 'organisationsnummer', 'kostnadsstalle', 'verifikation', 'verifikationsnummer',
    'fakturadatum', 'forvaltning', 'myndighet', 'kommun', 'enhet', 'moms', 'benamning', 'beskrivning', 'konto', 'utbetalning'],
  fi: ['toimittaja', 'summa', 'paivamaara', 'tosite', 'maksupaiva', 'ytunnus', 'kustannuspaikka', 'selite', 'euroa', 'lasku', 'tili', 'yksikko'],
  de: ['lieferant', 'betrag', 'rechnung', 'rechnungsdatum', 'rechnungsnummer', 'buchung', 'buchungsdatum', 'kostenstelle', 'auftrag',
    'auftragnehmer', 'auftraggeber', 'empfanger', 'zahlung', 'zahlungsdatum', 'beschreibung', 'bezeichnung', 'sachkonto', 'summe',
    'mwst', 'behorde', 'vergabestelle', 'datum', 'gesamtbetrag', 'leistung', 'haushaltsstelle'],
  nl: ['leverancier', 'bedrag', 'omschrijving', 'factuur', 'factuurdatum', 'factuurnummer', 'kostenplaats', 'betaaldatum',
    'crediteur', 'gemeente', 'btw', 'boekdatum', 'grootboek', 'datum'],
  fr: ['fournisseur', 'montant', 'libelle', 'acheteur', 'titulaire', 'facture', 'ttc', 'organisme', 'mandat', 'siret', 'siren',
    'paiement', 'collectivite', 'objet', 'depense', 'beneficiaire', 'imputation', 'exercice', 'date'],
  es: ['proveedor', 'importe', 'fecha', 'adjudicatario', 'organo', 'contratacion', 'descripcion', 'nif', 'cif', 'pago', 'factura',
    'entidad', 'monto', 'concepto', 'partida', 'ejercicio', 'tercero', 'valor', 'beneficiario'],
  it: ['fornitore', 'importo', 'aggiudicatario', 'descrizione', 'pagamento', 'fattura', 'cig', 'partitaiva', 'beneficiario',
    'mandato', 'esercizio', 'capitolo', 'data'],
  pt: ['fornecedor', 'valor', 'descricao', 'entidade', 'adjudicatario', 'contribuinte', 'despesa', 'empenho', 'credor', 'pagamento', 'data'],
}

/** Plain English header words, British or American alike. */
const ENGLISH = ['supplier', 'amount', 'date', 'description', 'payment', 'invoice', 'total', 'name', 'number', 'transaction',
  'expense', 'paid', 'account', 'reference', 'category', 'type', 'value', 'body', 'service', 'cost', 'net', 'gross', 'vat', 'area',
  'department', 'dept', 'id', 'no', 'code', 'unit', 'purpose', 'details', 'company', 'entity', 'ref']
/** Words only a British publication writes. */
const BRITISH = ['organisation', 'organisational', 'expenditure', 'centre', 'directorate', 'beneficiary', 'postcode', 'council',
  'proclass', 'irrecoverable', 'sterling', 'transno']
/** Words of American checkbooks and federal files. */
const AMERICAN = ['vendor', 'check', 'checkbook', 'organization', 'center', 'fund', 'fiscal', 'payee', 'zip', 'warrant',
  'disbursement', 'agency', 'commitment', 'commitmt', 'encumbrance', 'voucher', 'appropriation', 'obligation', 'descrptn']

/** Cell -> its words, normalised as `normHeader` normalises (ø, æ, ß stay). */
function words(cell: string): string[] {
  return cell.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)
}

function cellMatches(cell: string, list: ReadonlySet<string>, stems: readonly string[]): boolean {
  const ws = words(cell)
  if (ws.some((w) => list.has(w))) return true
  const whole = ws.join('')
  return list.has(whole) || stems.some((s) => whole.startsWith(s))
}

const SETS = Object.fromEntries(Object.entries(WORDS).map(([k, v]) => [k, new Set(v)])) as Record<keyof typeof WORDS, Set<string>>
const STEMS = Object.fromEntries(Object.entries(WORDS).map(([k, v]) => [k, v.filter((w) => w.length >= 6)])) as Record<keyof typeof WORDS, string[]>
const ENGLISH_SET = new Set([...ENGLISH, ...BRITISH, ...AMERICAN])
const BRITISH_SET = new Set(BRITISH)
const AMERICAN_SET = new Set(AMERICAN)

/** The language a header reads in, with the cells that say so. */
export interface LanguageGuess {
  lang: HeaderLanguage
  /** Other languages as likely (a Norwegian header may as well be Danish): their currencies are suggested too. */
  alike: HeaderLanguage[]
  /** The cells (as written) that gave it away, at most four. */
  cells: string[]
}

/**
 * The language of header cells (title lines help), or null when no word is
 * known. English is told apart by the words only one side writes (British
 * `Expenditure`, `Cost Centre`; American `Vendor`, `Fund`), else plain English.
 *
 * @example headerLanguage(['Leverandør', 'Beløp', 'Dato'])?.lang // 'no'
 * @example headerLanguage(['Vendor', 'Fund', 'Amount'])?.lang // 'en-US'
 */
export function headerLanguage(cells: readonly string[]): LanguageGuess | null {
  const shown = cells.map((c) => c.trim()).filter(Boolean)
  const score = new Map<HeaderLanguage, string[]>()
  const hit = (lang: HeaderLanguage, cell: string) => {
    const list = score.get(lang) ?? []
    if (!list.includes(cell)) list.push(cell)
    score.set(lang, list)
  }
  for (const cell of shown) {
    for (const lang of Object.keys(WORDS) as (keyof typeof WORDS)[]) if (cellMatches(cell, SETS[lang], STEMS[lang])) hit(lang, cell)
    const ws = words(cell)
    if (ws.some((w) => ENGLISH_SET.has(w))) hit('en', cell)
    if (ws.some((w) => BRITISH_SET.has(w))) hit('en-GB', cell)
    if (ws.some((w) => AMERICAN_SET.has(w))) hit('en-US', cell)
  }
  const count = (l: HeaderLanguage) => score.get(l)?.length ?? 0
  // Other languages first: English words turn up in headers everywhere (ID, Org.nr, Sum...).
  const others = (Object.keys(WORDS) as HeaderLanguage[]).filter((l) => count(l) > 0).sort((a, b) => count(b) - count(a))
  const english = count('en')
  if (others.length && count(others[0]!) >= english) {
    const best = count(others[0]!)
    const alike = others.filter((l) => l !== others[0] && count(l) === best)
    return {lang: others[0]!, alike, cells: (score.get(others[0]!) ?? []).slice(0, 4)}
  }
  if (english === 0) return null
  const gb = count('en-GB')
  const us = count('en-US')
  const lang: HeaderLanguage = gb > us ? 'en-GB' : us > gb ? 'en-US' : 'en'
  return {lang, alike: [], cells: (score.get(lang) ?? score.get('en') ?? []).slice(0, 4)}
}
