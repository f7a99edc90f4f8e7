# Sourced by scripts that need a PostgreSQL server of their own: starts a throwaway PostgreSQL 15 cluster (Debian's
# postgresql package) on 127.0.0.1:$port, with its files in a temporary folder, and stops and removes it at exit.
#
#   source scripts/lib/throwaway-postgres.sh
#   start_throwaway_postgres 54329 "$caller"    # sets pg_dir and pg_url
pg_bin="${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"

pg_as_postgres() {
    if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_throwaway_postgres() {
    pg_as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
}

start_throwaway_postgres() {
    local port=$1 caller=$2
    [[ -x "$pg_bin/initdb" ]] || { echo "$caller: $pg_bin/initdb not found (apt-get install -y postgresql)" >&2; exit 2; }
    pg_dir="$(mktemp -d /tmp/gongkai-pg.XXXXXX)"
    trap stop_throwaway_postgres EXIT
    [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$pg_dir"
    pg_as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$pg_dir/initdb.log"
    pg_as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $pg_dir -c max_connections=200 -c fsync=off" start >/dev/null \
        || {
            cat "$pg_dir/server.log" >&2
            echo "$caller: PostgreSQL did not start (port $port in use? set GONGKAI_TEST_POSTGRES_PORT)" >&2
            exit 2
        }
    pg_url="postgres://postgres@127.0.0.1:$port/postgres"
}
