#!/usr/bin/env bash
# Benchmark of the order flow: PostgreSQL (the devstack's, synchronous_commit on) and the three
# services as separate JVMs on loopback, driven by loadgen at fixed rates after a JIT warm-up.
# Prints, per rate and run: achieved throughput, errors, p50/p99/p99.9 latency, CPU time per order
# (each service JVM and PostgreSQL) and peak RSS per service; then the highest rate held with no
# errors. Usage: bench/order-flow.sh [--rates "100 500 1000"] [--runs 3] [--duration 30s]
#        [--warmup 8s (per ramp step)] [--find-max] [--out DIR]
# Needs the jars: ./mvnw -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

rates="100 500 1000"; runs=3; duration=30s; warmup=8s; find_max=false; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rates) rates="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --find-max) find_max=true; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "bench: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])' || die "needs Java 21+: set JAVA_HOME"
for jar in apps/devstack/target/devstack.jar apps/loadgen/target/loadgen.jar \
  apps/order-service/target/order-service.jar apps/inventory-service/target/inventory-service.jar \
  apps/notification-service/target/notification-service.jar; do
  [ -f "$jar" ] || die "$jar is missing: run ./mvnw -B -q package -DskipTests first"
done

out="${out:-$(mktemp -d /tmp/chaoslab-bench.XXXXXX)}"
mkdir -p "$out"
DB_PORT=45432 ORDER_PORT=45000 INVENTORY_PORT=45001 NOTIFICATION_PORT=45002
# The same JVM settings as the images, with a fixed heap so runs compare.
JVM_FLAGS=(-Xms256m -Xmx256m -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

log "results and logs in $out"
log "starting PostgreSQL (devstack --database-only, port $DB_PORT)"
"$JAVA" -jar apps/devstack/target/devstack.jar --database-only --db-port "$DB_PORT" \
  --log-level WARN >"$out/database.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do grep -q 'devstack is up' "$out/database.log" && break; sleep 0.2; done
grep -q 'devstack is up' "$out/database.log" || die "PostgreSQL did not start: see $out/database.log"
DB_URL="jdbc:postgresql://localhost:$DB_PORT/postgres"
postmaster=$(pgrep -f "postgres -D .* -p $DB_PORT" | head -1)

start_service() { # name port main-jar [env...]
  local name=$1 port=$2 jar=$3; shift 3
  log "starting $name on port $port"
  env PORT="$port" DATABASE_URL="$DB_URL" LOG_LEVEL=WARN SHUTDOWN_DRAIN_MS=0 "$@" \
    "$JAVA" "${JVM_FLAGS[@]}" -jar "$jar" >"$out/$name.log" 2>&1 &
  pids+=($!)
  eval "${name}_pid=$!"
  for _ in $(seq 1 300); do
    curl -fs "http://localhost:$port/ready" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "$name did not become ready: see $out/$name.log"
}
start_service inventory "$INVENTORY_PORT" apps/inventory-service/target/inventory-service.jar
start_service notification "$NOTIFICATION_PORT" apps/notification-service/target/notification-service.jar
start_service order "$ORDER_PORT" apps/order-service/target/order-service.jar \
  INVENTORY_URL="http://localhost:$INVENTORY_PORT" NOTIFICATION_URL="http://localhost:$NOTIFICATION_PORT"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() {
  local total=0 pid
  for pid in "$postmaster" $(pgrep -P "$postmaster"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
peak_rss_mb() { awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
# shellcheck disable=SC2154 # the *_pid variables are set by start_service through eval
service_pids() { echo "$order_pid $inventory_pid $notification_pid"; }

loadgen() { # rate duration file [extra loadgen options]
  local rate=$1 time=$2 file=$3; shift 3
  "$JAVA" -Xmx256m -jar apps/loadgen/target/loadgen.jar --url "http://localhost:$ORDER_PORT" \
    --inventory-url "http://localhost:$INVENTORY_PORT" --rate "$rate" --duration "$time" \
    --json --quiet "$@" >"$file" 2>>"$out/loadgen.log"
}

# A cold JVM runs at a fraction of its speed: ramp up, so the warm-up itself does not overload
# the shop (an overloaded shop times out, and its leftovers would disturb the measured runs).
log "warming up the JITs: a ramp from 100 to 800 orders/s, $warmup per step"
for rate in 100 200 400 600 800; do
  loadgen "$rate" "$warmup" "$out/warmup-$rate.json" --no-ledger || true
done

settle() { # until the outbox is empty: no background work left over from the previous run
  local pending
  for _ in $(seq 1 120); do
    pending=$(curl -fs "http://localhost:$ORDER_PORT/metrics" | awk '/^notification_outbox_pending/ {print int($2)}')
    [ "${pending:-1}" = 0 ] && return 0
    sleep 0.5
  done
  log "warning: $pending notifications still pending after 60 s"
}

TICKS=$(getconf CLK_TCK)
printf '| rate/s | run | achieved/s | errors | p50 ms | p99 ms | p99.9 ms | CPU ms/order: order, inventory, notification, PostgreSQL, total | ledger |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
measure() { # rate run -> prints a table row, returns 1 when the run had errors
  local rate=$1 run=$2 file="$out/rate-$1-run-$2.json" before after pg_before pg_after
  read -r -a before <<<"$(for p in $(service_pids); do cpu_ticks "$p"; done | tr '\n' ' ')"
  pg_before=$(pg_ticks)
  local status=0
  settle
  loadgen "$rate" "$duration" "$file" || status=$?
  read -r -a after <<<"$(for p in $(service_pids); do cpu_ticks "$p"; done | tr '\n' ' ')"
  pg_after=$(pg_ticks)
  python3 - "$file" "$TICKS" "${before[*]}" "${after[*]}" "$pg_before" "$pg_after" "$rate" "$run" "$status" <<'PY'
import json, sys
f, ticks, before, after, pgb, pga, rate, run, status = sys.argv[1:]
r = json.load(open(f))
done = max(1, r["completed"])
cpu = [(int(a) - int(b)) * 1000.0 / int(ticks) / done for a, b in zip(after.split(), before.split())]
cpu.append((int(pga) - int(pgb)) * 1000.0 / int(ticks) / done)
lat = r["latencyMs"]
errors = r["completed"] - r["statusCounts"].get("201", 0)
print(f"| {rate} | {run} | {r['throughputPerSecond']:.0f} | {errors} | {lat['p50']:.1f} | {lat['p99']:.1f} |"
      f" {lat['p999']:.1f} | {', '.join(f'{c:.2f}' for c in cpu)}, {sum(cpu):.2f} |"
      f" {r['ledger']['verdict']} |")
sys.exit(1 if errors > 0 or status != "0" else 0)
PY
}

for rate in $rates; do
  for run in $(seq 1 "$runs"); do measure "$rate" "$run" || true; done
done

if $find_max; then
  rate=1100
  while measure "$rate" max; do rate=$((rate + 100)); done
  log "highest rate held with no errors: $((rate - 100)) orders/s"
fi

printf '\npeak RSS (MB) after the runs: order %s, inventory %s, notification %s\n' \
  "$(peak_rss_mb "$order_pid")" "$(peak_rss_mb "$inventory_pid")" "$(peak_rss_mb "$notification_pid")"
