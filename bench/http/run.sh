#!/usr/bin/env bash
# HTTP benchmark: wrk against GET /healthz and an authenticated JSON read (GET /api/v1/me)
# at 32 and 200 connections, on a fresh demo database. Prints req/s and latency percentiles.
#   bench/http/run.sh [path/to/loa]        (make bench builds first and runs this)
# Environment: DURATION (default 10s), THREADS (wrk threads, default 1: wrk shares the
# machine with the server, and one wrk thread leaves more of the 2 cores to it),
# SERVER_THREADS (default 2).
set -euo pipefail
LOA=${1:-build/release/src/loa}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-1}
SERVER_THREADS=${SERVER_THREADS:-2}
command -v wrk >/dev/null || { echo "bench: wrk is not installed (scripts/setup)" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
"$LOA" serve --demo --db "$work/loa.db" --listen 127.0.0.1:0 --port-file "$work/port" \
  --threads "$SERVER_THREADS" --ui "$work/no-ui" >/dev/null 2>"$work/server.log" &
pid=$!
for _ in $(seq 200); do [[ -s $work/port ]] && break; sleep 0.05; done
port=$(cat "$work/port")
base="http://127.0.0.1:$port"

login=$(curl -sf -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"username":"coordinator","password":"loa-demo-2025"}' "$base/api/v1/auth/login")
token=$(awk '$6 == "loa_session" {print $7}' "$work/cookies")
[[ -n $token ]] || { echo "bench: sign-in failed: $login" >&2; exit 1; }

echo "loa $("$LOA" --version | cut -d' ' -f2), $SERVER_THREADS server threads, wrk -t$THREADS -d$DURATION, $(nproc) cores"
printf '%-34s %6s %10s %9s %9s %9s\n' endpoint conns req/s p50 p99 errors
for path in /healthz /api/v1/me; do
  for conns in 32 200; do
    out=$(wrk -t"$THREADS" -c"$conns" -d"$DURATION" --latency -H "Cookie: loa_session=$token" \
      "$base$path" 2>&1)
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx|Socket errors/ {e = e $0 " "} END {print (e == "" ? "0" : e)}' <<<"$out")
    printf '%-34s %6s %10s %9s %9s %9s\n' "GET $path" "$conns" "$rps" "$p50" "$p99" "$errors"
  done
done
