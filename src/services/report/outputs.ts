/**
 * The report's JSON contracts, declared once: schemas/report.json (what
 * `spend report --json` prints) and schemas/report-manifest.json (the
 * report folder's manifest.json) come from these.
 */
import {count, currency, money, req, text, type Field, type Output} from '../../io/write/output-fields.js'

const SHA256 = '^[0-9a-f]{64}$'
const RELATIVE = '^(?!/)(?![A-Za-z]:)'

const fileFields: Field[] = [
  req(text('path', {description: 'relative to the report folder, /-separated', pattern: RELATIVE})),
  req(text('sha256', {pattern: SHA256})),
  req(count('bytes')),
]

const overlayPinFields: Field[] = [
  req(text('sha256', {pattern: SHA256})),
  req(text('source', {description: 'what the user named when storing it'})),
  req(count('rows', {description: 'data rows of the stored file'})),
]

const sectionFields: Field[] = [req(text('id', {pattern: '^[a-z0-9][a-z0-9-]*$'})), req(text('title'))]

/** `spend report --json`. */
export const REPORT_OUTPUT: Output = {
  name: 'report',
  title: '`spend report --json`: the report folder as given, every file written (manifest.json included) with its SHA-256 and size, and the sections with their table and chart files',
  fields: [
    req(text('out', {description: 'the --out folder as typed'})),
    req({key: 'files', type: 'array', fields: fileFields}),
    req({key: 'sections', type: 'array', fields: [
      ...sectionFields,
      req({key: 'tables', type: 'array', description: 'tables/<name>.csv paths', items: {type: 'string'}}),
      req({key: 'charts', type: 'array', description: 'charts/<name>.svg paths (each has a .png beside it)', items: {type: 'string'}}),
    ]}),
  ],
}

/** DIR/manifest.json of a report. */
export const REPORT_MANIFEST_OUTPUT: Output = {
  name: 'report-manifest',
  title: 'A report folder\'s manifest.json: what the report was made from (tool, command line, config, period, filters, workspace, imports) and of (every other file with its SHA-256 and size); no absolute path, no clock unless --stamp',
  fields: [
    req(text('format', {enum: ['spendkit-report']})),
    req(count('format_version')),
    req({key: 'tool', type: 'object', fields: [req(text('name')), req(text('version'))]}),
    req({key: 'command', type: ['array', 'null'], description: 'the command line (spend report ...) with its paths relative to the report folder; null when built by a program', items: {type: 'string'}}),
    req({key: 'config_file', type: ['string', 'null'], description: 'the configuration\'s file name; null for the default report, and for one made by flags alone (--benchmark)'}),
    req({key: 'config', type: ['object', 'null'], description: 'the configuration as parsed (rebuild with it as the config text: JSON is YAML); null for the default report; --benchmark is recorded here as a top-level benchmark (with its type)'}),
    req(text('as_of', {type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$'})),
    req({key: 'period', type: ['object', 'null'], description: 'the report\'s period resolved to days (from/to null: open)', fields: [
      req({key: 'from', type: ['string', 'null']}),
      req({key: 'to', type: ['string', 'null']}),
    ]}),
    req({key: 'filters', type: 'object', description: 'the report\'s filters (buyer, supplier, category, currency as lists; from, to; exclude_redacted)'}),
    req({key: 'fiscal_year_start', type: 'integer', minimum: 1}),
    req(text('workspace', {description: 'the workspace folder relative to the report folder', pattern: RELATIVE})),
    req({key: 'imports', type: 'array', description: 'the imports used (a rebuild pins these ids)', fields: [
      req(text('id')),
      req(text('file')),
      req(text('sha256', {pattern: SHA256})),
      req({key: 'rows', type: 'object', fields: [req(count('read')), req(count('imported')), req(count('rejected')), req(count('skipped'))]}),
      req({key: 'totals', type: 'array', description: 'control totals per currency: source = imported + rejected', fields: [
        req(currency()), req(money('source')), req(money('imported')), req(money('rejected')),
      ]}),
    ]}),
    {key: 'overlays', type: 'object', description: 'the workspace\'s supplier crosswalk (entities) and classification rules the report was built with, each null when none was stored; spend verify stops when the workspace\'s differ (absent in manifests written before it was recorded: none)', fields: [
      req({key: 'entities', type: ['object', 'null'], fields: overlayPinFields}),
      req({key: 'classification', type: ['object', 'null'], fields: overlayPinFields}),
    ]},
    req({key: 'sections', type: 'array', fields: sectionFields}),
    text('generated_at', {description: 'only with --stamp: SOURCE_DATE_EPOCH when set, else the clock (UTC)', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$'}),
    req({key: 'files', type: 'array', description: 'every other file of the folder, sorted by path', fields: fileFields}),
  ],
}

/** `spend verify DIR --json`. */
export const VERIFY_OUTPUT: Output = {
  name: 'verify',
  title: '`spend verify DIR --json`: the report rebuilt from the inputs its manifest pins and compared file by file; exit 1 (with this on stdout) unless ok',
  fields: [
    req({key: 'ok', type: 'boolean', description: 'true when every file and every pinned import is same'}),
    req({key: 'rebuilt', type: 'boolean', description: 'false when a pinned import is missing or changed: nothing was rebuilt and the files were checked against manifest.json\'s hashes only'}),
    req({key: 'files', type: 'array', description: 'every file of the folder or the rebuild, sorted by path (manifest.json compared apart from generated_at)', fields: [
      req(text('path', {description: 'relative to the report folder, /-separated', pattern: RELATIVE})),
      req(text('status', {enum: ['same', 'differs', 'missing', 'added']})),
      req(text('detail', {type: ['string', 'null'], description: 'why it is not same (null when same)'})),
    ]}),
    req({key: 'inputs', type: 'array', description: 'the imports the manifest pins', fields: [
      req(text('import', {description: 'the import id'})),
      req(text('file', {description: 'its file name as recorded'})),
      req(text('status', {enum: ['same', 'changed', 'missing']})),
    ]}),
    {key: 'overlays', type: 'array', description: 'the crosswalk (entities) and classification rules pinned in manifest.json against the workspace\'s: any not same stops the rebuild, like a changed import', fields: [
      req(text('kind', {enum: ['entities', 'classification']})),
      req(text('status', {enum: ['same', 'changed', 'added', 'removed']})),
      req({key: 'pinned', type: ['object', 'null'], description: 'what the report was built with (null: none)', fields: overlayPinFields}),
      req({key: 'stored', type: ['object', 'null'], description: 'what the workspace stores now (null: none)', fields: overlayPinFields}),
    ]},
  ],
}
