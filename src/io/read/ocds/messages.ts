/**
 * The OCDS reader's messages live in src/messages.ts with all the others;
 * re-exported here so the reader's imports stay local.
 */
export {ocdsMsg, type JsonRoot, type OcdsLevel} from '../../../messages.js'
