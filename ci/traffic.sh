#!/usr/bin/env bash
# Drives traffic at the shop in the cluster while chaos runs: port-forwards to the order and
# inventory Services (restarted when the pod behind one is killed: a port-forward is tied to one
# pod) and runs loadgen in the background; `stop` ends loadgen (it prints its report on SIGTERM)
# and the forwards.
#
# Usage: ci/traffic.sh start [--rate N] [--duration DURATION] | stop
#   start               forward 127.0.0.1:5000 to svc/demo-order and :5001 to svc/demo-inventory
#                       in namespace shop, then start loadgen; already running: nothing to do
#   --rate N            orders per second (default 50)
#   --duration DURATION how long loadgen runs at most, e.g. 20m (default 30m; `stop` ends it sooner)
#   stop                stop loadgen and the forwards; prints loadgen's report and exits with its
#                       status (0 fine, 1 too many errors, 3 stock ledger broken; see apps/loadgen)
#
# Needs kubectl, java and apps/loadgen/target/loadgen.jar (ci/build.sh). Files (pids, report,
# progress) go to $CHAOSLAB_ARTIFACTS/traffic (default ci-artifacts/traffic).
set -euo pipefail
SCRIPT=traffic
# shellcheck source=ci/lib/pipeline.sh
. "${BASH_SOURCE[0]%/*}/lib/pipeline.sh"

ACTION='' RATE=50 DURATION=30m
while [ $# -gt 0 ]; do
  case "$1" in
    start | stop) ACTION=$1; shift ;;
    --rate) RATE=${2:?--rate needs a value}; shift 2 ;;
    --duration) DURATION=${2:?--duration needs a value}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (--help lists them)" ;;
  esac
done
[ -n "$ACTION" ] || die "say start or stop (--help)"
STATE="$CHAOSLAB_ARTIFACTS/traffic"
JAR="${BASH_SOURCE[0]%/*}/../apps/loadgen/target/loadgen.jar"
mkdir -p "$STATE"

alive() { [ -f "$STATE/$1.pid" ] && kill -0 "$(cat "$STATE/$1.pid")" 2>/dev/null; }

if [ "$ACTION" = stop ]; then
  for forward in forward-order forward-inventory; do
    if alive "$forward"; then kill "$(cat "$STATE/$forward.pid")" && say "stopped $forward"; fi
    rm -f "$STATE/$forward.pid"
  done
  if alive loadgen; then
    say "stopping loadgen (SIGTERM: it finishes the requests in flight and reports)"
    kill "$(cat "$STATE/loadgen.pid")"
    for _ in $(seq 60); do [ -f "$STATE/loadgen.rc" ] && break; sleep 1; done
  fi
  rm -f "$STATE/loadgen.pid"
  [ -f "$STATE/loadgen.rc" ] || { say "no loadgen ran (nothing to report)"; exit 0; }
  say "loadgen's report ($STATE/report.txt):"
  cat "$STATE/report.txt"
  status=$(cat "$STATE/loadgen.rc")
  [ "$status" = 0 ] || warn "loadgen exited $status (1 too many errors, 3 ledger broken, 4 shop unreachable)"
  exit "$status"
fi

need kubectl java
[ -f "$JAR" ] || die "$JAR is missing: build it first (ci/build.sh, or ./mvnw -B -q -pl apps/loadgen -am package -DskipTests)"
if alive loadgen; then
  say "traffic already running (loadgen pid $(cat "$STATE/loadgen.pid")): nothing to do"
  exit 0
fi
# forward NAME SERVICE PORT: a port-forward that comes back when the pod behind it goes away.
forward() {
  local name=$1 service=$2 port=$3
  alive "$name" && return 0
  # shellcheck disable=SC2016 # expanded by the inner bash
  bash -c 'trap "kill \$child 2>/dev/null; exit 0" TERM
    while :; do
      kubectl port-forward -n shop "svc/$1" "$2:$2" & child=$!
      wait "$child" || true
      sleep 0.5
    done' forward "$service" "$port" </dev/null >>"$STATE/$name.log" 2>&1 &
  echo $! >"$STATE/$name.pid"
  for _ in $(seq 50); do
    if { : >"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then say "forwarding 127.0.0.1:$port to svc/$service"; return 0; fi
    sleep 0.2
  done
  kill "$(cat "$STATE/$name.pid")" 2>/dev/null || true # not left retrying in the background
  rm -f "$STATE/$name.pid"
  die "port-forward to svc/$service did not open 127.0.0.1:$port in 10 s ($STATE/$name.log: $(tail -n 1 "$STATE/$name.log"))"
}
forward forward-order demo-order 5000
forward forward-inventory demo-inventory 5001

rm -f "$STATE/loadgen.rc"
say "starting loadgen: $RATE orders/s for at most $DURATION (progress: $STATE/progress.log)"
(
  java -jar "$JAR" --url http://127.0.0.1:5000 --inventory-url http://127.0.0.1:5001 \
    --rate "$RATE" --warmup 10s --duration "$DURATION" >"$STATE/report.txt" 2>"$STATE/progress.log" &
  echo $! >"$STATE/loadgen.pid"
  status=0
  wait $! || status=$?
  echo "$status" >"$STATE/loadgen.rc"
) </dev/null >/dev/null 2>&1 & # nothing of ours held open: a CI step ends when this script does
for _ in $(seq 50); do [ -f "$STATE/loadgen.pid" ] && break; sleep 0.1; done
say "loadgen running (pid $(cat "$STATE/loadgen.pid")); stop it with: ci/traffic.sh stop"
