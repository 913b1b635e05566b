/**
 * Column batches are the read layer's output contract (`src/io/read/batch.ts`),
 * so that src/io/read never imports the workspace; the writer implements
 * `BatchSink` from there. Re-exported here for the workspace modules.
 */
export {BATCH_DICT_COLUMNS, flat, RowBatch, sendBatch, ValueDict, type BatchDictColumn, type BatchSink} from '../read/table/batch.js'
