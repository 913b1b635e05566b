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

# 1. Import. A file that cannot be read fails the import (exit 1) and the job.
$spend import "$files" --workspace "$ws" --json > "$tmp/import.json"

# 2. Reconcile: for every file and currency, the source total must equal what
#    was imported plus what was rejected (exact decimal strings: compared as
#    integers of minor units, never as floats). A rejected row is reported,
#    not hidden: list them, and fail when any total does not reconcile.
node - "$tmp/import.json" <<'JS'
const fs = require('fs')
const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const minor = (s, places) => {
  const [int, frac = ''] = String(s).replace(/^-/, '').split('.')
  const v = BigInt(int + frac.padEnd(places, '0'))
  return String(s).startsWith('-') ? -v : v
}
let bad = 0
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
if (bad > 0) process.exit(1)
JS

# 3. The workspace's own files: checksums, row counts, control totals.
$spend check --workspace "$ws" > /dev/null

# 4. The report, as of a fixed date: a rerun with the same inputs gives the same bytes.
$spend report --config "$config" --out "$out" --as-of "$as_of" --workspace "$ws" > /dev/null

# 5. Rebuild it from what its manifest pins and compare every file.
$spend verify "$out" --workspace "$ws"
