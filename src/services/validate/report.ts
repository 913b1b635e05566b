import {count, req, text, type Output} from '../../io/write/output-fields.js'
import type {View} from '../../io/write/view.js'
import type {ValidateResult} from './registry.js'

/** `spend validate --json` (issue 13): the problems found, each with line, column, severity, code and fix. */
export const VALIDATE_OUTPUT: Output = {
  name: 'validate',
  title: '`spend validate FILE --standard S --json`: a file checked against a publishing standard before it goes out',
  fields: [
    req(text('standard', {enum: ['uk-25k', 'uk-lga', 'ocds']})),
    req(text('file')),
    req(count('errors')),
    req(count('warnings')),
    req({key: 'problems', type: 'array', description: 'every problem, in file order', fields: [
      req({key: 'line', type: ['integer', 'null'], kind: 'int', description: '1-based line in the file; null for the whole file'}),
      req({key: 'column', type: ['integer', 'null'], kind: 'int', description: '1-based column (CSV field, or character on the JSON line); null for a whole row or file'}),
      req(text('severity', {enum: ['error', 'warning']})),
      req(text('code')),
      req(text('message')),
      req(text('fix')),
      text('field', {type: ['string', 'null'], description: 'the column header or JSON path'}),
    ]}),
    {key: 'guidance', type: 'object', csv: false, description: 'the guidance checked against, with its version', fields: [req(text('name')), req(text('version')), req(text('url'))]},
    count('rows', {description: 'data rows (CSV) or releases (OCDS) read'}),
  ],
}

/** The problems as a table (line, column, severity, code, message, fix). */
export function validateViews(out: ValidateResult): View[] {
  return [{
    title: `${out.file} against ${out.guidance.name} ${out.guidance.version}: ${out.errors} errors, ${out.warnings} warnings`,
    columns: [
      {key: 'line', header: 'line', kind: 'int'}, {key: 'column', header: 'col', kind: 'int'}, {key: 'severity', header: 'severity'},
      {key: 'code', header: 'code'}, {key: 'message', header: 'message', fit: 'name'}, {key: 'fix', header: 'fix', fit: 'name', drop: 1},
    ],
    rows: out.problems.map((p) => ({line: p.line, column: p.column, severity: p.severity, code: p.code, message: p.message, fix: p.fix})),
  }]
}
