#!/usr/bin/env bash
# Request overhead of the server itself, measured with wrk: GET /api/health and a cached line through
# POST /v1/audio/speech (the audio cache replays it, so no engine time is in the figure), at 1, 16 and 64 connections.
#
#   bench/http_overhead.sh [path/to/ishowtts] [seconds per run]
#
# Starts the release server on a free loopback port with a fresh data directory, prints one table, stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/release/ishowtts}
seconds=${2:-10}
command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ISHOWTTS__BIND_ADDR=127.0.0.1:$port ISHOWTTS__DATA_DIR=$work ISHOWTTS__LOG_LEVEL=warning "$binary" serve >"$work/server.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; do
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.2
done

body='{"model":"tts-1","voice":"alloy","input":"gg","response_format":"wav","stream":false}'
curl -sf "http://127.0.0.1:$port/v1/audio/speech" -H 'Content-Type: application/json' -d "$body" -o /dev/null  # fills the cache
cat >"$work/speech.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
LUA

printf '%-34s %5s %10s %10s %12s\n' "request" "conns" "p50 ms" "p99 ms" "requests/s"
for target in health speech; do
    for connections in 1 16 64; do
        if [[ $target == health ]]; then
            output=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/api/health")
            label="GET /api/health"
        else
            output=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$work/speech.lua" "http://127.0.0.1:$port/v1/audio/speech")
            label="POST /v1/audio/speech (cached)"
        fi
        # wrk prints latencies as 123.45us / 1.23ms / 1.23s.
        to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print substr(v, 1, length(v)-2)/1000; else if (v ~ /ms$/) print substr(v, 1, length(v)-2)+0; else print substr(v, 1, length(v)-1)*1000 }'; }
        p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$output")")
        p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$output")")
        rps=$(awk '$1 == "Requests/sec:" { print $2 }' <<<"$output")
        errors=$(grep -E "Non-2xx|Socket errors" <<<"$output" || true)
        printf '%-34s %5d %10.3f %10.3f %12s %s\n' "$label" "$connections" "$p50" "$p99" "$rps" "$errors"
    done
done
