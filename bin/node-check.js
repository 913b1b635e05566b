// The Node.js version spend needs, checked by bin/run.js before anything else
// loads. Plain JavaScript with no imports, so it runs (and says what is wrong)
// on any Node.js that can start an ES module. Keep MINIMUM equal to
// package.json `engines.node` (a test checks it).

/** The oldest Node.js spend runs on: zip import needs `zlib.crc32`, added in 20.15. */
export const MINIMUM = '20.15.0'

/**
 * The one-line error for a Node.js older than MINIMUM, or null when `version` is new enough.
 * @example nodeVersionProblem('v20.14.0') // 'spend: error: Node.js 20.15 or later is needed (this is v20.14.0): ...'
 * @example nodeVersionProblem('v22.1.0') // null
 */
export function nodeVersionProblem(version) {
  const have = parts(version)
  const need = parts(MINIMUM)
  for (let i = 0; i < 3; i++) {
    if (have[i] > need[i]) return null
    if (have[i] < need[i]) {
      return `spend: error: Node.js ${need[0]}.${need[1]} or later is needed (this is ${version}): install a current Node.js LTS from https://nodejs.org or with a version manager (e.g. nvm install --lts), then run spend again`
    }
  }
  return null
}

/** [major, minor, patch] of 'v20.15.1' or '20.15.1'; a missing or odd part counts as 0. */
function parts(version) {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(String(version).trim())
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : [0, 0, 0]
}
