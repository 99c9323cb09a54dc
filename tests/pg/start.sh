#!/usr/bin/env bash
# CTest fixture: starts a throwaway PostgreSQL server for the tests that run on both backends.
#
#   tests/pg/start.sh STATE_DIR
#
# initdb and pg_ctl run as an unprivileged user (cp-pgtest, created when missing, when this
# runs as root), in a private temporary directory under /tmp that also holds the server's Unix
# socket; no TCP port is opened. fsync is off: the data is thrown away (tests/pg/stop.sh).
# PG_DURABLE=1 keeps PostgreSQL's durable defaults (fsync, synchronous commit), for benchmarks
# (bench/server/run-load.sh DB=postgres).
# Writes STATE_DIR/url (the maintenance database) and STATE_DIR/datadir on success, or
# STATE_DIR/unavailable (why) when PostgreSQL is not installed, so that the tests skip saying
# so. A server that is installed but will not start is an error (exit 1).
set -uo pipefail
STATE="${1:?usage: start.sh STATE_DIR}"
PORT=54329
USER_NAME=cp-pgtest

# A server left by an interrupted run.
[ -f "$STATE/datadir" ] && bash "$(dirname "$0")/stop.sh" "$STATE"
rm -rf "$STATE"
mkdir -p "$STATE"

unavailable() {
  echo "$1" >"$STATE/unavailable"
  echo "pg_server_start: $1; the PostgreSQL variants of the storage, API and order tests will be skipped"
  exit 0
}

BIN=""
for v in 15 16 17 14 13; do
  if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then BIN="/usr/lib/postgresql/$v/bin"; break; fi
done
[ -n "$BIN" ] || unavailable "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin (apt-get install postgresql-15)"

RUN=()
if [ "$(id -u)" = 0 ]; then
  if ! id "$USER_NAME" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$USER_NAME" ||
      { echo "pg_server_start: cannot create user $USER_NAME" >&2; exit 1; }
  fi
  RUN=(runuser -u "$USER_NAME" --)
fi

DIR="$(mktemp -d /tmp/cp-pgtest.XXXXXX)"
[ "${#RUN[@]}" -gt 0 ] && chown "$USER_NAME" "$DIR"
chmod 700 "$DIR"
echo "$DIR" >"$STATE/datadir"
echo "${RUN[*]}" >"$STATE/run"

fail() {
  echo "pg_server_start: $1" >&2
  [ -f "$DIR/server.log" ] && tail -n 20 "$DIR/server.log" >&2
  exit 1
}
"${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U chokepoint --auth=trust --encoding=UTF8 --locale=C --no-sync \
  >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; fail "initdb failed"; }
SETTINGS="-c listen_addresses='' -k $DIR -p $PORT -c max_connections=300"
[ "${PG_DURABLE:-}" = 1 ] || SETTINGS+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
"${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 -o "$SETTINGS" start >/dev/null ||
  fail "pg_ctl start failed"
echo "postgresql:///postgres?host=$DIR&port=$PORT&user=chokepoint" >"$STATE/url"
echo "pg_server_start: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on $DIR/.s.PGSQL.$PORT"
