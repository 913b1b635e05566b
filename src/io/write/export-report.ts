import {count, currency, money, type Output, req, text} from './output-fields.js'

/** `spend export --json`: out, rows, bytes, sha256 first (a contract), then what was written. */
export const EXPORT_OUTPUT: Output = {
  name: 'export',
  title: '`spend export --out FILE --json`: the file written, its size and SHA-256, and the control totals of what it holds',
  fields: [
    req(text('out', {description: 'the file written (as given to --out); with --db, the database URL without its password'})),
    req(count('rows', {description: 'records written'})),
    req(count('bytes', {type: ['integer', 'null'], description: 'size of the file in bytes; null with --db'})),
    req(text('sha256', {type: ['string', 'null'], description: 'SHA-256 of the file, hex; null with --db', pattern: '^[0-9a-f]{64}$'})),
    req(text('format', {enum: ['csv', 'jsonl', 'parquet', 'xlsx', 'arrow', 'postgres']})),
    req({key: 'totals', type: 'array', description: 'per currency, sorted by code: rows and the exact sum of amount_minor in major units', fields: [
      req(currency()),
      req(count('rows')),
      req(money('amount')),
    ]}),
    {key: 'files', type: 'array', description: 'a partitioned export\'s files (relative to out, sorted by path); sha256 is then that of the folder\'s _spendkit_export.json', fields: [
      req(text('path')),
      req(count('rows')),
      req(count('bytes')),
      req(text('sha256', {pattern: '^[0-9a-f]{64}$'})),
    ]},
    text('table', {description: 'with --db: the table loaded'}),
    count('replaced', {description: 'with --db: rows of the same imports that the load replaced (a re-run replaces what it loaded before)'}),
  ],
}
