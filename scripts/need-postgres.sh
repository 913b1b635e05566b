#!/usr/bin/env bash
# The engine tests (spend sql, export --db, --engine postgres) run on a real PostgreSQL server,
# never a mock. This makes sure Debian's server binaries are there: nothing to do when initdb is
# on PATH or under /usr/lib/postgresql/*/bin; else install Debian's postgresql package with
# apt-get (as root, or with sudo -n); else fail saying how to install it. `npm test` runs it first
# (pretest); .ci/run also starts one server for the run (scripts/ci-postgres.sh).
set -uo pipefail
[ "${SPENDKIT_POSTGRES_CHECKED:-}" = 1 ] && exit 0
# Debian keeps the server binaries off PATH, under /usr/lib/postgresql/VERSION/bin.
pg_lib=${SPENDKIT_PG_LIB:-/usr/lib/postgresql}
have_postgres() {
  command -v initdb >/dev/null 2>&1 && return 0
  compgen -G "$pg_lib/*/bin/initdb" >/dev/null
}
have_postgres && exit 0
echo "spend tests: PostgreSQL is not installed: installing Debian's postgresql with apt-get" >&2
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then as_root=(sudo -n); else as_root=(false); fi
fi
fail() { echo "spend tests: error: postgresql: $1" >&2; exit 1; }
command -v apt-get >/dev/null 2>&1 || fail "not installed and apt-get is missing (install PostgreSQL's server, or set SPENDKIT_TEST_PG_URL to a server the tests may create databases on)"
[ "${as_root[0]:-}" = false ] && fail "not installed, and installing needs root or sudo (run apt-get install -y postgresql as root, or set SPENDKIT_TEST_PG_URL)"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || fail "apt-get update failed (see above; check the network and the apt sources)"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2 || fail "apt-get install -y postgresql failed (see above)"
have_postgres || fail "apt-get installed it but initdb is not found"
