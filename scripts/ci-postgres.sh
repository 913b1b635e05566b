#!/usr/bin/env bash
# Start or stop the PostgreSQL server of a CI run: `start DIR` makes a cluster in DIR (as the
# postgres user when run as root, since initdb refuses root), listening only on a Unix socket in
# DIR, and prints its URL; `stop DIR` stops it. The tests make and drop their own databases on it
# (SPENDKIT_TEST_PG_URL, see test/helpers/pg.ts).
set -euo pipefail
cmd=$1 dir=$2
bin() {
  if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
  ls -d "${SPENDKIT_PG_LIB:-/usr/lib/postgresql}"/*/bin/"$1" 2>/dev/null | sort -V | tail -1
}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    as_pg env LC_ALL=C "$(bin initdb)" -D "$dir/data" -A trust -U spend -E UTF8 --locale=C --no-sync >/dev/null
    as_pg "$(bin pg_ctl)" -D "$dir/data" -w -s -l "$dir/log" -o "-k $dir -c listen_addresses='' -p 5432 -c fsync=off" start >&2
    echo "postgresql://spend@localhost:5432/postgres?host=$dir"
    ;;
  stop)
    as_pg "$(bin pg_ctl)" -D "$dir/data" -w -s -m fast stop >&2 || true
    ;;
esac
