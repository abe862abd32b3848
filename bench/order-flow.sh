#!/usr/bin/env bash
# Benchmark of the order flow: PostgreSQL (the devstack's, synchronous_commit on) and the three
# services as separate JVMs on loopback, driven by loadgen at fixed rates after a JIT warm-up.
# Prints, per rate and run: achieved throughput, errors, p50/p99/p99.9 latency, CPU time per order
# (each service JVM, PostgreSQL and loadgen) and RSS per service; then, with --find-max, the
# highest rate held: every order placed, the rate achieved and p99 under --max-p99 (100 ms).
# Usage: bench/order-flow.sh [--rates "100 500 1000"] [--runs 3] [--duration 30s] [--warmup 120s]
#        [--find-max] [--max-p99 100] [--out DIR] [--jvm-opts "extra service JVM flags"]
#        [--loadgen-opts "loadgen JVM flags, instead of -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"]
# Needs the jars: ./mvnw -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

rates="100 500 1000"; runs=3; duration=30s; warmup=120s; find_max=false; max_p99=100; out=""; jvm_opts=""
# loadgen shares the two cores with the shop: C1 only and the serial collector cut its CPU per
# order by a quarter (no C2 compilations, no parallel GC threads) at no cost to its timing.
loadgen_opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
while [ $# -gt 0 ]; do
  case "$1" in
    --rates) rates="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --find-max) find_max=true; shift ;;
    --max-p99) max_p99="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --jvm-opts) jvm_opts="$2"; shift 2 ;;
    --loadgen-opts) loadgen_opts="$2"; shift 2 ;;
    *) echo "bench: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/shop.sh
. bench/lib/shop.sh
start_shop

# The ramp ends at the highest rate measured: JITs warmed at a lower rate still recompile there.
peak=$(tr ' ' '\n' <<<"$rates" | sort -n | tail -1)
warm_up "$warmup" "$peak"
# Each measured run starts with a short ramp of its own, for loadgen's own cold JVM.
RUN_WARMUP=5s

TICKS=$(getconf CLK_TCK)
printf '| rate/s | run | achieved/s | errors | p50 ms | p99 ms | p99.9 ms | CPU ms/order: order, inventory, notification, PostgreSQL, total | loadgen CPU ms/order | RSS MB at the end: order, inventory, notification | ledger |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
measure() { # rate run -> prints a table row; returns 1 unless the rate was held (see the header)
  local rate=$1 run=$2 file="$out/rate-$1-run-$2.json" before after pg_before pg_after rss
  settle
  read -r -a before <<<"$(for p in $(service_pids); do cpu_ticks "$p"; done | tr '\n' ' ')"
  pg_before=$(pg_ticks)
  local status=0
  loadgen "$rate" "$duration" "$file" --warmup "$RUN_WARMUP" || status=$?
  read -r -a after <<<"$(for p in $(service_pids); do cpu_ticks "$p"; done | tr '\n' ' ')"
  pg_after=$(pg_ticks)
  rss="$(for p in $(service_pids); do rss_mb "$p"; done | paste -sd, | sed 's/,/, /g')"
  python3 - "$file" "$TICKS" "${before[*]}" "${after[*]}" "$pg_before" "$pg_after" "$rate" "$run" "$status" "$rss" "$max_p99" <<'PY'
import json, re, sys
f, ticks, before, after, pgb, pga, rate, run, status, rss, max_p99 = sys.argv[1:]
r = json.load(open(f))
done = max(1, r["completed"])
orders = done + r["warmup"]["requests"] # CPU is counted over the run's warm-up too
cpu = [(int(a) - int(b)) * 1000.0 / int(ticks) / orders for a, b in zip(after.split(), before.split())]
cpu.append((int(pga) - int(pgb)) * 1000.0 / int(ticks) / orders)
lat = r["latencyMs"]
m = [float(a) * 60 + float(b) for a, b in re.findall(r"(\d+)m([\d.]+)s", open(f + ".cpu").read().splitlines()[1])]
loadgen_cpu = sum(m) * 1000.0 / orders
errors = r["completed"] - r["statusCounts"].get("201", 0)
print(f"| {rate} | {run} | {r['throughputPerSecond']:.0f} | {errors} | {lat['p50']:.1f} | {lat['p99']:.1f} |"
      f" {lat['p999']:.1f} | {', '.join(f'{c:.2f}' for c in cpu)}, {sum(cpu):.2f} | {loadgen_cpu:.2f} |"
      f" {rss} | {r['ledger']['verdict']} |")
held = (errors == 0 and status == "0" and r["throughputPerSecond"] >= 0.99 * int(rate)
        and lat["p99"] <= float(max_p99))
sys.exit(0 if held else 1)
PY
}

for rate in $rates; do
  for run in $(seq 1 "$runs"); do measure "$rate" "$run" || true; done
done

if $find_max; then
  rate=800 held=""
  while measure "$rate" max; do held=$rate; rate=$((rate + 100)); done
  log "highest rate held (no errors, p99 under $max_p99 ms): ${held:-none of 800/s and up} ${held:+orders/s}"
fi

printf '\npeak RSS (MB) after the runs: order %s, inventory %s, notification %s\n' \
  "$(peak_rss_mb "$order_pid")" "$(peak_rss_mb "$inventory_pid")" "$(peak_rss_mb "$notification_pid")"
