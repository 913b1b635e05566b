import {req, text, type Output} from './output-fields.js'

/** `spend sql --json`: the SQL an analysis runs as, for one dialect. */
export const SQL_OUTPUT: Output = {
  name: 'sql',
  title: '`spend sql ANALYSIS --dialect D --json` (issue 13): the SQL of an analysis over the exported records',
  fields: [
    req(text('analysis', {enum: ['cube', 'top', 'pareto', 'concentration', 'trend']})),
    req(text('dialect', {enum: ['duckdb', 'postgres', 'spark', 'trino']})),
    req(text('sql', {description: 'The query: reads spend_records (or --table, or --parquet files), exact integer sums of minor units.'})),
  ],
}
