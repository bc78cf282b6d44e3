#!/usr/bin/env bash
# Run a command (the test suite) with a throwaway PostgreSQL server beside it.
#
#   scripts/with-postgres.sh .venv/bin/pytest -q
#
# Starts a private cluster (initdb into a temporary folder, trust auth, a free port on
# 127.0.0.1), exports SUPPLYLINE_TEST_PG with its URL, runs the command, then stops the server
# and removes the folder, whatever the command's outcome; exits with the command's status.
# When SUPPLYLINE_TEST_PG is already set, that server is used and none is started. When
# PostgreSQL is not installed or does not start, the command still runs, without the
# variable, and the reason is printed (the PostgreSQL tests then say they are skipped).
set -uo pipefail

say() { echo "with-postgres: $*" >&2; }

if [[ -n "${SUPPLYLINE_TEST_PG:-}" ]]; then
    say "using the server in SUPPLYLINE_TEST_PG"
    exec "$@"
fi

find_bindir() {
    local initdb
    initdb=$(command -v initdb 2>/dev/null) && { dirname "$(readlink -f "$initdb")"; return; }
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$initdb" ]] && dirname "$initdb"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

BINDIR=$(find_bindir)
if [[ -z "$BINDIR" ]]; then
    say "PostgreSQL is not installed (no initdb); PostgreSQL tests will be skipped"
    exec "$@"
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/supplyline-pg.XXXXXX")
AS=()
if [[ $(id -u) -eq 0 ]]; then  # initdb and postgres refuse to run as root
    USER_NAME=postgres
    id -u "$USER_NAME" >/dev/null 2>&1 || USER_NAME=nobody
    chown "$USER_NAME" "$DIR"
    if command -v runuser >/dev/null; then
        AS=(runuser -u "$USER_NAME" --)
    else
        AS=(su -s /bin/sh "$USER_NAME" -c '"$0" "$@"')
    fi
fi

cleanup() {
    "${AS[@]}" "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # stop the server on Ctrl-C too

PORT=$(free_port)
if "${AS[@]}" "$BINDIR/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C \
        --no-sync >"$DIR/initdb.log" 2>&1 \
   && "${AS[@]}" "$BINDIR/pg_ctl" -D "$DIR/data" -w -t 60 -l "$DIR/server.log" \
        -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off" \
        start >/dev/null 2>&1; then
    export SUPPLYLINE_TEST_PG="postgresql://postgres@127.0.0.1:$PORT/postgres"
    say "PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
else
    say "PostgreSQL did not start; PostgreSQL tests will be skipped. Its log:"
    tail -n 20 "$DIR/initdb.log" "$DIR/server.log" >&2 2>/dev/null
fi

"$@"
