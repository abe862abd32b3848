#!/usr/bin/env bash
# Cross-checks loadgen's latency figures against an independent tool, hey (Debian package `hey`),
# on the same shop at the same rate: PostgreSQL and the three services as in order-flow.sh, one
# product for both tools (hey sends one fixed body), runs alternating between the tools so drift
# hits both alike. Prints one row per run: achieved rate, p50/p90/p99, the answers, and the tool's
# own CPU time per request (both share the two cores with the shop).
# Usage: bench/cross-check.sh [--rate 200] [--runs 3] [--duration 20s] [--warmup 30s] [--out DIR]
# Needs the jars (./mvnw -B -q package -DskipTests) and hey.
set -euo pipefail
cd "$(dirname "$0")/.."

rate=200; runs=3; duration=20s; warmup=30s; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "cross-check: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
command -v hey >/dev/null || { echo "cross-check: hey is missing: apt-get install hey" >&2; exit 1; }
# One hey worker paced to the whole rate: requests evenly spaced, as loadgen's. (hey paces each
# worker on its own ticker, all started together: 20 workers at 10/s each send bursts of 20
# orders at once, which queue on the one product's stock row and add ~10 ms to hey's p50.) A
# single worker waits for each answer before the next request, so a slow answer delays the ones
# after it without counting it: hey under-reports the tail once answers take longer than the
# interval; loadgen counts latency from each request's due time.

# shellcheck source=bench/lib/shop.sh
. bench/lib/shop.sh
start_shop
warm_up "$warmup"

product=keyboard
printf '| tool | run | achieved/s | p50 ms | p90 ms | p99 ms | answers | tool CPU ms/request |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for run in $(seq 1 "$runs"); do
  settle
  loadgen "$rate" "$duration" "$out/loadgen-$run.json" --products "$product" --no-ledger || true
  python3 - "$out/loadgen-$run.json" "$run" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1])); lat = r["latencyMs"]
answers = ", ".join(f"{k}: {v}" for k, v in sorted(r["statusCounts"].items()))
cpu = sum(float(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", open(sys.argv[1] + ".cpu").read().splitlines()[1]))
per = cpu * 1000 / (r["completed"] + r["warmup"]["requests"])
print(f"| loadgen | {sys.argv[2]} | {r['throughputPerSecond']:.0f} | {lat['p50']:.1f} | {lat['p90']:.1f} | {lat['p99']:.1f} | {answers} | {per:.2f} |")
PY
  settle
  # No Idempotency-Key: every request is a new order, as loadgen's are.
  (
    hey -z "$duration" -c 1 -q "$rate" -m POST -T application/json \
      -d "{\"productId\":\"$product\",\"quantity\":1,\"customerEmail\":\"hey@example.com\"}" \
      "http://localhost:$ORDER_PORT/orders" >"$out/hey-$run.txt" 2>&1 || true
    times >"$out/hey-$run.txt.cpu"
  )
  python3 - "$out/hey-$run.txt" "$run" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
q = {int(p): float(s) * 1000 for p, s in re.findall(r"(\d+)% in ([\d.]+) secs", text)}
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
counts = re.findall(r"\[(\d+)\]\s+(\d+) responses", text)
answers = ", ".join(f"{c}: {n}" for c, n in counts)
cpu = sum(float(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", open(sys.argv[1] + ".cpu").read().splitlines()[1]))
per = cpu * 1000 / max(1, sum(int(n) for _, n in counts))
print(f"| hey | {sys.argv[2]} | {rps:.0f} | {q[50]:.1f} | {q[90]:.1f} | {q[99]:.1f} | {answers} | {per:.2f} |")
PY
done
