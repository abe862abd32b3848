#!/usr/bin/env bash
# Produces monitoring/img/order-rate.png: Prometheus' own graph of the order rate by status
# (namespace_status:order_requests:rate1m, a recording rule of rules/recording.rules.yml) while
# loadgen drives the devstack at 40, then 120 orders/s. Uses monitoring/prometheus/prometheus.yml
# as it is (15 s scrapes), so the run takes about 4 minutes.
# Needs: the jars (./mvnw -B -q package -DskipTests), prometheus (apt-get install prometheus),
# chromium (apt-get install chromium), and ports 5000-5002 free for the devstack.
# Usage: monitoring/screenshot.sh [--out FILE] [--port PROMETHEUS_PORT]
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[screenshot] %s\n' "$*" >&2; }
die() { printf '[screenshot] ERROR: %s\n' "$*" >&2; exit 1; }

out=monitoring/img/order-rate.png port=19090
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || die "--out needs a file"; out="$2"; shift 2 ;;
    --port) [ $# -ge 2 ] || die "--port needs a number"; port="$2"; shift 2 ;;
    *) die "unknown option $1 (usage: $0 [--out FILE] [--port PROMETHEUS_PORT])" ;;
  esac
done
if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  die "--port must be 1-65535, not '$port'"
fi

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])' || die "needs Java 21+: set JAVA_HOME"
command -v prometheus >/dev/null || die "prometheus is not installed (apt-get install prometheus)"
browser=""
for candidate in chromium chromium-browser google-chrome; do
  command -v "$candidate" >/dev/null && { browser=$candidate; break; }
done
[ -n "$browser" ] || die "no headless browser: apt-get install chromium"
for jar in apps/devstack/target/devstack.jar apps/loadgen/target/loadgen.jar; do
  [ -f "$jar" ] || die "$jar is missing: run ./mvnw -B -q package -DskipTests first"
done
for p in 5000 5001 5002 "$port"; do
  ! curl -s -o /dev/null "http://localhost:$p/" || die "port $p is in use: stop what runs there"
done

work=$(mktemp -d /tmp/chaoslab-screenshot.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

log "starting the devstack (logs in $work/devstack.log)"
"$JAVA" -jar apps/devstack/target/devstack.jar >"$work/devstack.log" 2>&1 &
pids+=($!)
for p in 5000 5001 5002; do
  for _ in $(seq 1 300); do curl -fs "http://localhost:$p/ready" >/dev/null && break; sleep 0.2; done
  curl -fs "http://localhost:$p/ready" >/dev/null || die "the devstack did not get ready: see $work/devstack.log"
done

log "starting Prometheus on port $port with monitoring/prometheus/prometheus.yml"
prometheus --config.file=monitoring/prometheus/prometheus.yml --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$port" --log.level=warn >"$work/prometheus.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/-/ready" >/dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/-/ready" >/dev/null || die "Prometheus did not start: see $work/prometheus.log"

for step in "40 90s" "120 90s"; do
  read -r rate duration <<<"$step"
  log "loadgen: $rate orders/s for $duration"
  "$JAVA" -jar apps/loadgen/target/loadgen.jar --rate "$rate" --duration "$duration" --quiet \
    >"$work/loadgen-$rate.txt" 2>&1 || die "loadgen failed: $(tail -5 "$work/loadgen-$rate.txt")"
done
log "waiting 30 s for the last scrapes and rule evaluations"
sleep 30

query='sum by (status) (namespace_status:order_requests:rate1m)'
url="http://127.0.0.1:$port/graph?g0.expr=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$query")&g0.tab=0&g0.range_input=5m"
samples=$(curl -fs "http://127.0.0.1:$port/api/v1/query_range" --data-urlencode "query=$query" \
  --data-urlencode "start=$(($(date +%s) - 300))" --data-urlencode "end=$(date +%s)" \
  --data-urlencode "step=15" | python3 -c 'import json, sys; print(sum(len(r["values"]) for r in json.load(sys.stdin)["data"]["result"]))')
[ "$samples" -gt 10 ] || die "Prometheus has only $samples points of the order rate: see $work/prometheus.log"
mkdir -p "$(dirname "$out")"
log "screenshot of $url"
sandbox=()
[ "$(id -u)" != 0 ] || sandbox=(--no-sandbox) # Chromium refuses to run as root with its sandbox
"$browser" --headless --disable-gpu "${sandbox[@]}" --hide-scrollbars --window-size=1400,820 \
  --virtual-time-budget=10000 --screenshot="$out" "$url" >"$work/browser.log" 2>&1 \
  || die "$browser failed: $(tail -5 "$work/browser.log")"
[ -s "$out" ] || die "no screenshot written: see $work/browser.log"
log "wrote $out ($samples points of the order rate)"
