import {IMPORT_COUNT_FIELDS} from '../io/write/imports-report.js'
import {req, type Field, type Output} from '../io/write/output-fields.js'

/** How a source's currency was decided: one declaration for the inspect and import reports. */
export const CURRENCY_EVIDENCE: Field = {key: 'currency_evidence', type: ['object', 'null'], description: 'How the currency of rows that do not name one was decided (added in issue 8). code: the ISO 4217 code used, null when there is none (no data rows; unknown, which import refuses; OCDS, where each value names its own). from: flag | column | preset | symbols | header | title | layout | none | unknown | ocds. evidence: what decided it, as a phrase. suggestion: when unknown, the --currency to give (code null when nothing points to one) and why.', fields: [
    req({key: 'code', type: ['string', 'null'], pattern: '^[A-Z]{3}$'}),
    req({key: 'from', type: 'string', enum: ['flag', 'column', 'preset', 'symbols', 'header', 'title', 'layout', 'none', 'unknown', 'ocds']}),
    req({key: 'evidence', type: 'string'}),
    req({key: 'suggestion', type: ['object', 'null'], fields: [
      req({key: 'code', type: ['string', 'null'], pattern: '^[A-Z]{3}$'}),
      req({key: 'flag', type: 'string'}),
      req({key: 'why', type: 'string'}),
    ]}),
  ],
}

/** `spend inspect --json`, declared once: schemas/inspect.json comes from it. */
export const INSPECT_OUTPUT: Output = {
  name: 'inspect',
  title: '`spend inspect FILE --json` (issue 4: encoding, delimiter, header line, preset, mapping, date order, counts, samples, problems)',
  fields: [
    req({key: 'sources', type: 'array', fields: [
      req({key: 'file', type: 'string'}),
      req({key: 'format', type: 'string'}),
      req({key: 'encoding', type: ['string', 'null']}),
      {key: 'delimiter', type: ['string', 'null']},
      req({key: 'header_line', type: ['integer', 'null']}),
      req({key: 'preset', type: ['object', 'null']}),
      req({key: 'mapping', type: ['object', 'null']}),
      req({key: 'date_order', type: ['string', 'null']}),
      {key: 'currency', type: ['string', 'null'], description: 'Currency of rows that do not name one; null for OCDS (each value names its own), for a file with no data rows, and when nothing in the file names it (see currency_evidence).', pattern: '^[A-Z]{3}$'},
      {key: 'currency_source', type: 'string', description: 'Where the currency came from, for people.'},
      req(CURRENCY_EVIDENCE),
      ...IMPORT_COUNT_FIELDS,
      req({key: 'samples', type: 'array', items: {type: 'object'}}),
      req({key: 'problems', type: 'array', fields: [
        req({key: 'line', type: ['integer', 'null']}),
        req({key: 'reason', type: 'string'}),
      ]}),
    ]}),
  ],
}

