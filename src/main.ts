/**
 * The CLI's entry for bin/run.js. The build bundles it with the commands
 * (scripts/bundle.mjs), so the binary and the commands share one copy of
 * oclif, loaded from a few files instead of ~250 modules.
 */
export {execute} from '@oclif/core'
