#!/usr/bin/env bash
# A periodic report, the way a CI job makes one: import the period's files,
# check that every total reconciles, write the report as of a fixed date, and
# verify it by rebuilding it. Any failure stops the job with a non-zero exit.
#
#   monthly-report.sh FILES_DIR CONFIG OUT_DIR AS_OF
#
# SPEND names the spend command (default: spend); SPENDKIT_WORKSPACE the
# workspace (default: ./.spendkit). See github-actions-report.yml beside it.
set -euo pipefail

if [ "$#" -ne 4 ]; then
  echo "usage: $0 FILES_DIR CONFIG OUT_DIR AS_OF" >&2
  exit 2
fi
files=$1 config=$2 out=$3 as_of=$4
spend=${SPEND:-spend}
ws=${SPENDKIT_WORKSPACE:-.spendkit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. Import. A file that cannot be read fails the import (exit 1) and the job;
#    the files that could be read are imported all the same (see their lines).
import_rc=0
$spend import "$files" --workspace "$ws" --json > "$tmp/import.json" || import_rc=$?

# 2. Reconcile: for every file and currency, the source total must equal what
#    was imported plus what was rejected (exact decimal strings: compared as
#    integers of minor units, never as floats). A rejected row is reported,
#    not hidden: list them, and fail when any total does not reconcile or any
#    file failed to import.
node - "$tmp/import.json" "$import_rc" <<'JS'
const fs = require('fs')
const [file, importRc] = process.argv.slice(2)
let report
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'))
} catch {
  console.error(`spend import printed no JSON (exit ${importRc})`)
  process.exit(1)
}
const minor = (s, places) => {
  const [int, frac = ''] = String(s).replace(/^-/, '').split('.')
  const v = BigInt(int + frac.padEnd(places, '0'))
  return String(s).startsWith('-') ? -v : v
}
let bad = 0
if (report.error) {
  console.error(`spend import: ${report.error.message}`)
  bad++
}
for (const f of report.failed ?? []) {
  console.error(`import failed: ${f.message}`)
  bad++
}
for (const imp of report.imports ?? []) {
  for (const t of imp.totals ?? []) {
    const places = Math.max(...[t.source, t.imported, t.rejected].map((x) => (String(x).split('.')[1] ?? '').length))
    if (minor(t.source, places) !== minor(t.imported, places) + minor(t.rejected, places)) {
      console.error(`${imp.file}: ${t.currency} source ${t.source} != imported ${t.imported} + rejected ${t.rejected}`)
      bad++
    }
  }
  if (imp.rows?.rejected > 0) console.error(`${imp.file}: ${imp.rows.rejected} rows rejected (see spend imports)`)
}
if (!(report.imports ?? []).length) {
  console.error('no file imported')
  bad++
}
if (bad > 0 || importRc !== '0') process.exit(1)
JS

# 3. The workspace's own files: checksums, row counts, control totals.
$spend check --workspace "$ws" > /dev/null

# 4. The report, as of a fixed date: a rerun with the same inputs gives the same bytes.
$spend report --config "$config" --out "$out" --as-of "$as_of" --workspace "$ws" > /dev/null

# 5. Rebuild it from what its manifest pins and compare every file: each file
#    that differs, is missing or was added is named on stderr (exit 1).
$spend verify "$out" --workspace "$ws" > /dev/null
